// The API key `gateway start --tunnel` makes when none is configured: kept in the secret store
// (OS keychain, else the 0600 file) under a fixed name, so the next tunnel and the client commands
// (`gateway run`, `setup`, `status`) use the same one.
import { randomBytes } from 'node:crypto';
import { openSecretStore, type SecretStoreOptions } from './secret-store.js';

/** The secret store entry; not an account id (those are hex digests). */
const API_KEY_ENTRY = 'gateway-api-key';

export async function readStoredApiKey(opts: SecretStoreOptions): Promise<string | undefined> {
  try {
    return await (await openSecretStore(opts)).get(API_KEY_ENTRY);
  } catch {
    // A key nobody can read is a key that is not there; the caller makes or asks for one.
    return undefined;
  }
}

/** Makes a new key, stores it, and says where. */
export async function createStoredApiKey(opts: SecretStoreOptions): Promise<{ key: string; where: string }> {
  const key = `gw-${randomBytes(24).toString('base64url')}`;
  const store = await openSecretStore(opts);
  await store.set(API_KEY_ENTRY, key);
  return { key, where: store.describe() };
}

/** `gw-AbC…xYz`: enough to recognise a key, not to use it. */
export const maskKey = (key: string): string => (key.length > 12 ? `${key.slice(0, 6)}…${key.slice(-3)}` : '…');
