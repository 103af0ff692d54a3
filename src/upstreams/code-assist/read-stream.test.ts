import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkEvents, foldEvents, isGatewayError, type CanonicalEvent } from '../../canonical/index.js';
import { createToolNames } from '../gemini-wire/build-tools.js';
import type { ModelFamily } from '../gemini-wire/model-family.js';
import { isEmptyAnswer } from '../gemini-wire/read-gemini-stream.js';
import { createSignatureCache, type SignatureCache } from '../gemini-wire/signature-cache.js';
import { readCodeAssistStream } from './read-stream.js';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));
const bytes = (name: string): Buffer => readFileSync(here(`./fixtures/streams/${name}`));

async function* chunked(data: Uint8Array, sizes: number[] | number): AsyncGenerator<Uint8Array> {
  let at = 0;
  let i = 0;
  while (at < data.length) {
    const size = typeof sizes === 'number' ? sizes : (sizes[i++] ?? data.length);
    yield data.subarray(at, at + size);
    at += size;
  }
}

function options(family: ModelFamily = 'gemini', signatures?: SignatureCache) {
  let n = 0;
  return {
    model: family === 'claude' ? 'claude-opus-4-6-thinking' : 'gemini-3-flash',
    family,
    names: createToolNames([{ name: 'mcp/read file', parameters: {} }, { name: 'Write', parameters: {} }]),
    newId: (prefix: string) => `${prefix}_${++n}`,
    ...(signatures ? { signatures } : {}),
  };
}

async function read(name: string, sizes: number[] | number = 1 << 20, family: ModelFamily = 'gemini', signatures?: SignatureCache) {
  const events: CanonicalEvent[] = [];
  for await (const ev of readCodeAssistStream(chunked(bytes(name), sizes), options(family, signatures))) events.push(ev);
  return events;
}

describe('readCodeAssistStream', () => {
  const streams: Array<[string, ModelFamily]> = [
    ['text-crlf.sse', 'gemini'],
    ['thinking-then-call.sse', 'gemini'],
    ['claude-interleaved.sse', 'claude'],
    ['multibyte.sse', 'gemini'],
    ['max-tokens.sse', 'gemini'],
    ['prompt-blocked.sse', 'gemini'],
  ];

  it('matches the golden event streams, all well formed', async () => {
    const actual: Record<string, CanonicalEvent[]> = {};
    for (const [name, family] of streams) {
      actual[name] = await read(name, 1 << 20, family);
      expect(checkEvents(actual[name]), name).toEqual([]);
    }
    // A missing golden fails in CI; `vitest -u` rewrites it after an intended change (then review the diff).
    await expect(JSON.stringify(actual, null, 2) + '\n').toMatchFileSnapshot(here('./fixtures/streams/expected-events.json'));
  });

  it('gives the same events however the bytes are split, even inside a character', async () => {
    for (const [name, family] of streams) {
      const whole = await read(name, 1 << 20, family);
      expect(await read(name, 1, family), `${name} byte by byte`).toEqual(whole);
      expect(await read(name, [7, 13, 1, 2, 3, 50, 5], family), `${name} ragged`).toEqual(whole);
    }
    const data = bytes('multibyte.sse');
    const whole = await read('multibyte.sse');
    for (let cut = 1; cut < data.length; cut++) expect(await read('multibyte.sse', [cut])).toEqual(whole);
    const text = (await foldEvents(readCodeAssistStream(chunked(data, 3), options()))).content[0];
    expect(text).toEqual({ type: 'text', text: 'héllo wörld — 你好 🌍✓' });
  });

  it('maps finish reasons, usage and tool calls', async () => {
    const call = await foldEvents(readCodeAssistStream(chunked(bytes('thinking-then-call.sse'), 64), options()));
    expect(call.finishReason).toBe('tool-calls');
    expect(call.rawFinishReason).toBe('STOP');
    expect(call.usage).toEqual({ inputTokens: 100, outputTokens: 70, cachedInputTokens: 40, reasoningTokens: 50 });
    expect(call.content.map((p) => p.type)).toEqual(['thinking', 'tool-call', 'tool-call']);
    expect(call.content[1]).toMatchObject({ type: 'tool-call', id: 'toolu_1', name: 'mcp/read file', input: { path: 'a.ts', opts: { lines: [1, 2] } } });

    const max = await foldEvents(readCodeAssistStream(chunked(bytes('max-tokens.sse'), 64), options()));
    expect(max.finishReason).toBe('length');
    const blocked = await foldEvents(readCodeAssistStream(chunked(bytes('prompt-blocked.sse'), 64), options()));
    expect(blocked).toMatchObject({ finishReason: 'content-filter', rawFinishReason: 'PROHIBITED_CONTENT', content: [] });
  });

  it('puts signatures on block ends and remembers them by tool-call id', async () => {
    const signatures = createSignatureCache();
    const gemini = await read('thinking-then-call.sse', 1 << 20, 'gemini', signatures);
    const callEnd = gemini.find((e) => e.type === 'block-end' && e.index === 1);
    expect(callEnd).toMatchObject({ signature: expect.stringMatching(/^Q2lRQkdl/) });
    expect(signatures.toolCall('toolu_1')?.signature).toBe(callEnd?.type === 'block-end' ? callEnd.signature : '');
    expect(signatures.familyOf(callEnd?.type === 'block-end' ? callEnd.signature! : '')).toBe('gemini');

    const claude = await read('claude-interleaved.sse', 1 << 20, 'claude', signatures);
    const ends = claude.filter((e) => e.type === 'block-end');
    expect(ends.map((e) => e.signature?.slice(0, 16))).toEqual(['EqQBClaudeSignat', undefined, 'EqQBClaudeSecond', undefined]);
    expect(signatures.toolCall('toolu_abc')).toEqual({ family: 'claude', thinking: { text: 'Now the call.', signature: expect.stringMatching(/^EqQBClaudeSecond/) } });
  });

  it('throws an empty-answer error before any event', async () => {
    const e = await read('empty.sse').catch((err: unknown) => err);
    expect(isEmptyAnswer(e)).toBe(true);
  });

  it('turns an error event into a GatewayError after the events before it', async () => {
    const events: CanonicalEvent[] = [];
    const e = await (async () => {
      for await (const ev of readCodeAssistStream(chunked(bytes('error-midway.sse'), 10), options())) events.push(ev);
    })().catch((err: unknown) => err);
    expect(events.map((ev) => ev.type)).toEqual(['message-start', 'block-start', 'text-delta']);
    expect(isGatewayError(e) && e.kind).toBe('overloaded');
    expect(isGatewayError(e) && e.message).toMatch(/overloaded/);
  });
});
