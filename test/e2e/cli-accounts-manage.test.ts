// list, remove, verify and import, in-process with accounts seeded straight into a temp home. The
// CLI's general contract (version, help, exit codes): src/cli/main.test.ts; the built binary: cli-smoke.test.ts.
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seedAccount } from '../helpers/seed-accounts.js';
import { lines, runCli, useCliHome } from '../helpers/cli.js';

const cli = useCliHome();

const env = (): NodeJS.ProcessEnv => cli.env();
const secrets = async (): Promise<Record<string, string>> => JSON.parse(await readFile(join(cli.home, 'secrets.json'), 'utf8')).secrets;

describe('accounts list', () => {
  it('--json lists every account and never a secret', async () => {
    const a = await seedAccount(cli.home, cli.emulator, 'a@example.com', { projectId: 'pa' });
    await seedAccount(cli.home, cli.emulator, 'b@example.com', { flavor: 'gemini-cli', tier: 'standard-tier' });
    const result = await runCli(['accounts', 'list', '--json'], env());
    expect(result.code, result.stderr).toBe(0);
    const listed = JSON.parse(result.stdout) as Record<string, unknown>[];
    expect(listed.map((x) => x.email)).toEqual(['a@example.com', 'b@example.com']);
    expect(listed[0]).toMatchObject({ id: a.id, flavor: 'antigravity', projectId: 'pa', state: 'active', secretStore: 'file' });
    expect(listed[1]).toMatchObject({ flavor: 'gemini-cli', tier: 'standard-tier' });
    for (const token of Object.values(await secrets())) expect(result.stdout).not.toContain(token);
    expect(result.stdout).not.toMatch(/refresh|1\/\//i);
  });

  it('prints a table with where each secret is kept', async () => {
    await seedAccount(cli.home, cli.emulator, 'c@example.com');
    const result = await runCli(['accounts', 'list'], env());
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/c@example\.com.*antigravity.*free-tier.*project-c-example-com.*active.*file \(0600\)/);
    expect(result.stdout).not.toContain(cli.emulator.state.accounts.get('c@example.com')!.refreshToken);
  });

  it('a corrupt accounts.json is reported and left as it was', async () => {
    const path = join(cli.home, 'accounts.json');
    await writeFile(path, '{ "version": 1, "accounts": [ oops');
    const listed = await runCli(['accounts', 'list'], env());
    expect(listed.code).toBe(1);
    expect(lines(listed.stderr)).toHaveLength(1);
    expect(listed.stderr).toContain(`error: ${path} is not valid JSON; it was left untouched.`);
    const google = cli.emulator.state.addAccount('d@example.com');
    const added = await runCli(['accounts', 'add', '--refresh-token', google.refreshToken], env());
    expect(added.code).toBe(1);
    expect(added.stderr).toContain(`error: ${path} is not valid JSON`);
    expect(await readFile(path, 'utf8')).toBe('{ "version": 1, "accounts": [ oops');
    // Found before the login, so no secret was stored for a record that could not be written.
    expect(cli.emulator.state.calls('token')).toHaveLength(0);
    await expect(stat(join(cli.home, 'secrets.json'))).rejects.toThrow();
  });
});

describe('accounts remove', () => {
  it('removes the account and deletes its secret', async () => {
    const keep = await seedAccount(cli.home, cli.emulator, 'keep@example.com');
    const gone = await seedAccount(cli.home, cli.emulator, 'gone@example.com');
    expect(Object.keys(await secrets()).sort()).toEqual([keep.id, gone.id].sort());
    const result = await runCli(['accounts', 'remove', 'GONE@example.com'], env());
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Removed gone@example.com');
    expect(Object.keys(await secrets())).toEqual([keep.id]);
    const left = JSON.parse(await readFile(join(cli.home, 'accounts.json'), 'utf8')).accounts as { id: string }[];
    expect(left.map((a) => a.id)).toEqual([keep.id]);
  });

  it('removes by id too, and says so when nothing matches', async () => {
    const a = await seedAccount(cli.home, cli.emulator, 'byid@example.com');
    expect((await runCli(['accounts', 'remove', a.id], env())).code).toBe(0);
    const again = await runCli(['accounts', 'remove', a.id], env());
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^error: No account matches/);
  });
});

describe('accounts verify', () => {
  it('marks the accounts whose login was revoked as needs-login', async () => {
    await seedAccount(cli.home, cli.emulator, 'ok@example.com');
    const bad = await seedAccount(cli.home, cli.emulator, 'bad@example.com');
    cli.emulator.state.accounts.get('bad@example.com')!.revoked = true;
    const result = await runCli(['accounts', 'verify'], env());
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/✔ ok@example\.com \(antigravity\): ok/);
    expect(result.stdout).toMatch(/✖ bad@example\.com \(antigravity\): needs a new login/);
    expect(result.stderr).toMatch(/error: 1 of 2 account\(s\) failed the check/);
    const file = JSON.parse(await readFile(join(cli.home, 'accounts.json'), 'utf8')).accounts as { id: string; state: string }[];
    expect(file.find((a) => a.id === bad.id)!.state).toBe('needs-login');
    expect(file.find((a) => a.id !== bad.id)!.state).toBe('active');
  });

  it('exits 0 when every token refreshes', async () => {
    await seedAccount(cli.home, cli.emulator, 'fine@example.com');
    const result = await runCli(['accounts', 'verify'], env());
    expect(result.code, result.stderr).toBe(0);
  });
});

describe('accounts import', () => {
  it('takes the logins of gemini-cli and antigravity-claude-proxy and reports what it skipped', async () => {
    const gem = cli.emulator.state.addAccount('gem@example.com');
    const anti = cli.emulator.state.addAccount('anti@example.com');
    const dead = cli.emulator.state.addAccount('dead@example.com', { revoked: true });
    const dir = join(cli.home, 'elsewhere');
    await mkdir(dir);
    const geminiCreds = join(dir, 'oauth_creds.json');
    await writeFile(geminiCreds, JSON.stringify({ access_token: 'ya29.old', refresh_token: gem.refreshToken, token_type: 'Bearer', expiry_date: 0 }));
    const proxyFile = join(dir, 'accounts.json');
    await writeFile(
      proxyFile,
      JSON.stringify({
        accounts: [
          { email: 'anti@example.com', source: 'oauth', refreshToken: anti.refreshToken, projectId: 'whatever' },
          { email: 'dead@example.com', source: 'oauth', refreshToken: dead.refreshToken },
          { email: 'db@example.com', source: 'database' },
        ],
        activeIndex: 0,
      }),
    );
    const result = await runCli(['accounts', 'import', '--gemini-creds', geminiCreds, '--antigravity-proxy', proxyFile], env());
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Took gem@example\.com \(gemini-cli\)/);
    expect(result.stdout).toMatch(/Took anti@example\.com \(antigravity\)/);
    expect(result.stdout).toMatch(/Skipped dead@example\.com .*refused/);
    expect(result.stdout).toMatch(/Skipped db@example\.com .*no refresh token/);
    expect(result.stdout).toContain('Imported 2, skipped 2.');
    const listed = JSON.parse((await runCli(['accounts', 'list', '--json'], env())).stdout) as { email: string; flavor: string }[];
    expect(listed.map((a) => `${a.email}/${a.flavor}`).sort()).toEqual(['anti@example.com/antigravity', 'gem@example.com/gemini-cli']);
  });

  it('fails, naming them, when the files it was given do not exist', async () => {
    const result = await runCli(['accounts', 'import', '--gemini-creds', join(cli.home, 'no1.json'), '--antigravity-proxy', join(cli.home, 'no2.json')], env());
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Not found: ${join(cli.home, 'no1.json')}, ${join(cli.home, 'no2.json')}; nothing was imported.`);
  });
});

describe('the file store', () => {
  it('creates the file store with mode 0600', async () => {
    await seedAccount(cli.home, cli.emulator, 'mode@example.com');
    expect((await stat(join(cli.home, 'secrets.json'))).mode & 0o777).toBe(0o600);
  });
});
