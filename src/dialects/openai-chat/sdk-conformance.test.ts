// The openai SDK is the judge: its parsers and accumulators read what this dialect renders,
// through a fetch that answers in process (no server, no network).
import { OpenAI } from 'openai';
import { describe, expect, it } from 'vitest';
import type { CanonicalEvent, CanonicalRequest } from '../../canonical/index.js';
import { foldEvents, GatewayError } from '../../canonical/index.js';
import type { RenderContext } from '../dialect.js';
import { openaiChatDialect } from './index.js';
import { collect, NOW, streamOf } from './test-support.js';

const usage = { inputTokens: 5, outputTokens: 9, reasoningTokens: 2 };

function clientAnswering(events: readonly CanonicalEvent[], seen: CanonicalRequest[] = []): OpenAI {
  const fakeFetch = async (_url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    if (typeof init?.body !== 'string') throw new Error('the SDK posts its body as a JSON string');
    const body: unknown = JSON.parse(init.body);
    const request = openaiChatDialect.parseRequest(body, { requestId: 'req_sdk', headers: {} });
    seen.push(request);
    const ctx: RenderContext = { requestId: 'req_sdk', model: request.model, now: () => NOW, request };
    if (!request.stream) {
      const json = openaiChatDialect.renderResponse(await foldEvents(streamOf(events)), ctx);
      return new Response(JSON.stringify(json), { headers: { 'content-type': 'application/json' } });
    }
    const sse = openaiChatDialect.encodings['sse']!;
    const frames = await collect(sse.render(streamOf(events), ctx));
    return new Response(frames.join(''), { headers: { 'content-type': sse.contentType } });
  };
  return new OpenAI({ apiKey: 'test', baseURL: 'http://gateway.invalid/v1', fetch: fakeFetch, maxRetries: 0 });
}

const toolTurn: CanonicalEvent[] = [
  { type: 'message-start', id: 'm1', model: 'gemini-3-flash' },
  { type: 'block-start', index: 0, block: { type: 'thinking' } },
  { type: 'thinking-delta', index: 0, text: 'Need both.' },
  { type: 'block-end', index: 0 },
  { type: 'block-start', index: 1, block: { type: 'text' } },
  { type: 'text-delta', index: 1, text: 'Looking' },
  { type: 'text-delta', index: 1, text: ' up.' },
  { type: 'block-end', index: 1 },
  { type: 'block-start', index: 2, block: { type: 'tool-call', id: 'call_p', name: 'weather' } },
  { type: 'tool-input-delta', index: 2, json: '{"city":"Paris"}' },
  { type: 'block-end', index: 2 },
  { type: 'block-start', index: 3, block: { type: 'tool-call', id: 'call_n', name: 'now' } },
  { type: 'block-end', index: 3 },
  { type: 'finish', reason: 'tool-calls', usage },
];

const params = {
  model: 'gemini-3-flash',
  messages: [{ role: 'user' as const, content: 'weather?' }],
};

describe('openai SDK reads the chat dialect', () => {
  it('finalChatCompletion() of the stream helper rebuilds text, tool calls and finish reason', async () => {
    const final = await clientAnswering(toolTurn).chat.completions.stream({ ...params, stream_options: { include_usage: true } }).finalChatCompletion();
    const choice = final.choices[0];
    expect(choice?.finish_reason).toBe('tool_calls');
    expect(choice?.message.content).toBe('Looking up.');
    expect(choice?.message.tool_calls).toEqual([
      { id: 'call_p', type: 'function', function: { name: 'weather', arguments: '{"city":"Paris"}' } },
      { id: 'call_n', type: 'function', function: { name: 'now', arguments: '{}' } },
    ]);
    expect(final.usage).toMatchObject({ prompt_tokens: 5, completion_tokens: 9, total_tokens: 14, completion_tokens_details: { reasoning_tokens: 2 } });
  });

  it('stream: true iteration gives chunks whose deltas add up, reasoning included', async () => {
    const stream = await clientAnswering(toolTurn).chat.completions.create({ ...params, stream: true });
    let content = '';
    let reasoning = '';
    const finishes: string[] = [];
    for await (const chunk of stream) {
      const choice = chunk.choices[0];
      content += choice?.delta.content ?? '';
      reasoning += (choice?.delta as { reasoning_content?: string } | undefined)?.reasoning_content ?? '';
      if (choice?.finish_reason) finishes.push(choice.finish_reason);
    }
    expect(content).toBe('Looking up.');
    expect(reasoning).toBe('Need both.');
    expect(finishes).toEqual(['tool_calls']);
  });

  it('the non-streaming answer parses and matches the streamed one', async () => {
    const c = await clientAnswering(toolTurn).chat.completions.create(params);
    expect(c.object).toBe('chat.completion');
    expect(c.choices[0]?.message.content).toBe('Looking up.');
    expect(c.choices[0]?.message.tool_calls?.map((t) => t.id)).toEqual(['call_p', 'call_n']);
    expect((c.choices[0]?.message as { reasoning_content?: string }).reasoning_content).toBe('Need both.');
  });

  it('an error chunk mid-stream makes the SDK throw an APIError with the message', async () => {
    const events: CanonicalEvent[] = [
      { type: 'message-start', id: 'm2', model: 'm' },
      { type: 'block-start', index: 0, block: { type: 'text' } },
      { type: 'text-delta', index: 0, text: 'par' },
      { type: 'error', error: new GatewayError('overloaded', 'The model is overloaded.') },
    ];
    const stream = await clientAnswering(events).chat.completions.create({ ...params, stream: true });
    const seen: string[] = [];
    const consume = async () => {
      for await (const chunk of stream) seen.push(chunk.choices[0]?.delta.content ?? '');
    };
    await expect(consume()).rejects.toMatchObject({ message: expect.stringContaining('The model is overloaded.') as unknown });
    expect(seen.join('')).toBe('par');
  });

  it('the SDK request body round-trips through parseRequest', async () => {
    const seen: CanonicalRequest[] = [];
    await clientAnswering(toolTurn, seen).chat.completions.create({
      ...params,
      tools: [{ type: 'function', function: { name: 'weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }],
      tool_choice: 'auto',
      max_completion_tokens: 50,
    });
    expect(seen[0]).toMatchObject({ model: 'gemini-3-flash', stream: false, maxOutputTokens: 50, toolChoice: { type: 'auto' } });
    expect(seen[0]?.tools?.[0]?.name).toBe('weather');
  });
});
