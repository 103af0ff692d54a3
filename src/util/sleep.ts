// Waiting a while, cut short by a signal: the one sleep the pool, onboarding and the lock file use.

/**
 * Resolves after `ms`; rejects with the signal's reason as soon as it fires (at once when it
 * already has), leaving no timer or listener behind.
 * @example await sleep(5000, request.signal);
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
