import { describe, expect, it } from 'vitest';
import { EventList } from './event-list.js';
import type { CanonicalEvent } from './events.js';
import { foldEvents } from './fold-events.js';
import { GatewayError } from './gateway-error.js';

const answer: CanonicalEvent[] = [
  { type: 'message-start', id: 'msg_1', model: 'gemini-3-flash' },
  { type: 'block-start', index: 0, block: { type: 'thinking' } },
  { type: 'thinking-delta', index: 0, text: 'Let me ' },
  { type: 'thinking-delta', index: 0, text: 'see.' },
  { type: 'block-end', index: 0, signature: 'sig' },
  { type: 'block-start', index: 1, block: { type: 'tool-call', id: 'toolu_1', name: 'read' } },
  { type: 'tool-input-delta', index: 1, json: '{"path":' },
  { type: 'tool-input-delta', index: 1, json: '"a.txt"}' },
  { type: 'block-end', index: 1 },
  { type: 'finish', reason: 'tool-calls', usage: { inputTokens: 5, outputTokens: 7 }, rawReason: 'STOP' },
];

async function* streamed(events: readonly CanonicalEvent[]): AsyncGenerator<CanonicalEvent> {
  for (const ev of events) yield ev;
}

describe('foldEvents', () => {
  it('folds blocks, signatures, tool input and the finish into one response', async () => {
    expect(await foldEvents(streamed(answer))).toEqual({
      id: 'msg_1',
      model: 'gemini-3-flash',
      content: [
        { type: 'thinking', text: 'Let me see.', signature: 'sig' },
        { type: 'tool-call', id: 'toolu_1', name: 'read', input: { path: 'a.txt' } },
      ],
      finishReason: 'tool-calls',
      rawFinishReason: 'STOP',
      usage: { inputTokens: 5, outputTokens: 7 },
    });
  });

  it('folds a buffered EventList to the same response as the stream', async () => {
    expect(await foldEvents(new EventList(answer))).toEqual(await foldEvents(streamed(answer)));
  });

  it('throws the error event, buffered or streamed', async () => {
    const error = new GatewayError('upstream', 'cut');
    const broken: CanonicalEvent[] = [answer[0]!, { type: 'error', error }];
    await expect(foldEvents(new EventList(broken))).rejects.toBe(error);
    await expect(foldEvents(streamed(broken))).rejects.toBe(error);
  });
});
