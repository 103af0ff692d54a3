// Wraps the backend's event stream for a client: keep-alive pings while the upstream is silent,
// and a guaranteed ending, so a stream that breaks midway ends with an error event, never a hang;
// when the server stops, the stream ends with an error event too, before the connection is cut.
import { EventList, GatewayError, toGatewayError, type CanonicalEvent } from '../../canonical/index.js';
import type { RequestRecord } from '../../usage/request-record.js';
import { onAbort } from '../../util/on-abort.js';
import { noteUsage } from '../begin-record.js';

const PING = Symbol('ping');
const STOP = Symbol('stop');
const PING_EVENT: CanonicalEvent = { type: 'ping' };

const endedEarly = (): GatewayError =>
  new GatewayError('upstream', 'The upstream stream ended before the answer was complete.');

/**
 * @example for await (const ev of superviseEvents(events, 10_000)) write(render(ev));
 * `pingMs <= 0` disables pings; `record` (the request's usage record) gets the token counts as they
 * come. A complete EventList (a buffered answer) is handed back as it is: it has no silence to
 * fill and no ending to add, and folding reads it without async steps.
 */
export function superviseEvents(
  source: AsyncIterable<CanonicalEvent>,
  pingMs: number,
  onError?: (err: GatewayError) => void,
  record?: RequestRecord,
  /** When it fires, the stream ends at once with its reason (a GatewayError) as the error event. */
  stop?: AbortSignal,
): AsyncIterable<CanonicalEvent> {
  if (source instanceof EventList && source.isComplete()) return source;
  return supervise(source, pingMs, onError, record, stop);
}

async function* supervise(
  source: AsyncIterable<CanonicalEvent>,
  pingMs: number,
  onError?: (err: GatewayError) => void,
  record?: RequestRecord,
  stop?: AbortSignal,
): AsyncGenerator<CanonicalEvent> {
  const it = source[Symbol.asyncIterator]();
  let waiter: ((v: typeof PING | typeof STOP) => void) | undefined;
  // The server's shutdown signal is followed by every open stream: a Set entry, not a listener each.
  const unfollow = stop === undefined ? undefined : onAbort(stop, () => waiter?.(STOP));
  // One timer for the whole stream, pushed back on every event; it only fires during silence.
  const timer = pingMs > 0 ? setTimeout(function firePing() {
    waiter?.(PING);
    timer?.refresh();
  }, pingMs) : undefined;
  let pending: Promise<IteratorResult<CanonicalEvent>> | undefined;
  let finished = false;
  let sourceDone = false;
  try {
    for (;;) {
      if (stop?.aborted) {
        finished = true;
        yield { type: 'error', error: toGatewayError(stop.reason) };
        return;
      }
      pending ??= it.next();
      let r: IteratorResult<CanonicalEvent> | typeof PING | typeof STOP;
      try {
        if (timer === undefined && stop === undefined) r = await pending;
        else {
          const p = pending;
          r = await new Promise<IteratorResult<CanonicalEvent> | typeof PING | typeof STOP>((resolve, reject) => {
            waiter = resolve;
            p.then(resolve, reject);
          });
          waiter = undefined;
        }
      } catch (e) {
        // Stopping aborts the upstream call too; what it throws then is not the stream's own failure.
        if (stop?.aborted) continue;
        finished = true;
        sourceDone = true;
        const error = toGatewayError(e);
        onError?.(error);
        yield { type: 'error', error };
        return;
      }
      // Whatever raced the stop (the upstream's own "cancelled" error, say) gives way to the stop's error.
      if (stop?.aborted) continue;
      if (r === PING) {
        yield PING_EVENT;
        continue;
      }
      if (r === STOP) continue;
      pending = undefined;
      if (r.done) {
        sourceDone = true;
        break;
      }
      timer?.refresh();
      const ev = r.value;
      if (ev.type === 'error') onError?.(ev.error);
      else if (record !== undefined && (ev.type === 'finish' || ev.type === 'usage')) noteUsage(record, ev.usage);
      if (ev.type === 'finish' || ev.type === 'error') finished = true;
      yield ev;
      if (finished) return;
    }
    finished = true;
    // The source stopped without a finish: the client must still learn the answer is cut.
    const error = endedEarly();
    onError?.(error);
    yield { type: 'error', error };
  } finally {
    if (timer !== undefined) clearTimeout(timer);
    unfollow?.();
    if (!sourceDone) {
      // Lets the source release what it holds; not awaited, since a pending pull only ends when
      // the request's AbortSignal fires.
      void Promise.resolve(it.return?.()).catch(() => undefined);
    }
  }
}
