// The JSON of /account-limits and /health, from the pool's live state. Never a secret.
import type { ActionLink } from '../canonical/index.js';
import type { Strategy } from '../config/schema.js';
import type { AccountState } from '../store/types.js';
import type { AccountRegistry } from './account-registry.js';
import type { HealthReport } from './backend.js';
import type { CooldownReason, Cooldowns } from './cooldowns.js';

export type ModelLimitState = 'ok' | 'cooling-down' | 'exhausted' | 'unknown';

export interface ModelLimit {
  remainingFraction: number | null;
  resetTime: string | null;
  state: ModelLimitState;
  cooldownUntil: string | null;
  cooldownReason: CooldownReason | null;
  lastUsed: string | null;
}

export interface AccountLimits {
  id: string;
  email: string;
  flavor: string;
  state: AccountState;
  /** Turned off by the user (dashboard); apart from the state, which is Google's word. */
  disabled: boolean;
  stateReason: string | null;
  /** needs-verification: where the owner verifies the account. */
  stateLink: ActionLink | null;
  /** When the account entered its state, when known. */
  stateSince: string | null;
  tier: string | null;
  projectId: string | null;
  lastUsed: string | null;
  quotaFetchedAt: string | null;
  quotaError: string | null;
  models: Record<string, ModelLimit>;
}

export interface LimitsReport {
  generatedAt: string;
  strategy: Strategy;
  accounts: AccountLimits[];
}

const iso = (ms: number | undefined): string | null => (ms === undefined ? null : new Date(ms).toISOString());

export function buildLimits(registry: AccountRegistry, cooldowns: Cooldowns, strategy: Strategy, now: number): LimitsReport {
  const accounts = registry.list().map((a): AccountLimits => {
    const r = a.record;
    const quota = registry.quota.account(r.id);
    const models: Record<string, ModelLimit> = {};
    for (const m of [...registry.models(a)].sort()) {
      const q = quota?.models.get(m);
      const c = cooldowns.active(r.id, m, now);
      const fraction = registry.quota.fraction(r.id, m, now);
      const state: ModelLimitState = c ? 'cooling-down' : fraction === undefined ? 'unknown' : fraction <= 0 ? 'exhausted' : 'ok';
      models[m] = {
        remainingFraction: q ? q.remainingFraction : null,
        resetTime: q?.resetTime ?? null,
        state,
        cooldownUntil: c ? iso(c.until) : null,
        cooldownReason: c ? c.reason : null,
        lastUsed: iso(a.modelUsedAt.get(m)),
      };
    }
    return {
      id: r.id,
      email: r.email,
      flavor: r.flavor,
      state: r.state,
      disabled: r.disabled === true,
      stateReason: r.stateReason ?? null,
      stateLink: r.stateLink ?? null,
      stateSince: r.stateSince ?? null,
      tier: r.tier ?? null,
      projectId: r.projectId ?? null,
      lastUsed: iso(a.lastUsedAt),
      quotaFetchedAt: iso(quota?.fetchedAt),
      quotaError: registry.quota.error(r.id)?.message ?? null,
      models,
    };
  });
  return { generatedAt: new Date(now).toISOString(), strategy, accounts };
}

/** An account that cannot serve until its owner acts, as /health lists it. */
export interface AccountAttention {
  id: string;
  email: string;
  state: Exclude<AccountState, 'active'>;
  reason: string | null;
  link: ActionLink | null;
  since: string | null;
}

export function buildHealth(registry: AccountRegistry, cooldowns: Cooldowns, now: number): HealthReport {
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
