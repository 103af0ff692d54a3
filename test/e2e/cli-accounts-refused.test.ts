// Accounts Google will not serve, seen from the CLI (in-process, against the emulator): `accounts
// add` refuses gemini-cli's closed client and shows a verification link, `accounts list` and
// `limits` show it, `accounts verify` clears it once Google serves the account again; Workspace
// accounts (a tier, no project) are onboarded with their tier.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LEARN_MORE_URL, UNSUPPORTED_CLIENT_MESSAGE, VERIFY_MESSAGE, VERIFY_URL } from '../emulator/account-trouble.js';
import { lines, runCli, useCliHome } from '../helpers/cli.js';
import { seedAccount } from '../helpers/seed-accounts.js';

const cli = useCliHome();
const run = (...args: string[]) => runCli(args, cli.env());
const accountsJson = async (): Promise<Array<Record<string, unknown>>> => JSON.parse(await readFile(join(cli.home, 'accounts.json'), 'utf8')).accounts;
const exists = (p: string): Promise<boolean> => readFile(p).then(() => true, () => false);

describe('accounts add refuses what Google will not serve', () => {
  it('gemini-cli flavor, UNSUPPORTED_CLIENT: exit 1, the reason and the fix, nothing saved', async () => {
    const google = cli.emulator.state.addAccount('solo@gmail.com');
    google.trouble = { kind: 'unsupported-client' };
    const result = await run('accounts', 'add', '--flavor', 'gemini-cli', '--refresh-token', google.refreshToken);
    expect(result.code).toBe(1);
    const errors = lines(result.stderr).filter((l) => l.startsWith('error:'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('UNSUPPORTED_CLIENT');
    expect(errors[0]).toContain(UNSUPPORTED_CLIENT_MESSAGE);
    expect(errors[0]).toContain('gateway accounts add --flavor antigravity');
    expect(await exists(join(cli.home, 'accounts.json'))).toBe(false);
    // The same Google account through the antigravity client is fine.
    const again = await run('accounts', 'add', '--refresh-token', google.refreshToken);
    expect(again.code, again.stderr).toBe(0);
    expect((await accountsJson())[0]).toMatchObject({ email: 'solo@gmail.com', flavor: 'antigravity', state: 'active' });
  });

  it('an ineligibleTiers VALIDATION_REQUIRED: saved as needing verification, with Google\'s link', async () => {
    const google = cli.emulator.state.addAccount('check@gmail.com');
    google.trouble = { kind: 'validation-required', where: ['load'] };
    const result = await run('accounts', 'add', '--refresh-token', google.refreshToken);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(`not usable yet: ${VERIFY_MESSAGE}`);
    expect(result.stderr).toContain(VERIFY_URL);
    expect(result.stderr).toContain('gateway accounts verify');
    expect((await accountsJson())[0]).toMatchObject({
      state: 'needs-verification',
      stateReason: VERIFY_MESSAGE,
      stateLink: { url: VERIFY_URL, learnMoreUrl: LEARN_MORE_URL },
      stateSince: expect.any(String),
      projectId: 'project-check-gmail-com',
    });
  });
});

describe('an account that needs verification', () => {
  async function seedNeedingVerification(): Promise<void> {
    const google = cli.emulator.state.addAccount('v@gmail.com');
    google.trouble = { kind: 'validation-required', where: ['load', 'generate'] };
    await seedAccount(cli.home, cli.emulator, 'ok@gmail.com');
    const seeded = await seedAccount(cli.home, cli.emulator, 'v@gmail.com');
    // Marked as the server would mark it.
    const { updateAccounts } = await import('../../src/store/accounts-file.js');
    await updateAccounts(cli.home, (list) => {
      const a = list.find((r) => r.id === seeded.id)!;
      Object.assign(a, { state: 'needs-verification', stateReason: VERIFY_MESSAGE, stateLink: { url: VERIFY_URL, text: 'Verify your account' }, stateSince: '2026-12-01T10:00:00.000Z' });
    });
  }

  it('accounts list shows the state and the link; --json carries them', async () => {
    await seedNeedingVerification();
    const table = await run('accounts', 'list');
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/v@gmail\.com.*needs verification/);
    expect(table.stdout).toContain(`Verify your account (open it in a browser signed in to v@gmail.com): ${VERIFY_URL}`);
    expect(table.stdout).toContain('gateway accounts verify');
    const listed = JSON.parse((await run('accounts', 'list', '--json')).stdout) as Array<Record<string, unknown>>;
    expect(listed.find((a) => a.email === 'v@gmail.com')).toMatchObject({
      state: 'needs-verification',
      stateLink: { url: VERIFY_URL },
      stateSince: '2026-12-01T10:00:00.000Z',
    });
  });

  it('gateway limits shows the link in the table and in --json', async () => {
    await seedNeedingVerification();
    const table = await run('limits');
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toContain('needs verification');
    expect(table.stdout).toContain(`verify: ${VERIFY_URL}`);
    const json = JSON.parse((await run('limits', '--json')).stdout) as { accounts: Array<Record<string, unknown>> };
    expect(json.accounts.find((a) => a.email === 'v@gmail.com')).toMatchObject({ state: 'needs-verification', stateLink: { url: VERIFY_URL } });
    // Its quota is not asked for while Google refuses it.
    expect(cli.emulator.state.calls('fetchAvailableModels').every((r) => r.account !== 'v@gmail.com')).toBe(true);
  });

  it('accounts verify keeps the mark while Google still asks, and clears it once Google serves the account', async () => {
    await seedNeedingVerification();
    const still = await run('accounts', 'verify');
    expect(still.code).toBe(1);
    expect(still.stdout).toMatch(/✖ v@gmail\.com \(antigravity\): needs verification/);
    expect(still.stdout).toContain(VERIFY_URL);
    expect(still.stdout).toMatch(/✔ ok@gmail\.com \(antigravity\): ok/);
    expect((await accountsJson()).find((a) => a.email === 'v@gmail.com')).toMatchObject({ state: 'needs-verification', stateSince: '2026-12-01T10:00:00.000Z' });

    // The person opened the link and verified.
    delete cli.emulator.state.accounts.get('v@gmail.com')!.trouble;
    const cleared = await run('accounts', 'verify');
    expect(cleared.code, cleared.stdout + cleared.stderr).toBe(0);
    expect(cleared.stdout).toMatch(/✔ v@gmail\.com \(antigravity\): ok again \(was needs verification\)/);
    const record = (await accountsJson()).find((a) => a.email === 'v@gmail.com')!;
    expect(record.state).toBe('active');
    for (const k of ['stateReason', 'stateLink', 'stateSince']) expect(record).not.toHaveProperty(k);
  });
});

describe('onboarding Workspace accounts', () => {
  it('a current tier without a project is onboarded with that tier, the operation polled with GET', async () => {
    const google = cli.emulator.state.addAccount('dev@corp.example', { tier: 'standard-tier', projectId: undefined, onboardPendingPolls: 2 });
    const result = await run('accounts', 'add', '--refresh-token', google.refreshToken);
    expect(result.code, result.stderr).toBe(0);
    expect((await accountsJson())[0]).toMatchObject({ email: 'dev@corp.example', tier: 'standard-tier', projectId: 'project-dev-corp-example', state: 'active' });
    expect(cli.emulator.state.calls('onboardUser').map((r) => (r.body as { tierId: string }).tierId)).toEqual(['standard-tier']);
    expect(cli.emulator.state.records.filter((r) => r.method === 'GET' && r.path === '/v1internal/operations/onboard-dev-corp-example')).toHaveLength(2);
  });

  it('a free or Google One tier is onboarded without a project, which Google would refuse', async () => {
    cli.emulator.state.options.strictOnboarding = true;
    const google = cli.emulator.state.addAccount('g1@gmail.com', { tier: undefined, projectId: undefined, onboardPendingPolls: 0 });
    cli.emulator.state.enqueue({ method: 'loadCodeAssist', body: { allowedTiers: [{ id: 'g1-pro-tier', isDefault: true }] } });
    const result = await run('accounts', 'add', '--refresh-token', google.refreshToken);
    expect(result.code, result.stderr).toBe(0);
    expect((await accountsJson())[0]).toMatchObject({ tier: 'g1-pro-tier', projectId: 'project-g1-gmail-com', state: 'active' });
    expect(cli.emulator.state.calls('onboardUser')[0]!.body).not.toHaveProperty('cloudaicompanionProject');
  });

  it('accounts verify sets up an account an older gateway left without a project', async () => {
    cli.emulator.state.addAccount('old@corp.example', { tier: 'standard-tier', projectId: undefined, onboardPendingPolls: 0 });
    await seedAccount(cli.home, cli.emulator, 'old@corp.example');
    expect((await accountsJson())[0]).toMatchObject({ state: 'no-project' });
    const result = await run('accounts', 'verify');
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain('ok again (was no project)');
    expect((await accountsJson())[0]).toMatchObject({ state: 'active', projectId: 'project-old-corp-example' });
  });
});
