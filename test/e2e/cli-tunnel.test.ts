// `gateway start --tunnel` with a stand-in cloudflared that prints what the real one prints: the
// key made and stored when none is set, what to paste into Cursor, the Host guard that now accepts
// the tunnel's name and nothing else, the key required, and the tunnel closed on stop.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/server.js';
import { cliEnv, runCli, startCli } from '../helpers/cli.js';
import { rawRequest } from '../helpers/raw-request.js';
import { seedAccount } from '../helpers/seed-accounts.js';
import { FAKE_TUNNEL_HOST, makeFakeCloudflared, type FakeCloudflared } from '../helpers/fake-cloudflared.js';
import { freePort } from '../helpers/free-port.js';
import { makeStandIns } from '../helpers/stand-in-clients.js';

let root: string;
let home: string;
let emulator: Emulator;
let fake: FakeCloudflared;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'gateway-tunnel-'));
  home = join(root, 'home');
  emulator = await startEmulator();
  await seedAccount(home, emulator, 'user@example.com');
  fake = await makeFakeCloudflared(root);
});
afterEach(async () => {
  await emulator.close();
  await rm(root, { recursive: true, force: true });
});

const env = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
  ...cliEnv(home, { ...emulator.env, GATEWAY_PORT: '0' }),
  PATH: fake.path,
  FAKE_CLOUDFLARED_RECORD: fake.record,
  ...extra,
});

const READY = /gateway ready on (http:\/\/127\.0\.0\.1:\d+)/;

describe('gateway start --tunnel', () => {
  it('makes and stores a key, prints what to paste into Cursor, lets the tunnel host in with the key, and closes the tunnel on stop', async () => {
    const run = startCli(['start', '--tunnel'], env());
    try {
      const [, url] = await run.waitFor(READY);
      const [, key] = await run.waitFor(/OpenAI API Key\s+(gw-[\w-]+)/);
      await run.waitFor(/Add model names\s+.*gemini-3-flash/);
      const out = run.stdout.text() + run.stderr.text();
      expect(out).toContain(`Override OpenAI Base URL  https://${FAKE_TUNNEL_HOST}/v1`);
      expect(out).toMatch(/made one and stored it in .*secrets\.json/);
      expect(out.split(key!).length - 1).toBe(1); // in the Cursor block, nowhere else
      expect((JSON.parse(await readFile(join(home, 'secrets.json'), 'utf8')) as { secrets: Record<string, string> }).secrets['gateway-api-key']).toBe(key);
      expect((await fake.recorded()).args).toEqual(['tunnel', '--no-autoupdate', '--url', url]);

      const viaTunnel = await rawRequest(`${url}/health`, { headers: { host: FAKE_TUNNEL_HOST, authorization: `Bearer ${key}` } });
      expect(viaTunnel.status).toBe(200);
      const noKey = await rawRequest(`${url}/health`, { headers: { host: FAKE_TUNNEL_HOST } });
      expect(noKey.status).toBe(401);
      const otherHost = await rawRequest(`${url}/health`, { headers: { host: 'other.trycloudflare.com', authorization: `Bearer ${key}` } });
      expect(otherHost.status).toBe(403);
    } finally {
      run.stop();
    }
    expect((await run.done).code).toBe(0);
    expect((await fake.recorded()).stopped).toBe(true);

    // The next tunnel reuses the stored key and shows it masked; `gateway run` finds the key too.
    const port = await freePort();
    const again = startCli(['start', '--tunnel'], env({ GATEWAY_PORT: String(port) }));
    try {
      await again.waitFor(/OpenAI API Key\s+gw-\S+…\S+ \(printed in full when it was made/);
      const standIns = await makeStandIns(root, ['claude']);
      const r = await runCli(['run', 'claude'], env({ GATEWAY_PORT: String(port), PATH: standIns.path, STANDIN_RECORD_DIR: standIns.recordDir }));
      expect(r.code, r.stderr).toBe(0);
      const stored = (JSON.parse(await readFile(join(home, 'secrets.json'), 'utf8')) as { secrets: Record<string, string> }).secrets['gateway-api-key'];
      expect((await standIns.recorded('claude')).env.ANTHROPIC_AUTH_TOKEN).toBe(stored);
    } finally {
      again.stop();
    }
    expect((await again.done).code).toBe(0);
  });

  it('uses a configured key as it is and never prints it', async () => {
    const run = startCli(['start', '--tunnel'], env({ GATEWAY_API_KEY: 'sk-configured-secret-1' }));
    try {
      await run.waitFor(/OpenAI API Key\s+<your GATEWAY_API_KEY>/);
    } finally {
      run.stop();
    }
    expect((await run.done).code).toBe(0);
    expect(run.stdout.text() + run.stderr.text()).not.toContain('sk-configured-secret-1');
  });

  it('a named tunnel from config: cloudflared tunnel run <name>, the configured host name', async () => {
    const run = startCli(['start', '--tunnel'], env({ GATEWAY_TUNNEL_NAME: 'my-tunnel', GATEWAY_TUNNEL_HOSTNAME: 'gw.example.com', GATEWAY_API_KEY: 'k' }));
    try {
      await run.waitFor(/Override OpenAI Base URL\s+https:\/\/gw\.example\.com\/v1/);
      expect((await fake.recorded()).args).toEqual(expect.arrayContaining(['tunnel', 'run', 'my-tunnel']));
    } finally {
      run.stop();
    }
    expect((await run.done).code).toBe(0);
  });

  it('without cloudflared says how to install it and starts nothing', async () => {
    const r = await runCli(['start', '--tunnel'], env({ PATH: '/nonexistent' }));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--tunnel needs cloudflared, which is not installed.*brew install cloudflared/);
    expect(r.stdout).not.toMatch(/gateway ready/);
  });
});
