// The live feed of finished requests: the dashboard's request log subscribes to it, and the ledger
// writer too. A ring buffer keeps the latest ones for a page that opens late.
import type { RequestRecord } from './request-record.js';

export interface RequestFeed {
  publish(r: RequestRecord): void;
  /** Calls `listener` for every record published from now on; returns the unsubscribe function. */
  subscribe(listener: (r: RequestRecord) => void): () => void;
  /** The last `limit` records (all kept when left out), oldest first. */
  recent(limit?: number): RequestRecord[];
}

const DEFAULT_FEED_CAPACITY = 200;

/**
 * @example const feed = createRequestFeed(); const stop = feed.subscribe((r) => console.log(r.status));
 * A listener that throws never breaks the request that published: `onListenerError` hears of it
 * (by default the first failure is reported on stderr).
 */
export function createRequestFeed(capacity = DEFAULT_FEED_CAPACITY, onListenerError?: (e: unknown) => void): RequestFeed {
  const size = Math.max(1, Math.floor(capacity));
  const ring: RequestRecord[] = [];
  let next = 0;
  const listeners = new Set<(r: RequestRecord) => void>();
  let complained = false;
  return {
    publish(r) {
      if (ring.length < size) ring.push(r);
      else ring[next] = r;
      next = (next + 1) % size;
      for (const listener of listeners) {
        try {
          listener(r);
        } catch (e) {
          if (onListenerError) onListenerError(e);
          else if (!complained) process.stderr.write(`request feed: a listener failed: ${(e as Error).message}\n`);
          complained = true;
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    recent(limit) {
      const ordered = ring.length < size ? ring.slice() : [...ring.slice(next), ...ring.slice(0, next)];
      return limit === undefined || limit >= ordered.length ? ordered : ordered.slice(ordered.length - Math.max(0, limit));
    },
  };
}
