import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import type { CanonicalRequest } from '../../canonical/index.js';
import { collectText, streamOf } from '../../../test/helpers/read-events.js';
import type { RenderContext } from '../dialect.js';
import { CONFORMANCE_FIXTURES, conformanceEvents as loadEvents } from '../test-support/run-dialect-suite.js';
import { parseResponsesRequest } from './parse-request.js';
import { renderResponsesStream } from './render-stream.js';
import { createResponseStore } from './response-store.js';
import type { ResponseStore } from './response-store.js';

const from = streamOf;
const collect = collectText;

function context(store: ResponseStore, body: Record<string, unknown> = {}): RenderContext {
  const request: CanonicalRequest = parseResponsesRequest({ model: 'gemini-2.5-pro', input: 'hi', ...body }, { requestId: 'req-7', headers: {} }, store);
  return { requestId: 'req-7', model: 'gemini-2.5-pro', now: () => 1_700_000_000, request };
}

interface Frame {
  event: string;
  data: { type: string; sequence_number: number; [k: string]: unknown };
}

const frames = (sse: string): Frame[] =>
  sse
    .split('\n\n')
    .filter((f) => f.startsWith('event: '))
    .map((f) => {
      const [ev, data] = f.split('\n');
      return { event: (ev ?? '').slice('event: '.length), data: JSON.parse((data ?? '').slice('data: '.length)) as Frame['data'] };
    });

/** An OpenAI client whose HTTP layer answers with what the renderer produced. */
function clientAnswering(body: string, contentType: string): OpenAI {
  return new OpenAI({
    apiKey: 'test',
    baseURL: 'http://gateway.invalid/v1',
    maxRetries: 0,
    fetch: async () => new Response(body, { status: 200, headers: { 'content-type': contentType } }),
  });
}

// The rendered goldens are the conformance suite's (conformance.test.ts); these check what the SDK relies on.
describe('renderResponsesStream', () => {
  it.each(CONFORMANCE_FIXTURES)('%s: numbers its events in order, each typed as its event name', async (name) => {
    const sse = await collect(renderResponsesStream(from(loadEvents(name)), context(createResponseStore()), createResponseStore()));
    const fs = frames(sse);
    expect(fs.map((f) => f.data.sequence_number)).toEqual(fs.map((_, i) => i));
    for (const f of fs) expect(f.data.type).toBe(f.event);
    expect(fs.slice(0, 2).map((f) => f.event)).toEqual(['response.created', 'response.in_progress']);
  });

  it('announces each item before its deltas, in the order the SDK expects', async () => {
    const sse = await collect(renderResponsesStream(from(loadEvents('thinking-text-tool')), context(createResponseStore()), createResponseStore()));
    expect(frames(sse).map((f) => f.event)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.reasoning_summary_part.added',
      'response.reasoning_summary_text.delta',
      'response.reasoning_summary_text.delta',
      'response.reasoning_summary_text.done',
      'response.reasoning_summary_part.done',
      'response.output_item.done',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.output_item.added',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.done',
      'response.output_item.done',
      'response.completed',
    ]);
  });

  it('is read by the openai SDK: final response, output_text, function calls, usage', async () => {
    const sse = await collect(renderResponsesStream(from(loadEvents('thinking-text-tool')), context(createResponseStore()), createResponseStore()));
    const stream = clientAnswering(sse, 'text/event-stream').responses.stream({ model: 'gemini-2.5-pro', input: 'hi' });
    const deltas: string[] = [];
    stream.on('response.output_text.delta', (e) => deltas.push(e.delta));
    const final = await stream.finalResponse();
    expect(deltas).toEqual(['Checking.']);
    expect(final.output_text).toBe('Checking.');
    expect(final.status).toBe('completed');
    const calls = final.output.filter((o) => o.type === 'function_call');
    expect(calls.map((c) => [c.call_id, c.name, JSON.parse(c.arguments)])).toEqual([['call_a', 'get_weather', { city: 'Paris' }]]);
    const reasoning = final.output.find((o) => o.type === 'reasoning');
    expect(reasoning).toMatchObject({ summary: [{ type: 'summary_text', text: 'Need the weather.' }], encrypted_content: 'sig-think' });
    expect(final.usage).toMatchObject({ input_tokens: 30, output_tokens: 25, total_tokens: 55, output_tokens_details: { reasoning_tokens: 10 } });
  });

  it('makes the SDK throw on an in-stream error', async () => {
    const sse = await collect(renderResponsesStream(from(loadEvents('error-midway')), context(createResponseStore()), createResponseStore()));
    const fs = frames(sse);
    expect(fs.slice(-2).map((f) => f.event)).toEqual(['error', 'response.failed']);
    expect(fs.at(-2)?.data).toMatchObject({ message: 'The model is overloaded.' });
    const stream = clientAnswering(sse, 'text/event-stream').responses.stream({ model: 'gemini-2.5-pro', input: 'hi' });
    await expect(stream.finalResponse()).rejects.toThrow(/overloaded/);
  });

  it('ends an interrupted stream with response.failed instead of silence', async () => {
    const sse = await collect(renderResponsesStream(from(loadEvents('ended-without-finish')), context(createResponseStore()), createResponseStore()));
    expect(frames(sse).at(-1)?.event).toBe('response.failed');
  });

  it('stores the finished conversation so previous_response_id continues it', async () => {
    const store = createResponseStore();
    const ctx = context(store, { instructions: 'only this turn' });
    const sse = await collect(renderResponsesStream(from(loadEvents('thinking-text-tool')), ctx, store));
    const id = (frames(sse).at(-1)?.data.response as { id: string }).id;
    expect(id).toBe('resp_req7');
    const next = parseResponsesRequest(
      { model: 'gemini-2.5-pro', previous_response_id: id, input: [{ type: 'function_call_output', call_id: 'call_a', output: 'Sunny' }] },
      { requestId: 'req-8', headers: {} },
      store,
    );
    expect(next.system).toBeUndefined();
    expect(next.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(next.messages[1]?.parts).toEqual([
      { type: 'thinking', text: 'Need the weather.', signature: 'sig-think' },
      { type: 'text', text: 'Checking.' },
      { type: 'tool-call', id: 'call_a', name: 'get_weather', input: { city: 'Paris' }, signature: 'sig-call' },
    ]);
    expect(next.messages[2]?.parts[0]).toMatchObject({ type: 'tool-result', callId: 'call_a', name: 'get_weather' });
  });

  it('keeps nothing when the client sent store: false, nor for a failed response', async () => {
    const store = createResponseStore();
    await collect(renderResponsesStream(from(loadEvents('text')), context(store, { store: false }), store));
    await collect(renderResponsesStream(from(loadEvents('error-midway')), context(store), store));
    expect(store.size).toBe(0);
  });
});
