// HTTP(S)_PROXY is honoured for upstream traffic (Node's fetch alone would ignore it).
import { afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/server.js';
import { startConnectProxy, type ConnectProxy } from '../helpers/connect-proxy.js';
import { assertBuilt, cliEnv, runCli } from '../helpers/run-cli.js';
import { seedAccount } from '../helpers/seed-accounts.js';
import { makeTempHome } from '../helpers/temp-home.js';

let emulator: Emulator;
let proxy: ConnectProxy;
let home: string;
let cleanup: () => Promise<void>;

beforeAll(() => assertBuilt());
beforeEach(async () => {
  emulator = await startEmulator();
  proxy = await startConnectProxy();
  ({ home, cleanup } = await makeTempHome());
});
afterEach(async () => {
  await Promise.all([emulator.close(), proxy.close()]);
  await cleanup();
});

const emulatorHost = (): string => new URL(emulator.url).host;

it('sends token refreshes through HTTPS_PROXY / HTTP_PROXY when set', async () => {
  await seedAccount(home, emulator, 'a@example.com');
  const env = cliEnv(home, { ...emulator.env, HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url, NO_PROXY: '' });
  delete env.http_proxy;
  delete env.https_proxy;
  delete env.no_proxy;
  const result = await runCli(['accounts', 'verify'], env);
  expect(result.code, result.stderr).toBe(0);
  expect(proxy.targets).toContain(emulatorHost());
  expect(emulator.state.calls('token')).toHaveLength(1);
});

it('goes direct when no proxy is set, and when NO_PROXY names the host', async () => {
  await seedAccount(home, emulator, 'a@example.com');
  const base = cliEnv(home, emulator.env);
  for (const k of ['HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'http_proxy', 'https_proxy', 'no_proxy']) delete base[k];
  expect((await runCli(['accounts', 'verify'], base)).code).toBe(0);
  const bypass = await runCli(['accounts', 'verify'], { ...base, HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' });
  expect(bypass.code, bypass.stderr).toBe(0);
  expect(proxy.targets).toEqual([]);
  expect(emulator.state.calls('token')).toHaveLength(2);
});
