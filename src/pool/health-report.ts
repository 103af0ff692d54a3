// The JSON of /health, from the pool's live state and what the upstream says about itself (the
// client version in use and where it came from, as it is; a problem no account can fix, such as
// Google refusing the client version, makes the status `degraded` with the reason). Never a secret.
import type { ActionLink } from '../canonical/index.js';
import type { AccountState } from '../store/types.js';
import type { UpstreamStatus } from '../upstreams/upstream.js';
import type { AccountRegistry } from './account-registry.js';
import type { HealthReport } from './backend.js';
import type { Cooldowns } from './cooldowns.js';

/** An account that cannot serve until its owner acts, as /health lists it. */
export interface AccountAttention {
  id: string;
  email: string;
  state: Exclude<AccountState, 'active'>;
  reason: string | null;
  link: ActionLink | null;
  since: string | null;
}

export interface PoolHealth extends HealthReport {
  /** Usable accounts none of whose models can take a request now. */
  rateLimited: number;
  needsLogin: number;
  needsVerification: number;
  banned: number;
  unsupportedClient: number;
  noProject: number;
  /** Turned off by the user. */
  disabled: number;
  /** Usable accounts that can take a request now. */
  available: number;
  attention: AccountAttention[];
  /** Why the status is degraded when no account is to blame (the upstream's problem). */
  reason?: string;
  /** The upstream's own details (UpstreamStatus.details), beside the pool's counts. */
  [detail: string]: unknown;
}

export function buildHealth(registry: AccountRegistry, cooldowns: Cooldowns, now: number): PoolHealth {
  const all = registry.list();
  const active = all.filter((a) => registry.usable(a));
  // An account counts as rate-limited when none of its models can take a request now.
  const rateLimited = active.filter((a) => {
    const models = registry.models(a);
    return models.length > 0 && models.every((m) => {
      if (cooldowns.active(a.record.id, m, now)) return true;
      const f = registry.quota.fraction(a.record.id, m, now);
      return f !== undefined && f <= 0;
    });
  }).length;
  const count = (s: AccountState): number => all.filter((a) => a.record.state === s).length;
  const status: HealthReport['status'] = all.length === 0 ? 'no-accounts' : active.length > rateLimited ? 'ok' : 'degraded';
  const attention = all.flatMap(({ record: r }): AccountAttention[] =>
    r.state === 'active'
      ? []
      : [{ id: r.id, email: r.email, state: r.state, reason: r.stateReason ?? null, link: r.stateLink ?? null, since: r.stateSince ?? null }],
  );
  return {
    status,
    accounts: all.length,
    activeAccounts: active.length,
    rateLimited,
    needsLogin: count('needs-login'),
    needsVerification: count('needs-verification'),
    banned: count('banned'),
    unsupportedClient: count('unsupported-client'),
    noProject: count('no-project'),
    disabled: all.filter((a) => a.record.disabled === true).length,
    available: active.length - rateLimited,
    attention,
  };
}

/** The pool's health with what the upstream says about itself. */
export function withUpstreamStatus(health: PoolHealth, status: UpstreamStatus | undefined): PoolHealth {
  if (status === undefined) return health;
  const out: PoolHealth = { ...health, ...status.details };
  if (status.problem !== undefined && health.status !== 'no-accounts') {
    out.status = 'degraded';
    out.reason = status.problem;
  }
  return out;
}
