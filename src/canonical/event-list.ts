// A canonical stream that has already been read to its end (a non-streaming request buffers the
// whole answer so it can still fail over). It is still an AsyncIterable for anyone who streams it,
// but folding and supervision read `events` directly: no async step per event.
import type { CanonicalEvent } from './events.js';

export class EventList implements AsyncIterable<CanonicalEvent> {
  constructor(readonly events: readonly CanonicalEvent[]) {}

  async *[Symbol.asyncIterator](): AsyncGenerator<CanonicalEvent> {
    for (const ev of this.events) yield ev;
  }

  /** Ends with its one `finish` and holds no `error`: nothing is left for a supervisor to add. */
  isComplete(): boolean {
    const n = this.events.length;
    if (n === 0 || this.events[n - 1]!.type !== 'finish') return false;
    for (let i = 0; i < n - 1; i++) {
      const t = this.events[i]!.type;
      if (t === 'finish' || t === 'error') return false;
    }
    return true;
  }
}
