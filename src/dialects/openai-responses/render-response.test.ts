import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import type { CanonicalResponse } from '../../canonical/index.js';
import type { RenderContext } from '../dialect.js';
import { createResponsesDialect } from './index.js';
import { parseResponsesRequest } from './parse-request.js';
import { renderResponsesResponse } from './render-response.js';
import { createResponseStore } from './response-store.js';
import type { ResponseStore } from './response-store.js';

function context(store: ResponseStore, body: Record<string, unknown> = {}): RenderContext {
  const request = parseResponsesRequest(
    {
      model: 'gemini-2.5-pro',
      input: 'weather in Paris?',
      tools: [{ type: 'function', name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } }],
      ...body,
    },
    { requestId: 'req-9', headers: {} },
    store,
  );
  return { requestId: 'req-9', model: 'gemini-2.5-pro', now: () => 1_700_000_000, request };
}

const folded: CanonicalResponse = {
  id: 'up_1',
  model: 'gemini-2.5-pro',
  content: [
    { type: 'thinking', text: 'Need the weather tool.', signature: 'sig-1' },
    { type: 'text', text: 'Let me look.' },
    { type: 'tool-call', id: 'call_1', name: 'get_weather', input: { city: 'Paris' } },
  ],
  finishReason: 'tool-calls',
  usage: { inputTokens: 20, outputTokens: 15, cachedInputTokens: 5, reasoningTokens: 7 },
};

describe('renderResponsesResponse', () => {
  // The folded goldens are the conformance suite's (conformance.test.ts).
  it.each([
    ['length', 'incomplete', { reason: 'max_output_tokens' }],
    ['content-filter', 'incomplete', { reason: 'content_filter' }],
    ['stop', 'completed', null],
    ['other', 'completed', null],
  ] as const)('maps finish %s to status %s', (reason, status, details) => {
    const body = renderResponsesResponse({ ...folded, finishReason: reason }, context(createResponseStore()), createResponseStore());
    expect(body.status).toBe(status);
    expect(body.incomplete_details).toEqual(details);
  });

  it('is parsed by the openai SDK, which computes output_text', async () => {
    const dialect = createResponsesDialect();
    const ctx = context(createResponseStore());
    const answer = dialect.renderResponse({ ...folded, content: [{ type: 'text', text: 'Sunny, ' }, { type: 'text', text: '21C.' }], finishReason: 'stop' }, ctx);
    const client = new OpenAI({
      apiKey: 'k',
      baseURL: 'http://gateway.invalid/v1',
      fetch: async () => new Response(JSON.stringify(answer), { headers: { 'content-type': 'application/json' } }),
    });
    const res = await client.responses.create({ model: 'gemini-2.5-pro', input: 'hi' });
    expect(res.output_text).toBe('Sunny, 21C.');
    expect(res.usage?.input_tokens_details.cached_tokens).toBe(5);
  });

  it('saves the response for previous_response_id unless store is false', () => {
    const store = createResponseStore();
    const body = renderResponsesResponse(folded, context(store), store);
    expect(store.get(body.id)?.messages.at(-1)).toEqual({ role: 'assistant', parts: folded.content });
    const other = createResponseStore();
    renderResponsesResponse(folded, context(other, { store: false }), other);
    expect(other.size).toBe(0);
  });
});

describe('createResponseStore', () => {
  it('forgets the least recently used response beyond its bound', () => {
    const store = createResponseStore(2);
    store.set('a', { messages: [] });
    store.set('b', { messages: [] });
    store.get('a');
    store.set('c', { messages: [] });
    expect(store.get('b')).toBeUndefined();
    expect(store.get('a')).toBeDefined();
    expect(store.get('c')).toBeDefined();
    expect(store.size).toBe(2);
  });
});
