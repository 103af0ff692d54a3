// createPool: many Google accounts behaving as one Backend (shared/design.md §3).
import { refreshAccessToken } from '../auth/refresh-access-token.js';
import { GatewayError, type CanonicalEvent, type CanonicalRequest } from '../canonical/index.js';
import type { Config } from '../config/schema.js';
import { silentLogger, type Logger } from '../log/logger.js';
import type { Upstream } from '../upstreams/upstream.js';
import { AccountRegistry, type PoolAccount } from './account-registry.js';
import { createFileAccountStore, type AccountStore } from './account-store.js';
import type { Backend, HealthReport, ModelInfo } from './backend.js';
import { Cooldowns, classifyCooldown } from './cooldowns.js';
import { runWithFailover, type FailoverHooks } from './failover.js';
import { exhaustedError, noAccountError } from './exhausted-error.js';
import { buildHealth, buildLimits, type LimitsReport } from './limits-report.js';
import { resolveModel } from './resolve-model.js';
import { strategyPick, type Candidate } from './strategies/index.js';

export interface PoolDeps {
  config: Config;
  upstream: Upstream;
  log?: Logger;
  now?: () => number;
  /** Where accounts come from; accounts.json and the secret store in config.home by default. */
  accounts?: AccountStore;
  /** The token exchange; refreshAccessToken against config.endpoints by default. */
  refreshAccessToken?: typeof refreshAccessToken;
}

export interface RefreshResult {
  id: string;
  email: string;
  ok: boolean;
  expiresAt?: string;
  error?: string;
}

export interface PoolBackend extends Backend {
  limits(): Promise<LimitsReport>;
  refreshTokens(account?: string): Promise<RefreshResult[]>;
  /** Re-reads accounts and quota now (tests, `gateway limits`). */
  refreshQuota(): Promise<void>;
}

const SESSION_LIMIT = 2000;
/** How long startup waits for the first quota answers before serving with default catalogs. */
const STARTUP_QUOTA_WAIT_MS = 5000;
/** limits() asks Google again when its data is older than this. */
const LIMITS_FRESH_MS = 60_000;

export async function createPool(deps: PoolDeps): Promise<PoolBackend> {
  const { config, upstream } = deps;
  const log = deps.log ?? silentLogger;
  const now = deps.now ?? Date.now;
  const store = deps.accounts ?? createFileAccountStore(config, log);
  const exchange = deps.refreshAccessToken ?? refreshAccessToken;
  const registry = new AccountRegistry({
    store,
    upstream,
    log,
    now,
    refresh: (flavor, token, signal) => exchange(config.endpoints, flavor, token, signal),
  });
  const cooldowns = new Cooldowns();
  const pick = strategyPick(config.strategy);
  const lastPicked = new Map<string, string>();
  const sessions = new Map<string, string>();

  await registry.sync();
  const first = registry.refreshAllQuota();
  let startupTimer: NodeJS.Timeout | undefined;
  await Promise.race([first, new Promise<void>((r) => (startupTimer = setTimeout(r, STARTUP_QUOTA_WAIT_MS)))]);
  clearTimeout(startupTimer);

  const timers: NodeJS.Timeout[] = [];
  if (config.quotaRefreshSeconds > 0) {
    const t = setInterval(() => void registry.refreshAllQuota(), config.quotaRefreshSeconds * 1000);
    t.unref();
    timers.push(t);
  }
  const unwatch = store.watch(() => void registry.sync().catch((e: Error) => log.warn('accounts reload failed', { error: e.message })));

  const catalog = (): Set<string> => {
    const set = new Set<string>();
    for (const a of registry.list()) if (registry.usable(a)) for (const m of registry.models(a)) set.add(m);
    return set;
  };

  /** Whether an account can take a request for `model` right now (state, catalog, cooldown, quota). */
  const available = (a: PoolAccount, model: string, t: number): boolean => {
    if (!registry.usable(a) || !registry.models(a).includes(model)) return false;
    if (cooldowns.active(a.record.id, model, t)) return false;
    const q = registry.quota.get(a.record.id, model);
    return !(q && q.remainingFraction <= 0 && (q.resetAt === undefined || q.resetAt > t));
  };

  const rememberSession = (key: string, id: string): void => {
    sessions.delete(key);
    sessions.set(key, id);
    if (sessions.size > SESSION_LIMIT) sessions.delete(sessions.keys().next().value!);
  };

  const pickAccount = (model: string, sessionKey: string | undefined, exclude: ReadonlySet<string>): PoolAccount | undefined => {
    const t = now();
    const eligible = registry.list().filter((a) => !exclude.has(a.record.id) && available(a, model, t));
    const candidates: Candidate[] = eligible.map((a) => {
      const c: Candidate = { id: a.record.id };
      const f = registry.quota.fraction(a.record.id, model, t);
      if (f !== undefined) c.remainingFraction = f;
      if (a.lastUsedAt !== undefined) c.lastUsedAt = a.lastUsedAt;
      return c;
    });
    const sessionAccountId = sessionKey !== undefined ? sessions.get(sessionKey) : undefined;
    const lastPickedId = lastPicked.get(model);
    const id = pick(candidates, model, {
      ...(sessionAccountId !== undefined ? { sessionAccountId } : {}),
      ...(lastPickedId !== undefined ? { lastPickedId } : {}),
    }, t);
    const chosen = id === undefined ? undefined : registry.get(id);
    if (chosen) {
      chosen.lastUsedAt = t;
      chosen.modelUsedAt.set(model, t);
      lastPicked.set(model, chosen.record.id);
      if (sessionKey !== undefined) rememberSession(sessionKey, chosen.record.id);
    }
    return chosen;
  };

  /** Remembers which token each attempt used, so a 401 invalidates exactly that one. */
  interface Attempt {
    account: PoolAccount;
    token?: string;
  }

  const prepare = async (req: CanonicalRequest): Promise<string> => {
    await registry.sync();
    if (!registry.list().some((a) => registry.usable(a))) throw noAccountError(registry.list());
    return resolveModel(req.model, config.aliases, catalog());
  };

  const hooksFor = (model: string, sessionKey: string | undefined): FailoverHooks<Attempt> => ({
    maxAttempts: config.maxAttempts,
    pick: (exclude) => {
      const account = pickAccount(model, sessionKey, exclude);
      return account ? { account } : undefined;
    },
    idOf: (a) => a.account.record.id,
    onSuccess: (a) => cooldowns.clear(a.account.record.id, model),
    dropToken: (a) => {
      if (a.token !== undefined) registry.tokens.invalidate(a.account.record.id, a.token);
      delete a.token;
    },
    onFailure: async (a, err, action) => {
      const id = a.account.record.id;
      log.info('upstream call failed', { account: a.account.record.email, model, kind: err.kind, reason: err.upstream?.reason, action });
      switch (action) {
        case 'needs-login':
          await registry.markState(id, 'needs-login', err.message);
          return;
        case 'disabled':
          await registry.markState(id, 'disabled', err.message);
          return;
        case 'cool-and-next': {
          const t = now();
          const c = classifyCooldown(err, t, cooldowns.last(id, model), registry.quota.get(id, model)?.resetAt);
          if (c) cooldowns.set(id, model, c);
          if (err.kind === 'rate_limited') void registry.refreshQuota(id);
          return;
        }
        case 'refresh-and-retry':
        case 'next':
        case 'fatal':
          return;
      }
    },
    exhausted: (failures) => exhaustedError(model, failures, registry, cooldowns, now()),
  });

  const observe = async function* (
    firstEvent: CanonicalEvent,
    rest: AsyncIterator<CanonicalEvent>,
    account: PoolAccount,
    model: string,
  ): AsyncGenerator<CanonicalEvent> {
    try {
      yield firstEvent;
      for (;;) {
        const r = await rest.next();
        if (r.done) return;
        if (r.value.type === 'error') {
          // Too late to fail over, but the next request should not walk into the same wall.
          const c = classifyCooldown(r.value.error, now(), cooldowns.last(account.record.id, model));
          if (c && r.value.error.kind === 'rate_limited') cooldowns.set(account.record.id, model, c);
        }
        yield r.value;
      }
    } finally {
      await rest.return?.();
    }
  };

  const pool: PoolBackend = {
    async generate(req, signal) {
      const model = await prepare(req);
      return runWithFailover(hooksFor(model, req.sessionKey), signal, async (a) => {
        const account = registry.context(a.account, (token) => (a.token = token));
        const it = upstream.stream({ request: req, model, account, signal })[Symbol.asyncIterator]();
        const head = await it.next();
        if (head.done) throw new GatewayError('upstream', 'Google ended the stream before sending anything.');
        if (head.value.type === 'error') {
          await it.return?.();
          throw head.value.error;
        }
        return observe(head.value, it, a.account, model);
      });
    },
    async countTokens(req, signal) {
      const model = await prepare(req);
      return runWithFailover(hooksFor(model, req.sessionKey), signal, (a) =>
        upstream.countTokens({ request: req, model, account: registry.context(a.account, (t) => (a.token = t)), signal }),
      );
    },
    listModels(): ModelInfo[] {
      const owners = new Map<string, { flavors: Set<string>; displayName?: string }>();
      for (const a of registry.list()) {
        if (!registry.usable(a)) continue;
        for (const m of registry.models(a)) {
          const o = owners.get(m) ?? { flavors: new Set<string>() };
          o.flavors.add(a.record.flavor);
          const dn = registry.quota.get(a.record.id, m)?.displayName;
          if (dn) o.displayName = dn;
          owners.set(m, o);
        }
      }
      return [...owners.entries()]
        .sort(([x], [y]) => x.localeCompare(y))
        .map(([id, o]) => ({ id, ownedBy: [...o.flavors].sort().join(','), ...(o.displayName ? { displayName: o.displayName } : {}) }));
    },
    health(): HealthReport {
      return buildHealth(registry, cooldowns, now());
    },
    async limits() {
      await registry.sync();
      const t = now();
      const stale = registry.list().filter((a) => registry.usable(a) && (registry.quota.account(a.record.id)?.fetchedAt ?? -Infinity) < t - LIMITS_FRESH_MS);
      await Promise.all(stale.map((a) => registry.refreshQuota(a.record.id)));
      return buildLimits(registry, cooldowns, config.strategy, now());
    },
    async refreshTokens(which) {
      await registry.sync();
      let targets = registry.list();
      if (which !== undefined) {
        const one = registry.find(which);
        if (!one) throw new GatewayError('not_found', `No account "${which}"; see \`gateway accounts list\`.`, { param: 'account' });
        targets = [one];
      }
      return Promise.all(
        targets.map(async (a): Promise<RefreshResult> => {
          const { id, email } = a.record;
          try {
            const t = await registry.tokens.forceRefresh(id);
            return { id, email, ok: true, expiresAt: new Date(t.expiresAt).toISOString() };
          } catch (e) {
            const err = e instanceof GatewayError ? e : new GatewayError('internal', (e as Error).message);
            if (err.kind === 'auth' && err.upstream?.code === 'invalid_grant') await registry.markState(id, 'needs-login', err.message);
            return { id, email, ok: false, error: err.message };
          }
        }),
      );
    },
    async refreshQuota() {
      await registry.sync();
      await registry.refreshAllQuota();
    },
    async close() {
      for (const t of timers) clearInterval(t);
      unwatch();
      registry.close();
    },
  };
  return pool;
}
