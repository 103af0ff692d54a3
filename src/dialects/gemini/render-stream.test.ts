import { GoogleGenAI } from '@google/genai';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkEvents } from '../../canonical/index.js';
import type { CanonicalEvent } from '../../canonical/index.js';
import { collectText, readEventsFile, streamOf } from '../../../test/helpers/read-events.js';
import type { RenderContext } from '../dialect.js';
import { parseGeminiRequest } from './parse-request.js';
import { renderGeminiSseStream } from './render-stream.js';

const CASES = ['text', 'thinking-tool', 'length', 'error'] as const;
const load = (name: string): CanonicalEvent[] => readEventsFile(new URL(`./fixtures/stream/${name}.events.jsonl`, import.meta.url));

const ctx: RenderContext = {
  requestId: 'req_1',
  model: 'gemini-2.5-flash',
  now: () => 1_700_000_000,
  request: parseGeminiRequest({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }] }, { requestId: 'req_1', headers: {}, route: { model: 'gemini-2.5-flash', stream: true } }),
};

const sse = (name: string) => collectText(renderGeminiSseStream(streamOf(load(name)), ctx));
const dataOf = (text: string): unknown[] =>
  text
    .split('\r\n\r\n')
    .filter((f) => f.startsWith('data: '))
    .map((f) => JSON.parse(f.slice('data: '.length)));

/** @google/genai talks to the real fetch; answer it with what the renderer produced. */
function genaiAnswering(body: string, contentType: string): GoogleGenAI {
  vi.stubGlobal('fetch', async () => new Response(body, { status: 200, headers: { 'content-type': contentType } }));
  return new GoogleGenAI({ apiKey: 'k', httpOptions: { baseUrl: 'http://gateway.invalid' } });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('renderGeminiSseStream', () => {
  it.each(CASES)('renders %s (golden)', async (name) => {
    expect(checkEvents(load(name))).toEqual([]);
    const text = await sse(name);
    await expect(text).toMatchFileSnapshot(`./fixtures/stream/${name}.sse.txt`);
    expect(text.endsWith('\r\n\r\n')).toBe(true);
  });

  it('puts finishReason and usage on the last content chunk and signatures on their own parts', async () => {
    const chunks = dataOf(await sse('thinking-tool'));
    expect(chunks).toHaveLength(4);
    expect(chunks[1]).toMatchObject({ candidates: [{ content: { parts: [{ text: 'weather.', thought: true, thoughtSignature: 'sig-think' }] } }] });
    expect(chunks[3]).toEqual({
      candidates: [
        {
          content: { role: 'model', parts: [{ functionCall: { id: 'call_a', name: 'get_weather', args: { city: 'Paris' } }, thoughtSignature: 'sig-call' }] },
          finishReason: 'STOP',
          index: 0,
        },
      ],
      usageMetadata: { promptTokenCount: 30, candidatesTokenCount: 15, thoughtsTokenCount: 10, cachedContentTokenCount: 8, totalTokenCount: 55 },
      modelVersion: 'gemini-2.5-flash',
      responseId: 'resp-def',
    });
  });

  it('is read by @google/genai generateContentStream: text, thoughts, function calls, usage', async () => {
    const ai = genaiAnswering(await sse('thinking-tool'), 'text/event-stream');
    const seen: string[] = [];
    let last;
    for await (const chunk of await ai.models.generateContentStream({ model: 'gemini-2.5-flash', contents: 'hi' })) {
      seen.push(...(chunk.candidates?.[0]?.content?.parts ?? []).map((p) => (p.thought ? `thought:${p.text}` : p.functionCall ? `call:${p.functionCall.name}` : `text:${p.text}`)));
      last = chunk;
    }
    expect(seen).toEqual(['thought:Need the ', 'thought:weather.', 'text:Checking.', 'call:get_weather']);
    expect(last?.functionCalls).toEqual([{ id: 'call_a', name: 'get_weather', args: { city: 'Paris' } }]);
    expect(last?.usageMetadata?.totalTokenCount).toBe(55);
  });

  it('makes @google/genai throw on an in-stream error', async () => {
    const text = await sse('error');
    expect(dataOf(text).at(-1)).toMatchObject({ error: { code: 503, status: 'UNAVAILABLE', message: 'The model is overloaded.' } });
    const ai = genaiAnswering(text, 'text/event-stream');
    const run = async () => {
      for await (const _ of await ai.models.generateContentStream({ model: 'gemini-2.5-flash', contents: 'hi' })) void _;
    };
    await expect(run()).rejects.toThrow(/overloaded/);
  });

  it('maps length to MAX_TOKENS and keeps the text signature on the text', async () => {
    const chunks = dataOf(await sse('length'));
    expect(chunks.at(-1)).toMatchObject({ candidates: [{ content: { parts: [{ text: 'Once upon', thoughtSignature: 'sig-text' }] }, finishReason: 'MAX_TOKENS' }] });
  });

  it('ends with an error chunk when the upstream stops without a finish', async () => {
    const events = load('text').slice(0, 3);
    const chunks = dataOf(await collectText(renderGeminiSseStream(streamOf(events), ctx)));
    expect(chunks.at(-1)).toMatchObject({ error: { status: 'UNAVAILABLE' } });
  });
});
