// Which account takes the next request for a model: the accounts that can serve it now (state,
// catalog, cooldown, quota), handed to the configured strategy.
import type { Strategy } from '../config/schema.js';
import type { AccountRegistry, PoolAccount } from './account-registry.js';
import type { Cooldowns } from './cooldowns.js';
import { availableAt } from './exhausted-error.js';
import { strategyPick, type Candidate } from './strategies/index.js';

/** Conversations remembered for stickiness; the oldest are forgotten first. */
const SESSION_LIMIT = 2000;

export interface AccountPicker {
  pick(model: string, sessionKey: string | undefined, exclude: ReadonlySet<string>): PoolAccount | undefined;
  /** Whether an account can take a request for `model` at `t`. */
  available(a: PoolAccount, model: string, t: number): boolean;
  /** The union of the usable accounts' models. */
  catalog(): Set<string>;
  /** ms until some account that serves `model` may be tried again (0: one can now). */
  soonestIn(model: string): number | undefined;
  /** Switches the strategy for the next picks (config.json changed under a running server). */
  setStrategy(strategy: Strategy): void;
}

export function createAccountPicker(registry: AccountRegistry, cooldowns: Cooldowns, strategy: Strategy, now: () => number): AccountPicker {
  let pick = strategyPick(strategy);
  const lastPicked = new Map<string, string>();
  const sessions = new Map<string, string>();

  const rememberSession = (key: string, id: string): void => {
    sessions.delete(key);
    sessions.set(key, id);
    if (sessions.size > SESSION_LIMIT) sessions.delete(sessions.keys().next().value!);
  };

  const serves = (a: PoolAccount, model: string): boolean => registry.usable(a) && registry.servesModel(a, model);

  const available = (a: PoolAccount, model: string, t: number): boolean => {
    if (!serves(a, model)) return false;
    if (cooldowns.active(a.record.id, model, t)) return false;
    const q = registry.quota.get(a.record.id, model);
    return !(q && q.remainingFraction <= 0 && (q.resetAt === undefined || q.resetAt > t));
  };

  return {
    available,
    setStrategy(next) {
      pick = strategyPick(next);
    },
    catalog() {
      const set = new Set<string>();
      for (const a of registry.list()) if (registry.usable(a)) registry.addModels(a, set);
      return set;
    },
    soonestIn(model) {
      const t = now();
      const serving = registry.list().filter((a) => serves(a, model));
      if (serving.length === 0) return undefined;
      return Math.min(...serving.map((a) => availableAt(registry, cooldowns, a, model, t))) - t;
    },
    pick(model, sessionKey, exclude) {
      const t = now();
      const candidates: Candidate[] = registry
        .list()
        .filter((a) => !exclude.has(a.record.id) && available(a, model, t))
        .map((a) => {
          const c: Candidate = { id: a.record.id };
          const f = registry.quota.fraction(a.record.id, model, t);
          if (f !== undefined) c.remainingFraction = f;
          if (a.lastUsedAt !== undefined) c.lastUsedAt = a.lastUsedAt;
          return c;
        });
      const sessionAccountId = sessionKey !== undefined ? sessions.get(sessionKey) : undefined;
      const lastPickedId = lastPicked.get(model);
      const id = pick(
        candidates,
        model,
        {
          ...(sessionAccountId !== undefined ? { sessionAccountId } : {}),
          ...(lastPickedId !== undefined ? { lastPickedId } : {}),
        },
        t,
      );
      const chosen = id === undefined ? undefined : registry.get(id);
      if (chosen) {
        // Marked at pick time, so concurrent requests in a near-tie spread over the accounts.
        chosen.lastUsedAt = t;
        chosen.modelUsedAt.set(model, t);
        lastPicked.set(model, chosen.record.id);
        if (sessionKey !== undefined) rememberSession(sessionKey, chosen.record.id);
      }
      return chosen;
    },
  };
}
