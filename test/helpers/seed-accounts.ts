// Puts a logged-in account into a gateway home without the CLI or a keychain: the emulated Google
// account (created when missing), its accounts.json record, and its refresh token in the file store.
import { createFileSecretStore } from '../../src/store/file-secret-store.js';
import { saveAccount } from '../../src/store/save-account.js';
import type { AccountRecord } from '../../src/store/types.js';
import type { Flavor } from '../../src/google/flavors.js';
import type { Emulator } from '../emulator/server.js';

export interface SeedOptions {
  flavor?: Flavor;
  projectId?: string;
  tier?: string;
}

export async function seedAccount(home: string, emulator: Emulator, email: string, opts: SeedOptions = {}): Promise<AccountRecord> {
  let account = emulator.state.accounts.get(email);
  if (!account) {
    account = emulator.state.addAccount(email, {
      ...(opts.projectId ? { projectId: opts.projectId } : {}),
      ...(opts.tier ? { tier: opts.tier } : {}),
    });
  }
  const projectId = opts.projectId ?? account.projectId;
  const tier = opts.tier ?? account.paidTier ?? account.tier;
  const { record } = await saveAccount(
    home,
    createFileSecretStore(home),
    {
      email,
      flavor: opts.flavor ?? 'antigravity',
      ...(projectId ? { projectId } : {}),
      ...(tier ? { tier } : {}),
      state: projectId ? 'active' : 'no-project',
    },
    account.refreshToken,
  );
  return record;
}
