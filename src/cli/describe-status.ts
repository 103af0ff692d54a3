// An account that cannot serve, told in a few lines: what Google said, the link to open, what to
// do next. Shared by `accounts list`, `limits`, `accounts add` and `doctor`.
import type { ChalkInstance } from 'chalk';
import { fixFor, statusOf } from '../store/account-status.js';
import type { AccountRecord } from '../store/types.js';

type Described = Pick<AccountRecord, 'email' | 'state'> & {
  stateReason?: string | null | undefined;
  stateLink?: AccountRecord['stateLink'] | null;
  stateSince?: string | null | undefined;
};

export function describeStatus(a: Described, c: ChalkInstance): string {
  const status = statusOf({ state: a.state, ...(a.stateReason ? { stateReason: a.stateReason } : {}), ...(a.stateLink ? { stateLink: a.stateLink } : {}) });
  const since = a.stateSince ? c.dim(` (since ${a.stateSince.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC')})`) : '';
  const lines = [`${c.bold(a.email)}: ${a.stateReason ?? a.state}${since}`];
  if (status.state === 'needs-verification' && status.link) {
    lines.push(`  ${status.link.text ?? 'Verify the account'} (open it in a browser signed in to ${a.email}): ${c.underline(status.link.url)}`);
    if (status.link.learnMoreUrl) lines.push(`  Learn more: ${status.link.learnMoreUrl}`);
    lines.push('  Then run `gateway accounts verify`.');
  } else {
    const fix = fixFor(status);
    if (fix) lines.push(`  ${fix}`);
  }
  return lines.join('\n');
}
