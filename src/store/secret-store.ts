// Picks where refresh tokens live: the OS keychain, or a 0600 file where none answers.
import { secretsFilePath } from '../config/paths.js';
import { createFileSecretStore } from './file-secret-store.js';
import { createKeychainSecretStore, probeKeychain } from './keychain-secret-store.js';
import type { AccountRecord, SecretBackend, SecretStore } from './types.js';

export interface SecretStoreOptions {
  home: string;
  secretStore: 'auto' | 'keychain' | 'file';
  /** Told once per process, in one line, when `auto` falls back to the file. */
  warn?: (line: string) => void;
}

class SecretStoreError extends Error {
  override readonly name = 'SecretStoreError';
}

let probe: Promise<string | undefined> | undefined;
let warned = false;

async function keychainOrThrow(): Promise<SecretStore> {
  const why = await (probe ??= probeKeychain());
  if (why !== undefined) {
    throw new SecretStoreError(
      `The OS keychain did not answer (${why}). Unlock or install one, or set GATEWAY_SECRET_STORE=file to keep secrets in a 0600 file.`,
    );
  }
  return createKeychainSecretStore();
}

/** The store new secrets go to, per GATEWAY_SECRET_STORE. */
export async function openSecretStore(opts: SecretStoreOptions): Promise<SecretStore> {
  switch (opts.secretStore) {
    case 'file':
      return createFileSecretStore(opts.home);
    case 'keychain':
      return keychainOrThrow();
    case 'auto': {
      const why = await (probe ??= probeKeychain());
      if (why === undefined) return createKeychainSecretStore();
      if (!warned && opts.warn) {
        warned = true;
        opts.warn(`No OS keychain answered (${why}); keeping secrets in ${secretsFilePath(opts.home)} (mode 0600).`);
      }
      return createFileSecretStore(opts.home);
    }
  }
}

/** The store of one backend, whatever GATEWAY_SECRET_STORE says (to read or delete what is there). */
export async function openSecretBackend(home: string, backend: SecretBackend): Promise<SecretStore> {
  return backend === 'file' ? createFileSecretStore(home) : keychainOrThrow();
}

/** The account's refresh token, read from the backend that holds it. */
export async function loadRefreshToken(opts: SecretStoreOptions, record: AccountRecord): Promise<string | undefined> {
  const store = record.secretBackend ? await openSecretBackend(opts.home, record.secretBackend) : await openSecretStore(opts);
  return store.get(record.id);
}
