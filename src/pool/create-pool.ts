// createPool: many accounts behaving as one Backend (shared/design.md §3). This file wires the
// pieces; each job has its own file: start-pool (startup and timers), serve-request and
// failover-hooks (the request path), list-models, health-report, pool-admin (reports and changes).
import type { Config } from '../config/schema.js';
import { silentLogger, type Logger } from '../log/logger.js';
import type { Upstream } from '../upstreams/upstream.js';
import { sleep as abortableSleep } from '../util/sleep.js';
import { createAccountPicker } from './account-picker.js';
import { AccountRegistry } from './account-registry.js';
import { createFileAccountStore, type AccountStore } from './account-store.js';
import type { Backend } from './backend.js';
import { Cooldowns } from './cooldowns.js';
import { buildHealth, withUpstreamStatus, type PoolHealth } from './health-report.js';
import { listModels } from './list-models.js';
import { createAdmin, type PoolAdmin } from './pool-admin.js';
import type { PoolParts } from './pool-parts.js';
import { createServing } from './serve-request.js';
import { startPool } from './start-pool.js';

export interface PoolDeps {
  config: Config;
  upstream: Upstream;
  log?: Logger;
  now?: () => number;
  /** Where accounts come from; accounts.json and the secret store in config.home by default. */
  accounts?: AccountStore;
  /** The stored secret → an access token; the upstream's own exchange by default (tests pass a fake). */
  accessToken?: Upstream['accessToken'];
  /** How the pool waits out a short cooldown; a timer by default (tests pass a fake clock's). */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export interface PoolBackend extends Omit<Backend, 'health' | 'setAccountEnabled'>, PoolAdmin {
  health(): PoolHealth;
  /** Resolves once the first quota answers are in (or after a few seconds). */
  ready(): Promise<void>;
}

export async function createPool(deps: PoolDeps): Promise<PoolBackend> {
  const { config, upstream } = deps;
  const log = deps.log ?? silentLogger;
  const now = deps.now ?? Date.now;
  const store = deps.accounts ?? createFileAccountStore(config, log);
  const registry = new AccountRegistry({
    store,
    upstream,
    log,
    now,
    accessToken: deps.accessToken ?? ((account, secret, signal) => upstream.accessToken(account, secret, signal)),
  });
  const cooldowns = new Cooldowns();
  const parts: PoolParts = {
    config,
    upstream,
    store,
    log,
    now,
    sleep: deps.sleep ?? abortableSleep,
    registry,
    cooldowns,
    picker: createAccountPicker(registry, cooldowns, config.strategy, now),
    live: { aliases: config.aliases, strategy: config.strategy },
  };
  const life = await startPool(parts);
  return {
    ...createServing(parts, life),
    ...createAdmin(parts),
    listModels: () => listModels(registry),
    health: () => withUpstreamStatus(buildHealth(registry, cooldowns, now()), upstream.status?.()),
    ready: () => life.firstQuota,
    async close() {
      life.close();
      registry.close();
      await upstream.close?.();
    },
  };
}
