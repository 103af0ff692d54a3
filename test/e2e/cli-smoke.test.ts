// The built binary as a user runs it (bin/gateway.js → dist/), for what only a process shows: the
// launcher and the version, a real SIGTERM ending `gateway start` with exit 0 and being forwarded
// by `gateway run` to its client, and the keychain's D-Bus address read from the process's own
// environment. Every other CLI test runs main() in-process (test/helpers/cli.ts).
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { cliEnv, lines, useCliHome } from '../helpers/cli.js';
import { seedAccount } from '../helpers/seed-accounts.js';
import { assertBuilt, runBuiltCli, spawnCli } from '../helpers/spawn-cli.js';
import { makeStandIns, type StandIns } from '../helpers/stand-in-clients.js';
import { startGateway, type Gateway } from '../helpers/start-gateway.js';

const cli = useCliHome();
beforeAll(() => assertBuilt());

describe('the built binary', () => {
  it('prints the package version', async () => {
    const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    const result = await runBuiltCli(['--version'], cli.env());
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(pkg.version);
  });

  it('gateway start: the ready line, an answer, and exit 0 on SIGTERM', async () => {
    await seedAccount(cli.home, cli.emulator, 'user@example.com');
    const run = spawnCli(['start'], cli.env({ GATEWAY_PORT: '0' }));
    try {
      const [, url, count] = await run.waitFor(/gateway ready on (http:\/\/127\.0\.0\.1:\d+) · (\d+) account/);
      expect(count).toBe('1');
      // A real generation leaves a keep-alive socket to the upstream, which must not delay the exit.
      const answer = await fetch(`${url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'gemini-3-flash', messages: [{ role: 'user', content: 'hi' }] }),
      });
      expect(answer.status).toBe(200);
      await answer.text();
    } finally {
      run.child.kill('SIGTERM');
    }
    const result = await run.done;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/stopping/);
  });
});

describe('accounts add where no keychain answers', () => {
  // A D-Bus address that leads nowhere: the Secret Service cannot answer. The keychain library
  // reads it from the process's own environment, hence a process.
  const noKeychain = (store: string): NodeJS.ProcessEnv => cli.env({ GATEWAY_SECRET_STORE: store, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/gateway-test-bus' });
  const accountsJson = async (): Promise<{ accounts: Record<string, unknown>[] }> => JSON.parse(await readFile(join(cli.home, 'accounts.json'), 'utf8'));

  it('auto falls back to the 0600 file and says so in one warning line', async (ctx) => {
    if (process.platform !== 'linux') ctx.skip('only Linux lets the test take the keychain away (D-Bus address)');
    const google = cli.emulator.state.addAccount('fallback@example.com');
    const result = await runBuiltCli(['accounts', 'add', '--refresh-token', google.refreshToken], noKeychain('auto'));
    expect(result.code, result.stderr).toBe(0);
    const warnings = lines(result.stderr).filter((l) => l.startsWith('warning:'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/No OS keychain answered .*secrets\.json \(mode 0600\)/);
    expect((await stat(join(cli.home, 'secrets.json'))).mode & 0o777).toBe(0o600);
    expect((await accountsJson()).accounts[0]).toMatchObject({ secretBackend: 'file' });
  });

  it('keychain without a keychain is one clear error and stores nothing', async (ctx) => {
    if (process.platform !== 'linux') ctx.skip('only Linux lets the test take the keychain away (D-Bus address)');
    const google = cli.emulator.state.addAccount('strict@example.com');
    const result = await runBuiltCli(['accounts', 'add', '--refresh-token', google.refreshToken], noKeychain('keychain'));
    expect(result.code).toBe(1);
    expect(lines(result.stderr)).toHaveLength(1);
    expect(result.stderr).toMatch(/^error: The OS keychain did not answer .*GATEWAY_SECRET_STORE=file/);
    await expect(stat(join(cli.home, 'accounts.json'))).rejects.toThrow(/ENOENT/);
  });
});

describe('gateway run as a process', () => {
  let gw: Gateway | undefined;
  let standIns: StandIns;
  beforeEach(async () => {
    standIns = await makeStandIns(cli.home, ['claude']);
  });
  afterEach(async () => {
    await gw?.close();
    gw = undefined;
  });

  it('forwards SIGTERM to the client and exits with its code', async () => {
    gw = await startGateway({ emulator: cli.emulator });
    const env = { ...cliEnv(gw.home, { GATEWAY_PORT: new URL(gw.url).port, STANDIN_WAIT: '1' }), PATH: standIns.path, STANDIN_RECORD_DIR: standIns.recordDir };
    const run = spawnCli(['run', 'claude'], env);
    // The stand-in records itself once it waits for the signal; `gateway run` says what it started first.
    await run.waitFor(/claude → gateway on/);
    await vi.waitFor(async () => expect((await standIns.recorded('claude')).waiting).toBe(true), { timeout: 15_000, interval: 10 });
    run.child.kill('SIGTERM');
    const result = await run.done;
    expect((await standIns.recorded('claude')).got).toBe('SIGTERM');
    expect(result.code).toBe(143);
  });
});
