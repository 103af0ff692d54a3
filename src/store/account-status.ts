// The account's status union ⇄ the flat fields accounts.json keeps (state, stateReason,
// stateLink, stateSince), so every writer clears what the previous state left behind.
import type { AccountRecord, AccountState, AccountStatus } from './types.js';

/** Files written before the state was called `banned`. */
const LEGACY_STATES: Readonly<Record<string, AccountState>> = { disabled: 'banned' };

/** The state a file's record names, in today's words; unknown ones (a newer gateway) stay as written. */
export function normalizeState(state: string): AccountState {
  return LEGACY_STATES[state] ?? (state as AccountState);
}

export function statusOf(r: Pick<AccountRecord, 'state' | 'stateReason' | 'stateLink'>): AccountStatus {
  const message = r.stateReason ?? '';
  switch (r.state) {
    case 'active':
      return { state: 'active' };
    case 'needs-verification':
      return { state: r.state, message, ...(r.stateLink ? { link: r.stateLink } : {}) };
    case 'no-project':
    case 'needs-login':
    case 'banned':
    case 'unsupported-client':
      return { state: r.state, message };
  }
}

/** The status fields for a record, nothing left over from the state before. */
export function statusFields(status: AccountStatus, since?: string): Pick<AccountRecord, 'state' | 'stateReason' | 'stateLink' | 'stateSince'> {
  if (status.state === 'active') return { state: 'active' };
  return {
    state: status.state,
    ...(status.message ? { stateReason: status.message } : {}),
    ...(status.state === 'needs-verification' && status.link ? { stateLink: status.link } : {}),
    ...(since ? { stateSince: since } : {}),
  };
}

/** A copy of `r` in `status`; `since` is kept when the state does not change. */
export function withStatus(r: AccountRecord, status: AccountStatus, since: string): AccountRecord {
  const { state: _s, stateReason: _r, stateLink: _l, stateSince: _t, ...rest } = r;
  return { ...rest, ...statusFields(status, r.state === status.state && r.stateSince ? r.stateSince : since) };
}

/** In place, for the read-modify-write of accounts.json. */
export function setStatus(r: AccountRecord, status: AccountStatus, since: string): void {
  const keepSince = r.state === status.state && r.stateSince ? r.stateSince : since;
  delete r.stateReason;
  delete r.stateLink;
  delete r.stateSince;
  Object.assign(r, statusFields(status, keepSince));
}

/** Whether two statuses would show the same to the user (no write needed). */
export function sameStatus(a: AccountStatus, b: AccountStatus): boolean {
  return JSON.stringify(statusFields(a)) === JSON.stringify(statusFields(b));
}

/** What the owner does to bring the account back, in one sentence (empty for an active account). */
export function fixFor(status: AccountStatus): string {
  switch (status.state) {
    case 'active':
      return '';
    case 'needs-login':
      return 'Log it in again with `gateway accounts add`.';
    case 'needs-verification':
      return status.link
        ? `Open ${status.link.url} in a browser signed in to the account, then run \`gateway accounts verify\`.`
        : 'Sign in to the account in a browser (Antigravity or gemini.google.com) and complete the verification Google asks for, then run `gateway accounts verify`.';
    case 'banned':
      return 'Google disabled it; use another account (an appeal goes through Google, not the gateway).';
    case 'unsupported-client':
      return 'Add it again with `gateway accounts add --flavor antigravity`.';
    case 'no-project':
      return 'Run `gateway accounts verify` to set it up again, or add it again with `gateway accounts add`.';
  }
}
