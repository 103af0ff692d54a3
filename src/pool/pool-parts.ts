// What the pool's jobs (startup and timers, serving requests, failover, admin) share: built once by
// createPool and handed to each.
import type { Config } from '../config/schema.js';
import type { Logger } from '../log/logger.js';
import type { Upstream } from '../upstreams/upstream.js';
import type { AccountPicker } from './account-picker.js';
import type { AccountRegistry } from './account-registry.js';
import type { AccountStore } from './account-store.js';
import type { Cooldowns } from './cooldowns.js';

/** The settings config.json may change while the server runs (applyConfig). */
export type LiveConfig = Pick<Config, 'aliases' | 'strategy'>;

export interface PoolParts {
  config: Config;
  upstream: Upstream;
  store: AccountStore;
  log: Logger;
  now: () => number;
  /** How the pool waits out a short cooldown. */
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  registry: AccountRegistry;
  cooldowns: Cooldowns;
  picker: AccountPicker;
  /** Replaced whole by applyConfig; read per request. */
  live: LiveConfig;
}
