// What the failover loop (failover.ts) asks of the pool for one request: the next account, and what
// each failure does to the accounts (a cooldown, a mark the user must clear, a dropped token).
import type { GatewayError } from '../canonical/index.js';
import type { PoolAccount } from './account-registry.js';
import { classifyCooldown } from './cooldowns.js';
import { exhaustedError } from './exhausted-error.js';
import type { FailoverHooks } from './failover.js';
import type { PoolParts } from './pool-parts.js';

/** When every account cools down for at most this long, the request waits instead of failing. */
const SHORT_WAIT_MS = 5000;

/** One try of a request on an account; remembers the token it used, so a 401 invalidates exactly that one. */
export interface Attempt {
  account: PoolAccount;
  token?: string;
}

/** What the user reads for an account that needs a new login: Google's words, or why a 401 still means that. */
function needsLoginMessage(err: GatewayError): string {
  if (err.upstream?.code === 'invalid_grant') return err.message;
  return `Google refused a freshly refreshed access token (${err.message}); log in again with \`gateway accounts add\`.`;
}

export function failoverHooks(parts: PoolParts, model: string, sessionKey: string | undefined): FailoverHooks<Attempt> {
  const { config, registry, cooldowns, picker, log, now, sleep } = parts;
  return {
    maxAttempts: config.maxAttempts,
    budgetMs: config.requestBudgetMs,
    pick: (exclude) => {
      const account = picker.pick(model, sessionKey, exclude);
      return account ? { account } : undefined;
    },
    idOf: (a) => a.account.record.id,
    onSuccess: (a) => cooldowns.clear(a.account.record.id, model),
    sleep,
    dropToken: (a) => {
      if (a.token !== undefined) registry.tokens.invalidate(a.account.record.id, a.token);
      delete a.token;
    },
    onFailure: async (a, err, action) => {
      const id = a.account.record.id;
      log.info('upstream call failed', { account: a.account.record.email, model, kind: err.kind, reason: err.upstream?.reason, action });
      switch (action) {
        case 'needs-login':
          await registry.markState(id, { state: 'needs-login', message: needsLoginMessage(err) });
          return;
        case 'blocked':
          if (err.account) await registry.markState(id, err.account);
          return;
        case 'wait-and-retry':
        case 'cool-and-next': {
          const t = now();
          const c = classifyCooldown(err, t, cooldowns.last(id, model), registry.quota.get(id, model)?.resetAt);
          if (c) cooldowns.set(id, model, c);
          // Not awaited: the request moves on to the next account now; the fresh quota (and reset
          // time) serves later picks. refreshQuota reports its own failures and never rejects.
          if (err.kind === 'rate_limited') void registry.refreshQuota(id);
          return;
        }
        case 'refresh-and-retry':
        case 'next':
        case 'fatal':
          return;
      }
    },
    waitForAccount: async (signal) => {
      const ms = picker.soonestIn(model);
      if (ms === undefined || ms <= 0 || ms > SHORT_WAIT_MS) return false;
      log.debug('every account cools down briefly; waiting', { model, ms });
      await sleep(ms, signal);
      return true;
    },
    exhausted: (failures) => exhaustedError(model, failures, registry, cooldowns, now()),
  };
}
