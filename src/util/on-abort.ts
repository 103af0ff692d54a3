// Followers of a long-lived AbortSignal (the server's shutdown) that come and go with requests:
// one listener on the signal, and a Set add and delete per follower. Node's EventTarget walks its
// listener list on every addEventListener and removeEventListener; each request paid for two of each.

const followers = new WeakMap<AbortSignal, Set<(reason: unknown) => void>>();

/**
 * Calls `fn(signal.reason)` once when `signal` aborts, or at once when it already has; returns
 * the function that stops following (call it when the follower's own work ends). A function
 * follows a signal at most once (pass a fresh closure per follower).
 * @example const stop = onAbort(shutdown, (reason) => request.abort(reason)); ... stop();
 */
export function onAbort(signal: AbortSignal, fn: (reason: unknown) => void): () => void {
  if (signal.aborted) {
    fn(signal.reason);
    return () => {};
  }
  let set = followers.get(signal);
  if (set === undefined) {
    const all = new Set<(reason: unknown) => void>();
    followers.set(signal, all);
    signal.addEventListener(
      'abort',
      () => {
        followers.delete(signal);
        for (const f of all) f(signal.reason);
        all.clear();
      },
      { once: true },
    );
    set = all;
  }
  set.add(fn);
  const own = set;
  return () => void own.delete(fn);
}
