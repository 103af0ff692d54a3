// The JSON of /account-limits, from the pool's live state. Never a secret.
import type { ActionLink } from '../canonical/index.js';
import type { Strategy } from '../config/schema.js';
import type { AccountState } from '../store/types.js';
import type { AccountRegistry } from './account-registry.js';
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
