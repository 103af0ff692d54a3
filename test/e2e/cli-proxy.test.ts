// HTTP(S)_PROXY is honoured for upstream traffic (Node's fetch alone would ignore it), with the CLI
// in-process. A configured proxy is process-wide (a global fetch dispatcher), so this file runs in
// a process of its own (vitest project `e2e-process`) and puts the direct dispatcher back after
// each test: every test starts with no proxy installed, whatever ran before it.
import { getGlobalDispatcher, setGlobalDispatcher, type Dispatcher } from 'undici';
import { afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { runCli, useCliHome } from '../helpers/cli.js';
import { startConnectProxy, type ConnectProxy } from '../helpers/connect-proxy.js';
import { seedAccount } from '../helpers/seed-accounts.js';

const cli = useCliHome();
let proxy: ConnectProxy;
let direct: Dispatcher;
beforeAll(() => {
  direct = getGlobalDispatcher();
});
beforeEach(async () => {
  proxy = await startConnectProxy();
});
afterEach(async () => {
  setGlobalDispatcher(direct);
  await proxy.close();
});

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

it('gateway doctor checks the proxy and reaches the endpoints through it', async () => {
  await seedAccount(cli.home, cli.emulator, 'a@example.com');
  const env = cli.env({ HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url, NO_PROXY: '', GATEWAY_PORT: '1' });
  delete env.http_proxy;
  delete env.https_proxy;
  delete env.no_proxy;
  const result = await runCli(['doctor', '--json'], env);
  expect(result.code, result.stderr).toBe(0);
  const report = JSON.parse(result.stdout) as { proxy: Record<string, unknown>; endpoints: Array<{ reachable: boolean }> };
  expect(report.proxy).toMatchObject({ configured: true, reachable: true, url: proxy.url.replace(/\/$/, '') });
  expect(report.endpoints.every((e) => e.reachable)).toBe(true);
  expect(proxy.targets).toContain(emulatorHost());
});

it('gateway doctor: a proxy that does not answer needs you, and its password is never shown', async () => {
  const dead = new URL(proxy.url);
  await proxy.close();
  const url = `http://me:s3cret@${dead.host}`;
  const result = await runCli(['doctor', '--timeout', '2'], { ...cli.env({ HTTP_PROXY: url, HTTPS_PROXY: url, NO_PROXY: '', GATEWAY_PORT: '1' }) });
  expect(result.code).toBe(1);
  expect(result.stdout).toContain(`proxy http://${dead.host} does not answer (ECONNREFUSED)`);
  expect(result.stdout + result.stderr).not.toContain('s3cret');
  expect(result.stderr.split('\n').filter((l) => l.startsWith('error:'))).toHaveLength(1);
});
