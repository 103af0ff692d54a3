// The CLI with secrets in the real keychain: add stores there, list says so, remove deletes it.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { probeKeychain } from '../../src/store/keychain-secret-store.js';
import { openSecretBackend } from '../../src/store/secret-store.js';
import { useCliHome } from '../helpers/cli.js';
import { assertBuilt, runBuiltCli as runCli } from '../helpers/spawn-cli.js';

const why = process.env.GATEWAY_KEYCHAIN_TEST === '1' ? await probeKeychain() : 'GATEWAY_KEYCHAIN_TEST is not 1 (run it through .ci/keychain-test)';

const cli = useCliHome();

describe('CLI with the OS keychain', () => {
  it('add keeps the secret in the keychain, list shows it, remove deletes it', async (ctx) => {
    if (why) ctx.skip(`no keychain: ${why}`);
    assertBuilt();
    const env = cli.env({ GATEWAY_SECRET_STORE: 'auto' });
    const google = cli.emulator.state.addAccount('kc@example.com');
    const added = await runCli(['accounts', 'add', '--refresh-token', google.refreshToken], env);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stderr).not.toContain('warning');
    expect(added.stdout).toContain('secret in OS keychain');
    await expect(stat(join(cli.home, 'secrets.json'))).rejects.toThrow();
    const { id } = JSON.parse(await readFile(join(cli.home, 'accounts.json'), 'utf8')).accounts[0] as { id: string };
    const keychain = await openSecretBackend(cli.home, 'keychain');
    expect(await keychain.get(id)).toBe(google.refreshToken);

    const listed = await runCli(['accounts', 'list'], env);
    expect(listed.stdout).toMatch(/kc@example\.com.*OS keychain/);

    const removed = await runCli(['accounts', 'remove', 'kc@example.com'], env);
    expect(removed.code, removed.stderr).toBe(0);
    expect(await keychain.get(id)).toBeUndefined();
  });
});
