// The live feed of finished requests: the server publishes each record once, the dashboard's
// stream subscribes, and a bounded ring of the latest ones greets a new subscriber.
import type { RequestRecord } from './request-record.js';

export interface RequestFeed {
  publish(r: RequestRecord): void;
  /** Calls back for every record published from now on; returns the unsubscribe. */
  subscribe(listener: (r: RequestRecord) => void): () => void;
  /** The latest records, oldest first (at most `limit`, default all kept). */
  recent(limit?: number): RequestRecord[];
}

const DEFAULT_CAPACITY = 200;

export function createRequestFeed(capacity = DEFAULT_CAPACITY): RequestFeed {
  const ring: RequestRecord[] = [];
  const listeners = new Set<(r: RequestRecord) => void>();
  return {
    publish(r) {
      ring.push(r);
      if (ring.length > capacity) ring.splice(0, ring.length - capacity);
      for (const listener of listeners) {
        // One broken subscriber must not stop the others, nor the request that published.
        try {
          listener(r);
        } catch {
          // ignored on purpose
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    recent(limit) {
      return limit === undefined ? [...ring] : ring.slice(Math.max(0, ring.length - limit));
    },
  };
}
