// For a client that asked for one JSON answer: nothing reaches it until the stream is complete,
// so a stream that breaks midway can still fail over to another account.
import { EventList, GatewayError, type CanonicalEvent } from '../canonical/index.js';

/**
 * Reads the whole stream; throws its error (the first `error` event) so the pool may try another
 * account, else resolves with the events to replay; `onFirst` hears when the first event is in. Only for non-streaming requests: a streaming
 * client must see the first event as soon as it comes (see peekStream).
 *
 *   const events = await bufferStream(upstream.stream(call));
 */
export async function bufferStream(source: AsyncIterable<CanonicalEvent>, onFirst?: () => void): Promise<EventList> {
  const events: CanonicalEvent[] = [];
  for await (const ev of source) {
    if (ev.type === 'error') throw ev.error;
    // The answer began: a long one is bounded by the upstream's idle timeout, not the request budget.
    if (events.length === 0) onFirst?.();
    events.push(ev);
  }
  if (events.length === 0) throw new GatewayError('upstream', 'Google ended the stream before sending anything.');
  return new EventList(events);
}
