// `gateway doctor` against the emulator, in-process: each account state told apart (with the
// verification link), endpoints and a running gateway checked, --probe, --json, the exit code.
import { BUILT_IN_VERSION } from '../../src/upstreams/code-assist/client-version.js';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { DoctorReport } from '../../src/doctor/report.js';
import { updateAccounts } from '../../src/store/accounts-file.js';
import { UNSUPPORTED_CLIENT_MESSAGE, VERIFY_URL } from '../emulator/account-trouble.js';
import { cliEnv, runCli, useCliHome } from '../helpers/cli.js';
import { seedAccount } from '../helpers/seed-accounts.js';
import { startGateway } from '../helpers/start-gateway.js';
import { googleRateLimit } from '../helpers/pool-gateway.js';

const cli = useCliHome();

/** A loopback port nothing listens on (taken and released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

async function doctor(args: string[] = [], extra: Record<string, string> = {}) {
  const port = String(await closedPort());
  return runCli(['doctor', '--port', port, ...args], cli.env(extra));
}

describe('gateway doctor', () => {
  it('says nothing needs you when all is well, and exits 0', async () => {
    await seedAccount(cli.home, cli.emulator, 'a@example.com');
    const result = await doctor();
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain(`Antigravity ${BUILT_IN_VERSION} (the gateway's built-in floor)`);
    expect(result.stdout).toContain('secrets in');
    expect(result.stdout).toMatch(/Cloud Code Assist http:\/\/127\.0\.0\.1:\d+ reachable/);
    expect(result.stdout).toMatch(/Google OAuth token .* reachable/);
    expect(result.stdout).toMatch(/not running at http:\/\/127\.0\.0\.1:\d+/);
    expect(result.stdout).toMatch(/a@example\.com[\s\S]*ok/);
    expect(result.stdout).toContain('Nothing needs you.');
    // Read-only, and nothing generated without --probe.
    expect(cli.emulator.state.calls('streamGenerateContent')).toHaveLength(0);
  });

  it('the identity shows a pin as such', async () => {
    const result = await doctor(['--json'], { GATEWAY_ANTIGRAVITY_VERSION: '9.9.9' });
    const report = JSON.parse(result.stdout) as DoctorReport;
    expect(report.identity).toMatchObject({ version: '9.9.9', source: 'pin', feed: { url: expect.any(String) } });
  });

  it('tells every state apart, with the link and the fix, and exits 1', async () => {
    // ok, with one model out of quota
    cli.emulator.state.addAccount('ok@example.com', {
      quota: { 'gemini-3-flash': { remainingFraction: 0.5 }, 'claude-sonnet-4-6': { resetTime: new Date(Date.now() + 3600_000).toISOString() } },
    });
    await seedAccount(cli.home, cli.emulator, 'ok@example.com');
    // every model out of quota: cooling down until the reset
    const reset = new Date(Date.now() + 2 * 3600_000).toISOString();
    cli.emulator.state.addAccount('resting@example.com', { quota: { 'gemini-3-flash': { resetTime: reset } } });
    await seedAccount(cli.home, cli.emulator, 'resting@example.com');
    // Google asks for verification
    cli.emulator.state.addAccount('verify@example.com').trouble = { kind: 'validation-required', where: ['load'] };
    await seedAccount(cli.home, cli.emulator, 'verify@example.com');
    // banned
    cli.emulator.state.addAccount('banned@example.com').trouble = { kind: 'banned' };
    await seedAccount(cli.home, cli.emulator, 'banned@example.com');
    // gemini-cli's client closed to this account
    cli.emulator.state.addAccount('solo@example.com').trouble = { kind: 'unsupported-client' };
    await seedAccount(cli.home, cli.emulator, 'solo@example.com', { flavor: 'gemini-cli' });
    // refused for a reason the owner cannot fix
    cli.emulator.state.addAccount('minor@example.com', { tier: undefined, projectId: undefined });
    await seedAccount(cli.home, cli.emulator, 'minor@example.com');
    cli.emulator.state.enqueue({
      method: 'loadCodeAssist',
      account: 'minor@example.com',
      body: { allowedTiers: [], ineligibleTiers: [{ tierId: 'free-tier', reasonCode: 'RESTRICTED_AGE', reasonMessage: 'You must be 18 or older.' }] },
    });
    // not onboarded yet
    cli.emulator.state.addAccount('fresh@example.com', { tier: undefined, projectId: undefined });
    await seedAccount(cli.home, cli.emulator, 'fresh@example.com');
    // login revoked
    cli.emulator.state.addAccount('gone@example.com');
    await seedAccount(cli.home, cli.emulator, 'gone@example.com');
    cli.emulator.state.accounts.get('gone@example.com')!.revoked = true;

    const result = await doctor(['--json']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/error: \d+ thing\(s\) need you/);
    const report = JSON.parse(result.stdout) as DoctorReport;
    const by = Object.fromEntries(report.accounts.map((a) => [a.email, a]));
    expect(by['ok@example.com']).toMatchObject({ state: 'ok', level: 'ok', coolingDown: [{ model: 'claude-sonnet-4-6', why: 'quota' }] });
    expect(by['resting@example.com']).toMatchObject({ state: 'cooling-down', level: 'info', coolingDown: [{ model: 'gemini-3-flash', until: reset }] });
    expect(by['verify@example.com']).toMatchObject({ state: 'needs-verification', link: { url: VERIFY_URL }, fix: expect.stringContaining('gateway accounts verify') });
    expect(by['banned@example.com']).toMatchObject({ state: 'banned', reason: expect.stringContaining('Terms of Service') });
    expect(by['solo@example.com']).toMatchObject({ state: 'unsupported-client', reason: expect.stringContaining(UNSUPPORTED_CLIENT_MESSAGE) });
    expect(by['solo@example.com']!.reason).toContain('--flavor antigravity');
    expect(by['minor@example.com']).toMatchObject({ state: 'no-project', reason: expect.stringContaining('18 or older') });
    expect(by['fresh@example.com']).toMatchObject({ state: 'no-project', fix: expect.stringContaining('gateway accounts verify') });
    expect(by['gone@example.com']).toMatchObject({ state: 'needs-login', fix: expect.stringContaining('gateway accounts add') });
    expect(report.ok).toBe(false);
    expect(report.needsYou).toHaveLength(6);
    expect(report.needsYou.join('\n')).toContain(VERIFY_URL);
    // No secret in the report.
    const raw = JSON.stringify(report);
    expect(raw).not.toMatch(/ya29\.|1\/\/refresh/);

    // The same as a table for people.
    const table = await doctor();
    if (process.env.SHOW_DOCTOR) console.log(table.stdout);
    expect(table.code).toBe(1);
    expect(table.stdout).toMatch(new RegExp(`verify@example\\.com \\(needs verification\\): Open ${VERIFY_URL.replace(/[?.]/g, '\\$&')} in a browser`));
    for (const s of ['needs verification', 'verification link below', 'banned', 'unsupported client', 'no project', 'needs login', 'cooling down', '6 thing(s) need you:']) {
      expect(table.stdout).toContain(s);
    }
  });

  it('keeps a mark the server set and says how to clear it once Google serves the account again', async () => {
    const seeded = await seedAccount(cli.home, cli.emulator, 'marked@example.com');
    await updateAccounts(cli.home, (list) => {
      Object.assign(list.find((r) => r.id === seeded.id)!, { state: 'needs-verification', stateReason: 'Verify.', stateLink: { url: VERIFY_URL } });
    });
    const report = JSON.parse((await doctor(['--json', '--probe'])).stdout) as DoctorReport;
    expect(report.accounts[0]).toMatchObject({
      state: 'needs-verification',
      link: { url: VERIFY_URL },
      fix: expect.stringContaining('a request just worked: `gateway accounts verify` clears the mark'),
      probe: { ok: true },
    });
  });

  it('--probe sends one tiny request per account, shows progress, and fails when one fails', async () => {
    await seedAccount(cli.home, cli.emulator, 'p1@example.com');
    await seedAccount(cli.home, cli.emulator, 'p2@example.com');
    cli.emulator.state.enqueue({ method: 'streamGenerateContent', account: 'p2@example.com', status: 500 });
    const result = await doctor(['--probe', '--json']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Probing p1@example\.com with one tiny request to gemini-3-flash/);
    const report = JSON.parse(result.stdout) as DoctorReport;
    const calls = cli.emulator.state.calls('streamGenerateContent');
    expect(calls.map((r) => r.account).sort()).toEqual(['p1@example.com', 'p2@example.com']);
    expect((calls[0]!.body as { request: { generationConfig: { maxOutputTokens: number } } }).request.generationConfig.maxOutputTokens).toBeLessThanOrEqual(16);
    expect(report.accounts.find((a) => a.email === 'p1@example.com')).toMatchObject({ state: 'ok', probe: { ok: true, model: 'gemini-3-flash' } });
    expect(report.accounts.find((a) => a.email === 'p2@example.com')).toMatchObject({ state: 'error', probe: { ok: false } });
  });

  it('an unreachable endpoint needs you; no account is a thing to do too', async () => {
    const dead = `http://127.0.0.1:${await closedPort()}`;
    const result = await doctor(['--json'], { GATEWAY_CODE_ASSIST_ENDPOINT: dead });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as DoctorReport;
    expect(report.endpoints.find((e) => e.url === dead)).toMatchObject({ reachable: false, error: 'ECONNREFUSED', level: 'fail' });
    expect(report.needsYou).toEqual([
      expect.stringContaining(`Cloud Code Assist at ${dead} is unreachable (ECONNREFUSED)`),
      'No Google account is set up; add one with `gateway accounts add`.',
    ]);
  });

  it('finds a running gateway and reads the cooldowns only it knows', async () => {
    const gw = await startGateway({ accounts: ['live@example.com'] });
    try {
      gw.emulator.state.enqueue({ method: 'streamGenerateContent', status: 429, body: googleRateLimit('RATE_LIMIT_EXCEEDED', '90s') });
      await fetch(`${gw.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'gemini-3-flash', messages: [{ role: 'user', content: 'hi' }] }),
      });
      const port = new URL(gw.url).port;
      const result = await runCli(['doctor', '--json', '--port', port], cliEnv(gw.home, gw.emulator.env));
      const report = JSON.parse(result.stdout) as DoctorReport;
      expect(report.server).toMatchObject({ running: true, url: gw.url });
      expect(report.accounts[0]!.coolingDown).toEqual([expect.objectContaining({ model: 'gemini-3-flash', why: 'rate-limit' })]);
    } finally {
      await gw.close();
    }
  });

  it('--help explains the checks and gives examples', async () => {
    const result = await runCli(['doctor', '--help'], cli.env());
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/--probe/);
    expect(result.stdout).toMatch(/Examples:\n {2}\$ gateway doctor/);
    expect(result.stdout).toContain('GATEWAY_ANTIGRAVITY_VERSION');
  });
});
