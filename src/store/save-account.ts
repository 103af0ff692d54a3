// Adds or updates one account: the secret first, then the metadata, so accounts.json never
// names an account whose token is missing.
import { createHash } from 'node:crypto';
import type { Flavor } from '../google/flavors.js';
import { readAccounts, updateAccounts } from './accounts-file.js';
import { openSecretBackend } from './secret-store.js';
import type { AccountRecord, SecretStore } from './types.js';

/** Stable per (flavor, email), so adding the same login again keeps its id. */
function accountIdFor(flavor: Flavor, email: string): string {
  return createHash('sha256').update(`${flavor}:${email.toLowerCase()}`).digest('hex').slice(0, 8);
}

export type AccountFields = Omit<AccountRecord, 'id' | 'addedAt' | 'secretBackend'>;

export interface SavedAccount {
  record: AccountRecord;
  /** False when an account with this email and flavor existed and was updated. */
  created: boolean;
}

export async function saveAccount(
  home: string,
  store: SecretStore,
  fields: AccountFields,
  refreshToken: string,
  now: () => Date = () => new Date(),
): Promise<SavedAccount> {
  const id = accountIdFor(fields.flavor, fields.email);
  // A corrupt accounts.json fails here, before a secret is stored that no record would name.
  await readAccounts(home);
  await store.set(id, refreshToken);
  let record: AccountRecord | undefined;
  let previous: AccountRecord | undefined;
  await updateAccounts(home, (accounts) => {
    const i = accounts.findIndex((a) => a.id === id);
    previous = i === -1 ? undefined : accounts[i];
    record = { id, ...fields, addedAt: previous?.addedAt ?? now().toISOString(), secretBackend: store.backend };
    // An update must not keep a stale reason from an earlier state.
    if (fields.stateReason === undefined) delete record.stateReason;
    if (i === -1) accounts.push(record);
    else accounts[i] = record;
  });
  const prevBackend = previous?.secretBackend;
  if (prevBackend && prevBackend !== store.backend) {
    // The old copy would otherwise linger where nobody looks for it.
    await openSecretBackend(home, prevBackend)
      .then((old) => old.delete(id))
      .catch(() => undefined);
  }
  return { record: record!, created: previous === undefined };
}
