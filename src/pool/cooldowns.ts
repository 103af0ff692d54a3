// Per (account, model) cooldowns learnt from upstream errors, with the spec's backoff tiers
// (shared/spec/google-upstream.md §5). Google's own delay wins whenever it gives one.
import type { GatewayError } from '../canonical/index.js';

export type CooldownReason = 'rate-limit' | 'quota-exhausted' | 'capacity' | 'server-error' | 'auth';

export interface Cooldown {
  until: number;
  reason: CooldownReason;
  /** Consecutive failures of this reason; picks the next backoff tier. */
  strikes: number;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const MIN_COOLDOWN_MS = 2 * SECOND;
const RATE_LIMIT_DEFAULT_MS = 10 * SECOND;
const CAPACITY_TIERS_MS = [5, 10, 20, 30, 60].map((s) => s * SECOND);
const QUOTA_TIERS_MS = [MINUTE, 5 * MINUTE, 30 * MINUTE, 120 * MINUTE];
const SERVER_ERROR_TIERS_MS = [5, 10, 20, 30].map((s) => s * SECOND);
/**
 * A rate limit that asks for a longer wait than this is a quota gone until its reset, whatever
 * its reason says (CLIProxyAPI: under 3 s retry the same account, under 5 min cool down and
 * switch, longer exhausted until the reset).
 */
const EXHAUSTED_AFTER_MS = 5 * MINUTE;

const tier = (tiers: readonly number[], strikes: number): number => tiers[Math.min(strikes, tiers.length) - 1] ?? tiers[0]!;

/** What a failed call says about when this (account, model) may be tried again; undefined: no cooldown. */
export function classifyCooldown(
  err: GatewayError,
  now: number,
  previous?: Cooldown,
  /** The quota's reset time for this model, when discovery knows it. */
  quotaResetAt?: number,
): Cooldown | undefined {
  const reasonOf = (): CooldownReason | undefined => {
    const reason = err.upstream?.reason;
    switch (err.kind) {
      case 'rate_limited':
        if (reason === 'QUOTA_EXHAUSTED') return 'quota-exhausted';
        if (reason === 'MODEL_CAPACITY_EXHAUSTED') return 'capacity';
        return err.retryAfterMs !== undefined && err.retryAfterMs >= EXHAUSTED_AFTER_MS ? 'quota-exhausted' : 'rate-limit';
      case 'overloaded':
        return 'capacity';
      case 'upstream':
      case 'timeout':
        return 'server-error';
      case 'auth':
        return 'auth';
      default:
        return undefined;
    }
  };
  const reason = reasonOf();
  if (!reason) return undefined;
  const strikes = previous?.reason === reason ? previous.strikes + 1 : 1;
  let delay: number;
  switch (reason) {
    case 'quota-exhausted':
      delay =
        err.retryAfterMs ??
        (quotaResetAt !== undefined && quotaResetAt > now ? quotaResetAt - now : tier(QUOTA_TIERS_MS, strikes));
      break;
    case 'rate-limit':
      delay = err.retryAfterMs ?? RATE_LIMIT_DEFAULT_MS;
      break;
    case 'capacity':
      delay = err.retryAfterMs ?? tier(CAPACITY_TIERS_MS, strikes);
      break;
    case 'server-error':
      delay = tier(SERVER_ERROR_TIERS_MS, strikes);
      break;
    case 'auth':
      delay = 30 * SECOND;
      break;
  }
  return { until: now + Math.max(delay, MIN_COOLDOWN_MS), reason, strikes };
}

/** The table of active cooldowns. Expired entries keep their strikes until a success clears them. */
export class Cooldowns {
  private readonly map = new Map<string, Cooldown>();

  private static key(accountId: string, model: string): string {
    return `${accountId}\u0000${model}`;
  }

  /** The cooldown in force at `now`, if any. */
  active(accountId: string, model: string, now: number): Cooldown | undefined {
    const c = this.map.get(Cooldowns.key(accountId, model));
    return c && c.until > now ? c : undefined;
  }

  last(accountId: string, model: string): Cooldown | undefined {
    return this.map.get(Cooldowns.key(accountId, model));
  }

  set(accountId: string, model: string, cooldown: Cooldown): void {
    this.map.set(Cooldowns.key(accountId, model), cooldown);
  }

  /** A success: the backoff tiers start over. */
  clear(accountId: string, model: string): void {
    this.map.delete(Cooldowns.key(accountId, model));
  }

  forgetAccount(accountId: string): void {
    for (const k of this.map.keys()) if (k.startsWith(accountId + '\u0000')) this.map.delete(k);
  }
}
