import type { Flavor } from '../upstreams/upstream.js';

export type AccountState = 'active' | 'needs-login' | 'disabled' | 'no-project';

/** What accounts.json holds per account: metadata only, never a secret. */
export interface AccountRecord {
  id: string;
  email: string;
  flavor: Flavor;
  projectId?: string;
  tier?: string;
  addedAt: string;
  state: AccountState;
  /** Why the state is not active, in words for the user. */
  stateReason?: string;
  /** Where the refresh token was stored; read it back from there (absent in older files). */
  secretBackend?: SecretBackend;
}

export type SecretBackend = 'keychain' | 'file';

export interface SecretStore {
  backend: SecretBackend;
  get(accountId: string): Promise<string | undefined>;
  set(accountId: string, secret: string): Promise<void>;
  delete(accountId: string): Promise<void>;
  /** Where the secret is kept, in words (`OS keychain`, `~/.config/gateway/secrets.json (0600)`). */
  describe(): string;
}
