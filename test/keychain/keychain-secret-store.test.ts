// The keychain backend against a real Secret Service. .ci/keychain-test runs this inside a D-Bus
// session with an unlocked gnome-keyring; anywhere else it is skipped and says why.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { probeKeychain } from '../../src/store/keychain-secret-store.js';
import { loadRefreshToken, openSecretStore } from '../../src/store/secret-store.js';

const why = process.env.GATEWAY_KEYCHAIN_TEST === '1' ? await probeKeychain() : 'GATEWAY_KEYCHAIN_TEST is not 1 (run it through .ci/keychain-test)';
if (why) process.stderr.write(`keychain test skipped: ${why}\n`);

describe('keychain secret store', () => {
  it('stores, reads and deletes a secret through the Secret Service', async (ctx) => {
    if (why) ctx.skip(`no keychain: ${why}`);
    const home = await mkdtemp(join(tmpdir(), 'gw-keychain-'));
    const warnings: string[] = [];
    try {
      const store = await openSecretStore({ home, secretStore: 'auto', warn: (l) => warnings.push(l) });
      expect(store.backend).toBe('keychain');
      expect(warnings).toEqual([]);
      const id = `test-${process.pid}-${Date.now()}`;
      await store.set(id, '1//keychain-secret');
      expect(await store.get(id)).toBe('1//keychain-secret');
      const viaRecord = await loadRefreshToken(
        { home, secretStore: 'file' },
        { id, email: 'k@example.com', flavor: 'antigravity', addedAt: '', state: 'active', secretBackend: 'keychain' },
      );
      expect(viaRecord).toBe('1//keychain-secret');
      await store.set(id, '1//replaced');
      expect(await store.get(id)).toBe('1//replaced');
      await store.delete(id);
      expect(await store.get(id)).toBeUndefined();
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });
});
