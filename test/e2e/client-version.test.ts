// The Antigravity version the gateway claims, through the real server: the updater feed in the
// background (and its cache at the next start), a feed that hangs (nothing waits for it), a local
// Antigravity install, the pin in config.json; and the headers it goes out in.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BUILT_IN_VERSION, versionCachePath } from '../../src/upstreams/code-assist/client-version.js';
import { startEmulator, type Emulator } from '../emulator/server.js';
import type { TodayOptions } from '../emulator/today.js';
import { seedAccount } from '../helpers/seed-accounts.js';
import { startGateway, type Gateway } from '../helpers/start-gateway.js';
import { makeTempHome } from '../helpers/temp-home.js';

interface Env {
  emulator: Emulator;
  home: string;
  start(env?: Record<string, string>): Promise<Gateway>;
}

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function setup(today: TodayOptions): Promise<Env> {
  const emulator = await startEmulator({ today });
  const temp = await makeTempHome();
  await seedAccount(temp.home, emulator, 'user@example.com');
  const gateways: Gateway[] = [];
  cleanup = async () => {
    for (const g of gateways) await g.close();
    await emulator.close();
    await temp.cleanup();
  };
  return {
    emulator,
    home: temp.home,
    async start(env = {}) {
      const gw = await startGateway({ emulator, home: temp.home, env });
      gateways.push(gw);
      return gw;
    },
  };
}

type Health = { status: string; clientVersion: { version: string; source: string; feed: { url: string; ok?: boolean; version?: string; lastCheckedAt?: string } } };
const health = async (gw: Gateway): Promise<Health> => (await (await fetch(`${gw.url}/health`)).json()) as Health;

async function ask(gw: Gateway): Promise<number> {
  const res = await fetch(`${gw.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'gemini-3-flash', messages: [{ role: 'user', content: 'hi' }] }),
  });
  await res.text();
  return res.status;
}

describe('the client version in use', () => {
  it("takes the updater feed's version in the background, sends it as the hub does, and starts from its cache next time", async () => {
    const env = await setup({ feed: { version: '99.5.0' } });
    const gw = await env.start();
    await vi.waitFor(async () => expect((await health(gw)).clientVersion).toMatchObject({ version: '99.5.0', source: 'feed', feed: { ok: true, version: '99.5.0' } }), { timeout: 10_000 });
    expect((await health(gw)).clientVersion.feed.url).toBe(`${env.emulator.url}/manifest/latest-arm64-mac.yml`);
    expect(await ask(gw)).toBe(200);
    const generation = env.emulator.state.calls('streamGenerateContent').at(-1)!.headers;
    expect(generation['user-agent']).toBe('antigravity/hub/99.5.0 darwin/arm64');
    expect(generation['x-client-version']).toBe('99.5.0');
    expect(generation).not.toHaveProperty('x-goog-api-client');
    // The cache is written after the version is taken: wait for the file, not for a moment.
    await vi.waitFor(async () => expect(JSON.parse(await readFile(versionCachePath(env.home), 'utf8'))).toMatchObject({ version: '99.5.0' }), { timeout: 10_000 });

    // The next start, with the feed down: the cached version at once.
    await gw.close();
    env.emulator.state.today.feed = 'fail';
    env.emulator.state.reset();
    const again = await env.start();
    expect((await health(again)).clientVersion).toMatchObject({ version: '99.5.0', source: 'cache' });
    expect(await ask(again)).toBe(200);
    expect(env.emulator.state.calls('fetchAvailableModels')[0]!.headers['user-agent']).toBe('antigravity/hub/99.5.0 darwin/arm64');
    expect(env.emulator.state.calls('streamGenerateContent')[0]!.headers['user-agent']).toBe('antigravity/hub/99.5.0 darwin/arm64');
  });

  it('neither start nor a request waits for a feed that never answers', async () => {
    const env = await setup({ feed: 'hang' });
    const gw = await env.start();
    expect(await ask(gw)).toBe(200);
    expect(env.emulator.state.calls('streamGenerateContent')[0]!.headers['user-agent']).toBe(`antigravity/hub/${BUILT_IN_VERSION} darwin/arm64`);
    const h = await health(gw);
    expect(h.clientVersion).toMatchObject({ version: BUILT_IN_VERSION, source: 'built-in' });
    expect(h.clientVersion.feed.lastCheckedAt).toBeUndefined();
  });

  it('reads a local Antigravity install when the feed has nothing', async () => {
    const env = await setup({});
    const app = join(env.home, 'Antigravity.app', 'Contents', 'Resources', 'app');
    await mkdir(app, { recursive: true });
    await writeFile(join(app, 'product.json'), JSON.stringify({ nameShort: 'Antigravity', version: '99.6.0' }));
    const gw = await env.start({ GATEWAY_ANTIGRAVITY_APP_PATHS: join(env.home, 'Antigravity.app') });
    expect((await health(gw)).clientVersion).toMatchObject({ version: '99.6.0', source: 'local-app' });
    expect(await ask(gw)).toBe(200);
    expect(env.emulator.state.calls('streamGenerateContent')[0]!.headers['user-agent']).toBe('antigravity/hub/99.6.0 darwin/arm64');
  });

  it('a pin in config.json wins over the feed', async () => {
    const env = await setup({ feed: { version: '99.5.0' } });
    await writeFile(join(env.home, 'config.json'), JSON.stringify({ antigravityVersion: '99.7.1' }));
    const gw = await env.start();
    await vi.waitFor(async () => expect((await health(gw)).clientVersion.feed).toMatchObject({ ok: true, version: '99.5.0' }), { timeout: 10_000 });
    expect((await health(gw)).clientVersion).toMatchObject({ version: '99.7.1', source: 'pin' });
  });
});
