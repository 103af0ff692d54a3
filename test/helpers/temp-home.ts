// A fresh GATEWAY_HOME per test, removed afterwards.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function makeTempHome(): Promise<{ home: string; cleanup: () => Promise<void> }> {
  const home = await mkdtemp(join(tmpdir(), 'gateway-home-'));
  return { home, cleanup: () => rm(home, { recursive: true, force: true }) };
}
