// config.json edited under a running `gateway start`: aliases, strategy and CORS origins apply
// without a restart; a bad edit keeps the last good config and says so in one WARN line.
import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/server.js';
import { cliEnv, startCli } from '../helpers/cli.js';
import { seedAccount } from '../helpers/seed-accounts.js';

let root: string;
let emulator: Emulator;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'gateway-reload-'));
  emulator = await startEmulator();
  await seedAccount(root, emulator, 'user@example.com');
});
afterEach(async () => {
  await emulator.close();
  await rm(root, { recursive: true, force: true });
});

/** Polls until `check` holds (the watch reacts to the file system, not to a clock the test controls). */
async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`never: ${what}`);
}

/** As editors save: a whole new file renamed over the old, so the watch never sees half an edit. */
async function save(path: string, text: string): Promise<void> {
  await writeFile(`${path}.tmp`, text);
  await rename(`${path}.tmp`, path);
}

describe('config.json under a running gateway', () => {
  it('applies aliases, strategy and CORS origins live, and keeps the last good config on a bad edit', async () => {
    const configPath = join(root, 'config.json');
    await writeFile(configPath, '{ "strategy": "quota" }\n');
    const run = startCli(['start'], cliEnv(root, { ...emulator.env, GATEWAY_PORT: '0' }));
    try {
      const [, url] = await run.waitFor(/gateway ready on (http:\/\/127\.0\.0\.1:\d+)/);
      const ask = (model: string): Promise<number> =>
        fetch(`${url}/v1/chat/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] }),
        }).then((r) => r.status);
      const fromPage = (): Promise<Response> => fetch(`${url}/health`, { headers: { origin: 'https://app.example.com' } });
      const strategy = async (): Promise<unknown> => ((await (await fetch(`${url}/account-limits`)).json()) as { strategy?: unknown }).strategy;
      expect(await ask('my-team-model')).toBe(404);
      expect((await fromPage()).status).toBe(403);

      await save(
        configPath,
        '// edited while running\n{\n  "strategy": "sticky",\n  "aliases": { "my-team-model": "gemini-3-flash" },\n  "corsOrigins": ["https://app.example.com"],\n}\n',
      );
      await eventually(async () => (await ask('my-team-model')) === 200, 'the new alias answers');
      const page = await fromPage();
      expect(page.status).toBe(200);
      expect(page.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
      expect(await strategy()).toBe('sticky');
      await run.waitFor(/INFO\s+config\.json reloaded applied="?aliases, strategy, corsOrigins/);

      await save(configPath, '{ "strategy": "sticky", "aliases": { ');
      await run.waitFor(/WARN\s+.*config\.json is not valid JSON \(line 1, column \d+: .*keeps running with the last good config/);
      expect(await ask('my-team-model')).toBe(200);
      expect(run.stderr.text().match(/not valid JSON/g)).toHaveLength(1);
    } finally {
      run.stop();
    }
    expect((await run.done).code).toBe(0);
  });
});
