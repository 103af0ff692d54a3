// HTTP(S)_PROXY is honoured for upstream traffic (Node's fetch alone would ignore it).
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startConnectProxy, type ConnectProxy } from '../helpers/connect-proxy.js';
import { runCli, useCliHome } from '../helpers/run-cli.js';
import { seedAccount } from '../helpers/seed-accounts.js';

const cli = useCliHome();
let proxy: ConnectProxy;
beforeEach(async () => {
  proxy = await startConnectProxy();
});
afterEach(() => proxy.close());

const emulatorHost = (): string => new URL(cli.emulator.url).host;

it('sends token refreshes through HTTPS_PROXY / HTTP_PROXY when set', async () => {
  await seedAccount(cli.home, cli.emulator, 'a@example.com');
  const env = cli.env({ HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url, NO_PROXY: '' });
  delete env.http_proxy;
  delete env.https_proxy;
  delete env.no_proxy;
  const result = await runCli(['accounts', 'verify'], env);
  expect(result.code, result.stderr).toBe(0);
  expect(proxy.targets).toContain(emulatorHost());
  expect(cli.emulator.state.calls('token')).toHaveLength(1);
});

it('goes direct when no proxy is set, and when NO_PROXY names the host', async () => {
  await seedAccount(cli.home, cli.emulator, 'a@example.com');
  const base = cli.env();
  for (const k of ['HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'http_proxy', 'https_proxy', 'no_proxy']) delete base[k];
  expect((await runCli(['accounts', 'verify'], base)).code).toBe(0);
  const bypass = await runCli(['accounts', 'verify'], { ...base, HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' });
  expect(bypass.code, bypass.stderr).toBe(0);
  expect(proxy.targets).toEqual([]);
  expect(cli.emulator.state.calls('token')).toHaveLength(2);
});
