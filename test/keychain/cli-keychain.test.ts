// The CLI with secrets in the real keychain: add stores there, list says so, remove deletes it.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { probeKeychain } from '../../src/store/keychain-secret-store.js';
import { openSecretBackend } from '../../src/store/secret-store.js';
import { startEmulator, type Emulator } from '../emulator/server.js';
import { assertBuilt, cliEnv, runCli } from '../helpers/run-cli.js';
import { makeTempHome } from '../helpers/temp-home.js';

const why = process.env.GATEWAY_KEYCHAIN_TEST === '1' ? await probeKeychain() : 'GATEWAY_KEYCHAIN_TEST is not 1 (run it through .ci/keychain-test)';

let emulator: Emulator;
let home: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  emulator = await startEmulator();
  ({ home, cleanup } = await makeTempHome());
});
afterEach(async () => {
  await emulator.close();
  await cleanup();
});

describe('CLI with the OS keychain', () => {
  it('add keeps the secret in the keychain, list shows it, remove deletes it', async (ctx) => {
    if (why) ctx.skip(`no keychain: ${why}`);
    assertBuilt();
    const env = cliEnv(home, { ...emulator.env, GATEWAY_SECRET_STORE: 'auto' });
    const google = emulator.state.addAccount('kc@example.com');
    const added = await runCli(['accounts', 'add', '--refresh-token', google.refreshToken], env);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stderr).not.toContain('warning');
    expect(added.stdout).toContain('secret in OS keychain');
    await expect(stat(join(home, 'secrets.json'))).rejects.toThrow();
    const { id } = JSON.parse(await readFile(join(home, 'accounts.json'), 'utf8')).accounts[0] as { id: string };
    const keychain = await openSecretBackend(home, 'keychain');
    expect(await keychain.get(id)).toBe(google.refreshToken);

    const listed = await runCli(['accounts', 'list'], env);
    expect(listed.stdout).toMatch(/kc@example\.com.*OS keychain/);

    const removed = await runCli(['accounts', 'remove', 'kc@example.com'], env);
    expect(removed.code, removed.stderr).toBe(0);
    expect(await keychain.get(id)).toBeUndefined();
  });
});
