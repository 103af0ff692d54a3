// `gateway accounts add` end to end: the CLI in-process, a temp GATEWAY_HOME, the emulator as Google.
// Where secrets go when no keychain answers is a property of the process (its D-Bus address): cli-smoke.test.ts.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lines, runCli, startCli, useCliHome } from '../helpers/cli.js';

const cli = useCliHome();

const env = (): NodeJS.ProcessEnv => cli.env();
const accountsJson = async (): Promise<{ version: number; accounts: Record<string, unknown>[] }> =>
  JSON.parse(await readFile(join(cli.home, 'accounts.json'), 'utf8'));
const secrets = async (): Promise<Record<string, string>> => JSON.parse(await readFile(join(cli.home, 'secrets.json'), 'utf8')).secrets;
const exists = (p: string): Promise<boolean> => stat(p).then(() => true, () => false);

describe('accounts add in the browser', () => {
  it('logs in through the loopback redirect and stores the account and its secret', async () => {
    const google = cli.emulator.state.addAccount('alice@example.com', { tier: 'standard-tier', paidTier: 'g1-pro-tier', projectId: 'alice-proj' });
    const run = startCli(['accounts', 'add'], env());
    const [authUrl] = await run.waitFor(/http:\/\/127\.0\.0\.1:\d+\/o\/oauth2\/v2\/auth\?\S+/);
    // Play the browser: Google consents and redirects to the CLI's loopback server.
    const consent = await fetch(authUrl, { redirect: 'manual' });
    expect(consent.status).toBe(302);
    const callback = consent.headers.get('location')!;
    expect(callback).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth2callback\?/);
    const page = await fetch(callback);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('close this tab');
    const result = await run.done;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Added alice@example.com');

    const auth = new URL(authUrl);
    expect(auth.searchParams.get('code_challenge_method')).toBe('S256');
    expect(auth.searchParams.get('access_type')).toBe('offline');
    expect(auth.searchParams.get('state')).toBeTruthy();
    const exchange = cli.emulator.state.calls('token')[0]!.body as Record<string, string>;
    expect(exchange.grant_type).toBe('authorization_code');
    expect(exchange.code_verifier).toBeTruthy();

    const file = await accountsJson();
    expect(file.version).toBe(1);
    expect(file.accounts).toHaveLength(1);
    const record = file.accounts[0]!;
    expect(record).toMatchObject({ email: 'alice@example.com', flavor: 'antigravity', projectId: 'alice-proj', tier: 'g1-pro-tier', state: 'active', secretBackend: 'file' });
    expect((await secrets())[record.id as string]).toBe(google.refreshToken);
    expect(JSON.stringify(file)).not.toContain(google.refreshToken);
  });

  it('refuses a redirect whose state does not match and keeps waiting for the real one', async () => {
    cli.emulator.state.addAccount('bob@example.com');
    const run = startCli(['accounts', 'add', '--timeout', '30'], env());
    const [authUrl] = await run.waitFor(/http:\/\/127\.0\.0\.1:\d+\/o\/oauth2\/v2\/auth\?\S+/);
    const callback = new URL((await fetch(authUrl, { redirect: 'manual' })).headers.get('location')!);
    const forged = new URL(callback);
    forged.searchParams.set('state', 'forged');
    expect((await fetch(forged)).status).toBe(400);
    expect((await fetch(callback)).status).toBe(200);
    const result = await run.done;
    expect(result.code, result.stderr).toBe(0);
    expect((await accountsJson()).accounts[0]).toMatchObject({ email: 'bob@example.com' });
  });

  it('gives up with one clear line when the browser never answers', async () => {
    // --timeout 0: the same give-up path as after 300 s, without waiting for it.
    const result = await runCli(['accounts', 'add', '--timeout', '0'], env());
    expect(result.code).toBe(1);
    const errors = lines(result.stderr).filter((l) => l.startsWith('error:'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/No answer from the browser within 0 s/);
    expect(await exists(join(cli.home, 'accounts.json'))).toBe(false);
  });
});

describe('accounts add --no-browser', () => {
  it('accepts the pasted redirect URL', async () => {
    cli.emulator.state.addAccount('carol@example.com', { projectId: 'carol-proj' });
    cli.emulator.state.nextConsent = 'carol@example.com';
    const run = startCli(['accounts', 'add', '--no-browser', '--flavor', 'gemini-cli'], env());
    const [authUrl] = await run.waitFor(/http:\/\/127\.0\.0\.1:\d+\/o\/oauth2\/v2\/auth\?\S+/);
    await run.waitFor(/Paste/);
    const location = (await fetch(authUrl, { redirect: 'manual' })).headers.get('location')!;
    run.stdin.end(`${location}\n`);
    const result = await run.done;
    expect(result.code, result.stderr).toBe(0);
    expect((await accountsJson()).accounts[0]).toMatchObject({ email: 'carol@example.com', flavor: 'gemini-cli', projectId: 'carol-proj' });
    // The gemini-cli client, not antigravity's, did the exchange.
    const exchange = cli.emulator.state.calls('token')[0]!;
    expect(JSON.stringify(exchange.body)).toContain('681255809395');
  });

  it('rejects a pasted URL that carries an error', async () => {
    cli.emulator.state.addAccount('dan@example.com');
    const run = startCli(['accounts', 'add', '--no-browser'], env());
    await run.waitFor(/Paste/);
    run.stdin.end('http://127.0.0.1:51121/oauth2callback?error=access_denied\n');
    const result = await run.done;
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/error: Google did not grant access \(access_denied\)/);
    expect(await exists(join(cli.home, 'accounts.json'))).toBe(false);
  });
});

describe('accounts add --refresh-token', () => {
  it('imports a refresh token without any prompt', async () => {
    const google = cli.emulator.state.addAccount('erin@example.com', { projectId: 'erin-proj' });
    const result = await runCli(['accounts', 'add', '--refresh-token', google.refreshToken], env());
    expect(result.code, result.stderr).toBe(0);
    const record = (await accountsJson()).accounts[0]!;
    expect(record).toMatchObject({ email: 'erin@example.com', projectId: 'erin-proj', tier: 'free-tier' });
    expect((await secrets())[record.id as string]).toBe(google.refreshToken);
    expect(result.stdout + result.stderr).not.toContain(google.refreshToken);
  });

  it('onboards a fresh account, polling the operation until it is done', async () => {
    const google = cli.emulator.state.addAccount('fresh@example.com', { tier: undefined, projectId: undefined, onboardPendingPolls: 2 });
    const result = await runCli(['accounts', 'add', '--refresh-token', google.refreshToken], env());
    expect(result.code, result.stderr).toBe(0);
    // One onboardUser, then the operation polled by name (GET v1internal/operations/...), as gemini-cli does.
    expect(cli.emulator.state.calls('onboardUser')).toHaveLength(1);
    expect(cli.emulator.state.records.filter((r) => r.method === 'GET' && r.path.startsWith('/v1internal/operations/'))).toHaveLength(2);
    expect((cli.emulator.state.calls('onboardUser')[0]!.body as { tierId: string }).tierId).toBe('free-tier');
    expect((await accountsJson()).accounts[0]).toMatchObject({ email: 'fresh@example.com', projectId: 'project-fresh-example-com', tier: 'free-tier', state: 'active' });
  });

  it('reports an account that ends with no project as not usable, and why', async () => {
    const google = cli.emulator.state.addAccount('noproj@example.com', { tier: undefined, projectId: undefined, onboardPendingPolls: 0 });
    cli.emulator.state.enqueue({ method: 'onboardUser', body: { name: 'operations/x', done: true, response: {} } });
    const result = await runCli(['accounts', 'add', '--refresh-token', google.refreshToken], env());
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/not usable yet: .*no Cloud Code project/);
    expect((await accountsJson()).accounts[0]).toMatchObject({ email: 'noproj@example.com', state: 'no-project' });
  });

  it('a revoked token: exit 1, one clear line, nothing stored', async () => {
    const google = cli.emulator.state.addAccount('revoked@example.com', { revoked: true });
    const result = await runCli(['accounts', 'add', '--refresh-token', google.refreshToken], env());
    expect(result.code).toBe(1);
    expect(lines(result.stderr)).toHaveLength(1);
    expect(result.stderr).toMatch(/^error: Google refused this refresh token .*nothing was saved/);
    expect(await exists(join(cli.home, 'accounts.json'))).toBe(false);
    expect(await exists(join(cli.home, 'secrets.json'))).toBe(false);
  });

  it('a second add of the same email updates the account', async () => {
    const google = cli.emulator.state.addAccount('gina@example.com', { projectId: 'gina-proj' });
    expect((await runCli(['accounts', 'add', '--refresh-token', google.refreshToken], env())).code).toBe(0);
    const first = (await accountsJson()).accounts[0]!;
    google.paidTier = 'g1-ultra-tier';
    const again = await runCli(['accounts', 'add', '--refresh-token', google.refreshToken], env());
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('Updated gina@example.com');
    const file = await accountsJson();
    expect(file.accounts).toHaveLength(1);
    expect(file.accounts[0]).toMatchObject({ id: first.id, addedAt: first.addedAt, tier: 'g1-ultra-tier' });
  });
});
