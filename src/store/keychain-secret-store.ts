// The OS keychain (macOS Keychain, Windows Credential Manager, Linux Secret Service) through
// @napi-rs/keyring, imported lazily because it loads a native module.
import type { SecretStore } from './types.js';

const KEYCHAIN_SERVICE = 'gateway';

type Keyring = typeof import('@napi-rs/keyring');

let keyring: Promise<Keyring> | undefined;
const loadKeyring = (): Promise<Keyring> => (keyring ??= import('@napi-rs/keyring'));

// On Linux the library would otherwise fall back to the kernel keyring, which forgets
// everything at reboot: a login that vanishes is worse than the 0600 file.
const ENTRY_OPTIONS = { linux: { store: 'secret-service' as const } };

async function entry(accountId: string): Promise<InstanceType<Keyring['AsyncEntry']>> {
  const { AsyncEntry } = await loadKeyring();
  return new AsyncEntry(KEYCHAIN_SERVICE, accountId, ENTRY_OPTIONS);
}

export function createKeychainSecretStore(): SecretStore {
  return {
    backend: 'keychain',
    get: async (accountId) => (await (await entry(accountId)).getPassword()) ?? undefined,
    set: async (accountId, secret) => (await entry(accountId)).setPassword(secret),
    delete: async (accountId) => {
      await (await entry(accountId)).deletePassword();
    },
    describe: () => 'OS keychain',
  };
}

/** Undefined when the keychain answers; otherwise why not (one line). */
export async function probeKeychain(): Promise<string | undefined> {
  try {
    // Reading an entry that does not exist answers null when the service is there.
    await (await entry('__gateway-probe__')).getPassword();
    return undefined;
  } catch (e) {
    return (e as Error).message.split('\n')[0] || 'unknown error';
  }
}
