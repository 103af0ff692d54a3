// The errors a client gets when no account could serve: none configured, none logged in, or all
// rate-limited (429 with Retry-After = the soonest moment one comes back).
import { GatewayError } from '../canonical/index.js';
import { fixFor, statusOf } from '../store/account-status.js';
import type { AccountRecord } from '../store/types.js';
import type { AccountRegistry, PoolAccount } from './account-registry.js';
import type { Cooldowns } from './cooldowns.js';
import { formatDuration } from '../util/format-duration.js';

/** Beyond this, SDKs should not sit and retry: tell them so. */
const FAR_RESET_MS = 60_000;

// 503, not 401: a 401 tells clients such as Claude Code that *their* key is wrong and to log in there.
export function noAccountError(accounts: readonly (AccountRecord | PoolAccount)[]): GatewayError {
  const records = accounts.map((a) => ('record' in a ? a.record : a));
  if (records.length === 0) {
    return new GatewayError('unavailable', 'No Google account is set up yet. Run `gateway accounts add`, then try again.', { noRetry: true });
  }
  const states = records
    .map((r) => {
      const fix = fixFor(statusOf(r));
      return `${r.email}: ${r.state}${r.stateReason ? ` (${r.stateReason})` : ''}${fix ? `. ${fix}` : ''}`;
    })
    .join('; ');
  return new GatewayError('unavailable', `No account can be used right now: ${states}`, { noRetry: true });
}

/** When (ms since the epoch) this account can next serve `model`. */
export function availableAt(registry: AccountRegistry, cooldowns: Cooldowns, a: PoolAccount, model: string, now: number): number {
  let at = now;
  const c = cooldowns.active(a.record.id, model, now);
  if (c) at = Math.max(at, c.until);
  const q = registry.quota.get(a.record.id, model);
  if (q && q.remainingFraction <= 0 && q.resetAt !== undefined && q.resetAt > now) at = Math.max(at, q.resetAt);
  return at;
}

function restsAfter(registry: AccountRegistry, cooldowns: Cooldowns, a: PoolAccount, model: string, now: number, reason: 'server-error' | 'auth'): boolean {
  const q = registry.quota.get(a.record.id, model);
  const outOfQuota = q !== undefined && q.remainingFraction <= 0 && q.resetAt !== undefined && q.resetAt > now;
  return !outOfQuota && cooldowns.active(a.record.id, model, now)?.reason === reason;
}

export function exhaustedError(
  model: string,
  failures: readonly GatewayError[],
  registry: AccountRegistry,
  cooldowns: Cooldowns,
  now: number,
): GatewayError {
  const serving = registry.list().filter((a) => registry.usable(a) && registry.models(a).includes(model));
  if (serving.length === 0) return noAccountError(registry.list());
  const limited = failures.length === 0 || failures.some((f) => f.kind === 'rate_limited' || f.kind === 'overloaded');
  const last = failures[failures.length - 1];
  // Only server errors or refusals on the way: that is what the client should hear, not a 429.
  if (!limited && last) return last;
  const soonest = Math.min(...serving.map((a) => availableAt(registry, cooldowns, a, model, now)));
  const waitMs = Math.max(1000, soonest - now);
  const n = serving.length;
  // Nothing tried because every account rests after Google refused its login (401 / 403): the
  // pool's problem, a 503 that says so, never a 429 or an auth error about the client's key.
  if (failures.length === 0 && serving.every((a) => restsAfter(registry, cooldowns, a, model, now, 'auth'))) {
    return new GatewayError(
      'unavailable',
      `Google refused ${n === 1 ? 'the only account' : `all ${n} accounts`} serving ${model} just now; ` +
        `the gateway tries again in ${formatDuration(waitMs)}. Check them with \`gateway accounts verify\`.`,
      { retryAfterMs: waitMs },
    );
  }
  // Nothing tried because every account rests after Google's own 5xx: that is no quota problem.
  if (failures.length === 0 && serving.every((a) => restsAfter(registry, cooldowns, a, model, now, 'server-error'))) {
    return new GatewayError(
      'upstream',
      `Google answered with server errors on ${n === 1 ? 'the only account' : `all ${n} accounts`} serving ${model} just now; ` +
        `the gateway tries again in ${formatDuration(waitMs)}.`,
      { retryAfterMs: waitMs },
    );
  }
  const who = n === 1 ? 'The only account' : `All ${n} accounts`;
  const message =
    `${who} serving ${model} ${n === 1 ? 'is' : 'are'} rate-limited or out of quota; ` +
    `the soonest resets in ${formatDuration(waitMs)} (${new Date(now + waitMs).toISOString()}).`;
  return new GatewayError('rate_limited', message, {
    retryAfterMs: waitMs,
    noRetry: waitMs > FAR_RESET_MS,
    ...(last?.upstream ? { upstream: last.upstream } : {}),
  });
}
