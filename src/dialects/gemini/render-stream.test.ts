import { GoogleGenAI } from '@google/genai';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { collectText, streamOf } from '../../../test/helpers/read-events.js';
import type { RenderContext } from '../dialect.js';
import { CONFORMANCE_FIXTURES, conformanceEvents as load } from '../test-support/run-dialect-suite.js';
import { parseGeminiRequest } from './parse-request.js';
import { renderGeminiJsonArrayStream, renderGeminiSseStream } from './render-stream.js';

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

// The rendered goldens are the conformance suite's (conformance.test.ts); these check what clients read.
describe('renderGeminiSseStream', () => {
  it.each(CONFORMANCE_FIXTURES)('%s: ends its last event with CRLF CRLF, and the JSON array holds the same chunks', async (name) => {
    const text = await sse(name);
    expect(text.endsWith('\r\n\r\n')).toBe(true);
    const array = await collectText(renderGeminiJsonArrayStream(streamOf(load(name)), ctx));
    expect(JSON.parse(array)).toEqual(dataOf(text));
  });

  it('puts finishReason and usage on the last content chunk and signatures on their own parts', async () => {
    const chunks = dataOf(await sse('thinking-text-tool'));
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
      responseId: 'resp-1',
    });
  });

  it('is read by @google/genai generateContentStream: text, thoughts, function calls, usage', async () => {
    const ai = genaiAnswering(await sse('thinking-text-tool'), 'text/event-stream');
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
    const text = await sse('error-midway');
    expect(dataOf(text).at(-1)).toMatchObject({ error: { code: 503, status: 'UNAVAILABLE', message: 'The model is overloaded.' } });
    const ai = genaiAnswering(text, 'text/event-stream');
    const run = async () => {
      for await (const _ of await ai.models.generateContentStream({ model: 'gemini-2.5-flash', contents: 'hi' })) void _;
    };
    await expect(run()).rejects.toThrow(/overloaded/);
  });

  it('maps length to MAX_TOKENS and keeps the text signature on the text', async () => {
    const chunks = dataOf(await sse('max-tokens'));
    expect(chunks.at(-1)).toMatchObject({ candidates: [{ content: { parts: [{ text: 'Once upon a', thoughtSignature: 'sig-text' }] }, finishReason: 'MAX_TOKENS' }] });
  });

  it('ends with an error chunk when the upstream stops without a finish', async () => {
    const chunks = dataOf(await sse('ended-without-finish'));
    expect(chunks.at(-1)).toMatchObject({ error: { status: 'UNAVAILABLE' } });
  });
});
