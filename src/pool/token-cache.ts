// Access tokens in memory, refreshed shortly before expiry, one refresh in flight per account
// however many requests wait for it.
import type { AccessToken } from '../upstreams/upstream.js';

/** Refresh this long before Google's expiry (at most half the lifetime), so a token never dies mid-request. @internal */
export const REFRESH_AHEAD_MS = 5 * 60 * 1000;

export interface TokenCacheOptions {
  /** Exchanges the account's refresh token for a new access token. */
  refresh(accountId: string, signal?: AbortSignal): Promise<AccessToken>;
  now?: () => number;
}

export interface TokenCache {
  /** A token valid for a while yet; refreshes (single-flight) when needed. */
  get(accountId: string, signal?: AbortSignal): Promise<string>;
  /**
   * Google refused `token` (401): drop it if it is still the cached one, so the next get()
   * refreshes. Many requests failing with the same token still cause one refresh.
   */
  invalidate(accountId: string, token: string): void;
  /** Refreshes now, whatever the cache holds (joins a refresh already in flight). */
  forceRefresh(accountId: string, signal?: AbortSignal): Promise<AccessToken>;
  forget(accountId: string): void;
  /** When the cached token expires, for reports; undefined when none is cached. */
  expiresAt(accountId: string): number | undefined;
}

export function createTokenCache(options: TokenCacheOptions): TokenCache {
  const now = options.now ?? Date.now;
  const cached = new Map<string, AccessToken & { refreshAt: number }>();
  const inflight = new Map<string, Promise<AccessToken>>();

  const start = (accountId: string): Promise<AccessToken> => {
    const running = inflight.get(accountId);
    if (running) return running;
    // Not tied to one caller's signal: other waiters share this refresh.
    const p = options
      .refresh(accountId)
      .then((t) => {
        // Short-lived tokens (tests, emulators) still get used for half their life.
        const lifetime = t.expiresAt - now();
        cached.set(accountId, { ...t, refreshAt: t.expiresAt - Math.min(REFRESH_AHEAD_MS, lifetime / 2) });
        return t;
      })
      .finally(() => inflight.delete(accountId));
    inflight.set(accountId, p);
    return p;
  };

  const waitFor = async (p: Promise<AccessToken>, signal?: AbortSignal): Promise<AccessToken> => {
    if (!signal) return p;
    signal.throwIfAborted();
    return new Promise<AccessToken>((resolve, reject) => {
      const onAbort = (): void => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  };

  return {
    async get(accountId, signal) {
      const t = cached.get(accountId);
      if (t && t.refreshAt > now()) return t.token;
      return (await waitFor(start(accountId), signal)).token;
    },
    invalidate(accountId, token) {
      if (cached.get(accountId)?.token === token) cached.delete(accountId);
    },
    forceRefresh(accountId, signal) {
      cached.delete(accountId);
      return waitFor(start(accountId), signal);
    },
    forget(accountId) {
      cached.delete(accountId);
    },
    expiresAt(accountId) {
      return cached.get(accountId)?.expiresAt;
    },
  };
}
