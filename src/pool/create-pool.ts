// createPool: many Google accounts behaving as one Backend (shared/design.md §3).
import { refreshAccessToken } from '../auth/refresh-access-token.js';
import { GatewayError, type CanonicalRequest } from '../canonical/index.js';
import type { Config } from '../config/schema.js';
import { silentLogger, type Logger } from '../log/logger.js';
import type { Upstream } from '../upstreams/upstream.js';
import { createAccountPicker } from './account-picker.js';
import { AccountRegistry, type PoolAccount } from './account-registry.js';
import { createFileAccountStore, type AccountStore } from './account-store.js';
import type { Backend, GenerationTrace, HealthReport, ModelInfo } from './backend.js';
import { Cooldowns, classifyCooldown } from './cooldowns.js';
import { runWithFailover, type FailoverHooks } from './failover.js';
import { exhaustedError, noAccountError } from './exhausted-error.js';
import { buildHealth, buildLimits, type LimitsReport } from './limits-report.js';
import { bufferStream } from './buffer-stream.js';
import { peekStream } from './peek-stream.js';
import { resolveModel } from './resolve-model.js';
import { withUpstreamStatus } from './upstream-health.js';
import { toggleAccount, type ToggleResult } from './toggle-account.js';

export interface PoolDeps {
  config: Config;
  upstream: Upstream;
  log?: Logger;
  now?: () => number;
  /** Where accounts come from; accounts.json and the secret store in config.home by default. */
  accounts?: AccountStore;
  /** The token exchange; refreshAccessToken against config.endpoints by default. */
  refreshAccessToken?: typeof refreshAccessToken;
  /** How the pool waits out a short cooldown; a timer by default (tests pass a fake clock's). */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
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
  setAccountEnabled(account: string, enabled: boolean): Promise<ToggleResult>;
  /** Re-reads accounts and quota now (tests, `gateway limits`). */
  refreshQuota(): Promise<void>;
  /** Resolves once the first quota answers are in (or after STARTUP_QUOTA_WAIT_MS). */
  ready(): Promise<void>;
  /** Takes the settings that may change under a running server: aliases and strategy. */
  applyConfig(next: Pick<Config, 'aliases' | 'strategy'>): void;
}

/** How long startup waits for the first quota answers before serving with default catalogs. */
const STARTUP_QUOTA_WAIT_MS = 5000;
/** When every account cools down for at most this long, the request waits instead of failing. */
export const SHORT_WAIT_MS = 5000;
/** limits() asks Google again when its data is older than this. */
const LIMITS_FRESH_MS = 60_000;

/** What the user reads for an account that needs a new login: Google's words, or why a 401 still means that. */
function needsLoginMessage(err: GatewayError): string {
  if (err.upstream?.code === 'invalid_grant') return err.message;
  return `Google refused a freshly refreshed access token (${err.message}); log in again with \`gateway accounts add\`.`;
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** One more upstream call for this request; a different account than the last one is a failover. */
function noteAttempt(trace: GenerationTrace, account: PoolAccount): void {
  const { email, flavor } = account.record;
  trace.attempts++;
  if (trace.account !== undefined && trace.account !== email) trace.failovers++;
  trace.account = email;
  trace.flavor = flavor;
}

export async function createPool(deps: PoolDeps): Promise<PoolBackend> {
  const { config, upstream } = deps;
  const log = deps.log ?? silentLogger;
  const now = deps.now ?? Date.now;
  const store = deps.accounts ?? createFileAccountStore(config, log);
  const exchange = deps.refreshAccessToken ?? refreshAccessToken;
  const sleep = deps.sleep ?? abortableSleep;
  const registry = new AccountRegistry({
    store,
    upstream,
    log,
    now,
    refresh: (flavor, token, signal) => exchange(config.endpoints, flavor, token, signal),
  });
  const cooldowns = new Cooldowns();
  const picker = createAccountPicker(registry, cooldowns, config.strategy, now);
  // What config.json may change while the server runs (applyConfig).
  let live: Pick<Config, 'aliases' | 'strategy'> = { aliases: config.aliases, strategy: config.strategy };

  await registry.sync();
  // The server listens while the first quota answers are on their way (Google takes a second or
  // more); only a request that comes before them waits, and at most STARTUP_QUOTA_WAIT_MS.
  let startupTimer: NodeJS.Timeout | undefined;
  let quotaPending = true;
  const firstQuota = Promise.race([
    registry.refreshAllQuota(),
    new Promise<void>((r) => (startupTimer = setTimeout(r, STARTUP_QUOTA_WAIT_MS))),
  ])
    .catch((e: Error) => log.warn('first quota fetch failed', { error: e.message }))
    .finally(() => {
      clearTimeout(startupTimer);
      quotaPending = false;
    });

  const timers: NodeJS.Timeout[] = [];
  if (config.quotaRefreshSeconds > 0) {
    const t = setInterval(() => void registry.refreshAllQuota(), config.quotaRefreshSeconds * 1000);
    t.unref();
    timers.push(t);
  }
  const unwatch = store.watch(() => void registry.changed().catch((e: Error) => log.warn('accounts reload failed', { error: e.message })));
  // A change between the first load and the watch's start has no event of its own.
  await registry.sync();

  /** Remembers which token each attempt used, so a 401 invalidates exactly that one. */
  interface Attempt {
    account: PoolAccount;
    token?: string;
  }

  const prepare = async (req: CanonicalRequest): Promise<string> => {
    if (quotaPending) await firstQuota;
    // While the store's watch reports every change, a request only waits for a reload in flight
    // instead of checking the file itself (a stat and a few promises per request).
    const reloading = store.watching?.() === true ? registry.pending() : registry.sync();
    if (reloading !== undefined) await reloading;
    if (!registry.list().some((a) => registry.usable(a))) throw noAccountError(registry.list());
    return resolveModel(req.model, live.aliases, picker.catalog());
  };

  const hooksFor = (model: string, sessionKey: string | undefined): FailoverHooks<Attempt> => ({
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
  });

  const pool: PoolBackend = {
    async generate(req, signal, trace) {
      // The strategy before anything can fail: a request no account can take is recorded too.
      if (trace !== undefined) trace.strategy = config.strategy;
      const model = await prepare(req);
      if (trace !== undefined) trace.modelServed = model;
      return runWithFailover(hooksFor(model, req.sessionKey), signal, (a, attempt) => {
        if (trace !== undefined) noteAttempt(trace, a.account);
        const account = registry.context(a.account, (token) => (a.token = token));
        const id = a.account.record.id;
        const source = upstream.stream({ request: req, model, account, signal: attempt.signal, listed: registry.quota.get(id, model) !== undefined });
        // A folded answer reaches the client only when complete, so a break midway still fails over.
        if (!req.stream) return bufferStream(source, attempt.started);
        return peekStream(source, (error) => {
          // Too late to fail over, but the next request should not walk into the same wall.
          if (error.kind !== 'rate_limited') return;
          const c = classifyCooldown(error, now(), cooldowns.last(id, model));
          if (c) cooldowns.set(id, model, c);
        });
      });
    },
    async countTokens(req, signal, trace) {
      // The strategy before anything can fail: a request no account can take is recorded too.
      if (trace !== undefined) trace.strategy = config.strategy;
      const model = await prepare(req);
      if (trace !== undefined) trace.modelServed = model;
      return runWithFailover(hooksFor(model, req.sessionKey), signal, (a, attempt) => {
        if (trace !== undefined) noteAttempt(trace, a.account);
        return upstream.countTokens({ request: req, model, account: registry.context(a.account, (t) => (a.token = t)), signal: attempt.signal });
      });
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
      return withUpstreamStatus(buildHealth(registry, cooldowns, now()), upstream.status?.());
    },
    async limits() {
      await registry.sync();
      const t = now();
      const stale = registry.list().filter((a) => registry.usable(a) && (registry.quota.account(a.record.id)?.fetchedAt ?? -Infinity) < t - LIMITS_FRESH_MS);
      await Promise.all(stale.map((a) => registry.refreshQuota(a.record.id)));
      return buildLimits(registry, cooldowns, live.strategy, now());
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
            if (err.account) await registry.markState(id, err.account);
            else if (err.kind === 'auth' && err.upstream?.code === 'invalid_grant') await registry.markState(id, { state: 'needs-login', message: err.message });
            return { id, email, ok: false, error: err.message };
          }
        }),
      );
    },
    async setAccountEnabled(which, enabled) {
      await registry.sync();
      return toggleAccount(registry, which, enabled);
    },
    async refreshQuota() {
      await registry.sync();
      await registry.refreshAllQuota();
    },
    ready: () => firstQuota,
    applyConfig(next) {
      if (next.strategy !== live.strategy) picker.setStrategy(next.strategy);
      live = { aliases: next.aliases, strategy: next.strategy };
    },
    async close() {
      clearTimeout(startupTimer);
      for (const t of timers) clearInterval(t);
      unwatch();
      registry.close();
      await upstream.close?.();
    },
  };
  return pool;
}
