// The pool's start and its timers: accounts loaded, the first quota answers asked for (requests
// wait for them only briefly), quota asked again on the configured period, and the accounts
// followed as the CLI or the dashboard change them.
import type { PoolParts } from './pool-parts.js';

/** How long startup waits for the first quota answers before serving with default catalogs. */
const STARTUP_QUOTA_WAIT_MS = 5000;

export interface PoolLife {
  /** Resolves once the first quota answers are in (or after STARTUP_QUOTA_WAIT_MS); never rejects. */
  firstQuota: Promise<void>;
  /** True until firstQuota settles: only a request that comes before then waits for it. */
  quotaPending(): boolean;
  /** Stops the timers and the watch. */
  close(): void;
}

export async function startPool({ config, store, registry, log }: Pick<PoolParts, 'config' | 'store' | 'registry' | 'log'>): Promise<PoolLife> {
  await registry.sync();
  // The server listens while the first quota answers are on their way (Google takes a second or
  // more); only a request that comes before them waits, and at most STARTUP_QUOTA_WAIT_MS.
  let startupTimer: NodeJS.Timeout | undefined;
  let pending = true;
  const firstQuota = Promise.race([
    registry.refreshAllQuota(),
    new Promise<void>((r) => (startupTimer = setTimeout(r, STARTUP_QUOTA_WAIT_MS))),
  ])
    .catch((e: Error) => log.warn('first quota fetch failed', { error: e.message }))
    .finally(() => {
      clearTimeout(startupTimer);
      pending = false;
    });

  let refresher: NodeJS.Timeout | undefined;
  if (config.quotaRefreshSeconds > 0) {
    refresher = setInterval(() => void registry.refreshAllQuota(), config.quotaRefreshSeconds * 1000);
    refresher.unref();
  }
  const unwatch = store.watch(() => void registry.changed().catch((e: Error) => log.warn('accounts reload failed', { error: e.message })));
  // A change between the first load and the watch's start has no event of its own.
  await registry.sync();

  return {
    firstQuota,
    quotaPending: () => pending,
    close() {
      clearTimeout(startupTimer);
      clearInterval(refresher);
      unwatch();
    },
  };
}
