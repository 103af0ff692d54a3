// A fresh GATEWAY_HOME per test, removed afterwards.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function makeTempHome(): Promise<{ home: string; cleanup: () => Promise<void> }> {
  const home = await mkdtemp(join(tmpdir(), 'gateway-home-'));
  // A background write the gateway does not wait for at close (the client version cache, written
  // atomically through a temp file) can land while the folder is being removed: retry then.
  return { home, cleanup: () => rm(home, { recursive: true, force: true, maxRetries: 5, retryDelay: 20 }) };
}
