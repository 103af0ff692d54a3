import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from './load-config.js';
import type { Config } from './schema.js';
import { watchConfig, type ConfigWatch } from './watch-config.js';

let home: string | undefined;
let watching: ConfigWatch | undefined;
afterEach(async () => {
  watching?.close();
  if (home) await rm(home, { recursive: true, force: true });
  home = watching = undefined;
});

describe('watchConfig without an OS watch', () => {
  it('falls back to polling config.json and still applies a live edit', async () => {
    home = await mkdtemp(join(tmpdir(), 'gateway-watch-'));
    const env = { GATEWAY_HOME: home };
    const current = await loadConfig(env);
    const info: string[] = [];
    const changes: Array<{ next: Readonly<Config>; changed: string[] }> = [];
    const refused = (): never => {
      throw Object.assign(new Error('inotify instances used up'), { code: 'EMFILE' });
    };
    watching = watchConfig({
      env,
      flags: {},
      current,
      onChange: (next, changed) => changes.push({ next, changed }),
      warn: () => undefined,
      info: (l) => info.push(l),
      watch: refused,
      pollMs: 20,
    });
    expect(info.join('\n')).toMatch(/cannot watch the gateway home \(inotify instances used up\); checking it every 0.02 s/);
    await writeFile(join(home, 'config.json'), '{ "strategy": "sticky" }\n');
    await vi.waitFor(() => expect(changes.at(-1)?.changed).toEqual(['strategy']), { timeout: 10_000 });
    expect(changes.at(-1)?.next.strategy).toBe('sticky');
  });
});
