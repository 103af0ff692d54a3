import { describe, expect, it } from 'vitest';
import { GatewayError, type CanonicalEvent } from '../../canonical/index.js';
import { classifyOpening, isRefusalText, readHead } from './version-refusal.js';

const REFUSALS = [
  'This version of Antigravity is no longer supported. Please update to receive the latest features!',
  'This version of Antigravity is no longer supported. Please upgrade to receive the latest features.',
  'Your current version of Antigravity is out of date. Please visit https://antigravity.google/download to download and install the latest version.',
];

/** The events of a text answer cut into pieces of `size` characters. */
function textAnswer(text: string, size: number): CanonicalEvent[] {
  const events: CanonicalEvent[] = [{ type: 'message-start', id: 'm', model: 'x' }, { type: 'block-start', index: 0, block: { type: 'text' } }];
  for (let i = 0; i < text.length; i += size) events.push({ type: 'text-delta', index: 0, text: text.slice(i, i + size) });
  events.push({ type: 'block-end', index: 0 }, { type: 'finish', reason: 'stop', usage: { inputTokens: 1, outputTokens: 1 } });
  return events;
}

/** An iterator that counts how many events were pulled from it. */
function source(events: CanonicalEvent[]): { it: AsyncIterator<CanonicalEvent>; pulled: () => number } {
  let i = 0;
  return {
    it: { next: async () => (i < events.length ? { done: false, value: events[i++]! } : { done: true, value: undefined }) },
    pulled: () => i,
  };
}

const refuse = (text: string): GatewayError => new GatewayError('upstream', `refused: ${text}`);

describe('refusal texts', () => {
  it.each(REFUSALS)('recognises %s, however it is spaced or cased', (text) => {
    expect(isRefusalText(text)).toBe(true);
    expect(isRefusalText(`  ${text.toUpperCase().replace(/ /g, '\n ')}`)).toBe(true);
  });

  it('tells an opening that may still become one from one that cannot', () => {
    expect(classifyOpening('')).toBe('maybe');
    expect(classifyOpening('  This ver')).toBe('maybe');
    expect(classifyOpening('Your')).toBe('maybe');
    expect(classifyOpening('Yours truly')).toBe('no');
    expect(classifyOpening('Hello')).toBe('no');
  });

  it('decides by the first letter exactly as by the whole normalised text', () => {
    for (const text of ['Hello', '  hello', '42 is', '"Sure"', '...and', '\u212Aelvin', '\u00C9t\u00E9', 'T', ' y', '!!', '\u0130t', '- this version of antigravity is no longer supported']) {
      const slow = ((t: string) => {
        const n = t.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trimStart();
        const openings = ['this version of antigravity is no longer supported', 'your current version of antigravity is out of date'];
        return openings.some((o) => n.startsWith(o)) ? 'refusal' : openings.some((o) => o.startsWith(n)) ? 'maybe' : 'no';
      })(text);
      expect([text, classifyOpening(text)]).toEqual([text, slow]);
    }
  });

  it('is not fooled by an answer that only quotes one at length', () => {
    expect(isRefusalText(`${REFUSALS[0]} ${'Here is why that happens. '.repeat(40)}`)).toBe(false);
  });
});

describe('readHead', () => {
  it.each([1, 7, 500])('throws on a refusal streamed in pieces of %i characters, having passed nothing on', async (size) => {
    for (const text of REFUSALS) await expect(readHead(source(textAnswer(text, size)).it, refuse)).rejects.toThrow(`refused: ${text}`);
  });

  it('decides a normal answer on its first words, without reading on', async () => {
    const s = source(textAnswer('Hello there, here is a long answer.', 5));
    const head = await readHead(s.it, refuse);
    expect(head.done).toBe(false);
    expect(head.events.map((e) => e.type)).toEqual(['message-start', 'block-start', 'text-delta']);
    expect(s.pulled()).toBe(3);
  });

  it('passes an answer that opens like a refusal but is not one', async () => {
    const head = await readHead(source(textAnswer('Your current version of the report is below.', 4)).it, refuse);
    expect(head.events.at(-1)?.type).toBe('text-delta');
    const short = await readHead(source(textAnswer('This version', 4)).it, refuse);
    expect(short.events.at(-1)?.type).toBe('finish');
  });

  it('passes thinking or a tool call first at once', async () => {
    const events: CanonicalEvent[] = [
      { type: 'message-start', id: 'm', model: 'x' },
      { type: 'block-start', index: 0, block: { type: 'thinking' } },
      { type: 'thinking-delta', index: 0, text: 'This version of Antigravity is no longer supported' },
    ];
    expect((await readHead(source(events).it, refuse)).events).toHaveLength(2);
  });
});
