// Followers of a long-lived AbortSignal (the server's shutdown) that come and go with requests: one
// listener on the signal, and a node linked into a list per follower. Node's EventTarget walks its
// listener list on every addEventListener and removeEventListener, and both it and a JS Set left
// the long-lived structure pointing at dead requests (a Set's old hash tables keep their entries):
// the young-generation GC then kept every such request alive until the next full GC, which doubled
// the time of each scavenge under load. A node unlinked here points nowhere and dies young.

interface Follower {
  fn: ((reason: unknown) => void) | undefined;
  prev: Follower;
  next: Follower;
}

const lists = new WeakMap<AbortSignal, Follower>();

function listOf(signal: AbortSignal): Follower {
  let head = lists.get(signal);
  if (head !== undefined) return head;
  const h = { fn: undefined } as Follower;
  h.prev = h;
  h.next = h;
  lists.set(signal, h);
  signal.addEventListener(
    'abort',
    () => {
      lists.delete(signal);
      // The followers as they are now; one stopped by an earlier one's call is skipped.
      const all: Follower[] = [];
      for (let n = h.next; n !== h; n = n.next) all.push(n);
      for (const n of all) {
        const fn = n.fn;
        n.fn = undefined;
        fn?.(signal.reason);
      }
    },
    { once: true },
  );
  head = h;
  return head;
}

/**
 * Calls `fn(signal.reason)` once when `signal` aborts, or at once when it already has; returns
 * the function that stops following (call it when the follower's own work ends).
 * @example const stop = onAbort(shutdown, (reason) => request.abort(reason)); ... stop();
 */
export function onAbort(signal: AbortSignal, fn: (reason: unknown) => void): () => void {
  if (signal.aborted) {
    fn(signal.reason);
    return () => {};
  }
  const head = listOf(signal);
  const node: Follower = { fn, prev: head.prev, next: head };
  head.prev.next = node;
  head.prev = node;
  return () => {
    if (node.next === node) return;
    node.fn = undefined;
    node.prev.next = node.next;
    node.next.prev = node.prev;
    // Unlinked, it holds nothing, and nothing long-lived holds it.
    node.prev = node;
    node.next = node;
  };
}
