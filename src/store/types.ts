import type { AccountVerdict, ActionLink } from '../canonical/index.js';
import type { Flavor } from '../google/flavors.js';

/**
 * Whether an account serves, and when not, what the user is told and given to fix it: one union,
 * each case with the data it needs. accounts.json keeps it flat in the record (state,
 * stateReason, stateLink, stateSince) so older files read as they are; see account-status.ts.
 */
export type AccountStatus = { state: 'active' } | { state: 'no-project'; message: string } | AccountVerdict;

export type AccountState = AccountStatus['state'];

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
  /** needs-verification: the page where the owner verifies the account. */
  stateLink?: ActionLink;
  /** When the account entered its state (ISO time); absent for active accounts and older files. */
  stateSince?: string;
  /**
   * Turned off by the user (dashboard, POST /accounts/:id/disable): skipped by the pool whatever its
   * state says. Apart from the state, which is Google's word on the account.
   */
  disabled?: boolean;
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
