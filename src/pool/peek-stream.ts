// Opens an upstream stream and waits for its first event, so a failure before any byte reached
// the client is still a thrown error (and the pool can fail over).
import { GatewayError, type CanonicalEvent } from '../canonical/index.js';

/**
 * Resolves with the whole stream once its first event is in; throws when the stream ends or
 * fails before that (an `error` first event counts as failing). `onLateError` sees errors that
 * arrive after the first event, too late to fail over.
 */
export async function peekStream(
  source: AsyncIterable<CanonicalEvent>,
  onLateError?: (error: GatewayError) => void,
): Promise<AsyncIterable<CanonicalEvent>> {
  const it = source[Symbol.asyncIterator]();
  const head = await it.next();
  if (head.done) throw new GatewayError('upstream', 'Google ended the stream before sending anything.');
  if (head.value.type === 'error') {
    await it.return?.();
    throw head.value.error;
  }
  const first = head.value;
  return (async function* (): AsyncGenerator<CanonicalEvent> {
    try {
      yield first;
      for (;;) {
        const r = await it.next();
        if (r.done) return;
        if (r.value.type === 'error') onLateError?.(r.value.error);
        yield r.value;
      }
    } finally {
      await it.return?.();
    }
  })();
}
