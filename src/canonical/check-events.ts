import type { CanonicalEvent } from './events.js';

/**
 * Checks the grammar of a canonical stream: message-start first, deltas only inside their
 * open block, one block open at a time, indexes counting up, exactly one terminal finish or
 * error at the end. Returns the list of violations (empty when the stream is well formed).
 * Used by every upstream and dialect test.
 * @internal
 */
export function checkEvents(events: readonly CanonicalEvent[]): string[] {
  const problems: string[] = [];
  let open: number | undefined;
  let nextIndex = 0;
  let ended = false;
  events.forEach((ev, i) => {
    const at = `event ${i} (${ev.type})`;
    if (ended) problems.push(`${at} comes after the terminal event`);
    if (i === 0 && ev.type !== 'message-start' && ev.type !== 'error') problems.push(`${at}: the stream must begin with message-start`);
    switch (ev.type) {
      case 'message-start':
        if (i !== 0) problems.push(`${at}: message-start must come first and once`);
        break;
      case 'block-start':
        if (open !== undefined) problems.push(`${at}: block ${open} is still open`);
        if (ev.index !== nextIndex) problems.push(`${at}: index ${ev.index}, expected ${nextIndex}`);
        open = ev.index;
        nextIndex = ev.index + 1;
        break;
      case 'text-delta':
      case 'thinking-delta':
      case 'tool-input-delta':
        if (open !== ev.index) problems.push(`${at}: delta for block ${ev.index}, which is not open`);
        break;
      case 'block-end':
        if (open !== ev.index) problems.push(`${at}: end of block ${ev.index}, which is not open`);
        open = undefined;
        break;
      case 'finish':
      case 'error':
        if (ev.type === 'finish' && open !== undefined) problems.push(`${at}: block ${open} left open`);
        ended = true;
        break;
      case 'usage':
      case 'ping':
        break;
    }
  });
  if (!ended) problems.push('the stream has no terminal finish or error event');
  return problems;
}
