// The openai SDK's Responses client against the real gateway and the emulator: plain and streamed
// answers, a function tool round trip, previous_response_id, and errors.
import { BadRequestError } from 'openai';
import type { FunctionTool, ResponseInputItem } from 'openai/resources/responses/responses';
import { describe, expect, it } from 'vitest';
import { expectToolRoundTrip } from '../helpers/upstream-calls.js';
import { MODEL, useChatGateway } from '../helpers/chat-gateway.js';

const ctx = useChatGateway();

const weather: FunctionTool = {
  type: 'function',
  name: 'get_weather',
  description: 'Weather for a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false },
  strict: true,
};

const textOf = (parts: Array<{ text?: string }> | undefined): string => (parts ?? []).map((p) => p.text ?? '').join('');

describe('responses.create', () => {
  it('answers a plain request with output_text, usage and the instructions sent as system', async () => {
    ctx.answer([{ text: 'Hello from Gemini.' }]);
    const res = await ctx.client().responses.create({ model: MODEL, instructions: 'Be brief.', input: 'Say hello' });
    expect(res.object).toBe('response');
    expect(res.id).toMatch(/^resp_/);
    expect(res.status).toBe('completed');
    expect(res.output_text).toBe('Hello from Gemini.');
    expect(res.usage?.total_tokens).toBe((res.usage?.input_tokens ?? 0) + (res.usage?.output_tokens ?? 0));
    const sent = ctx.upstream();
    expect(textOf(sent.systemInstruction?.parts)).toBe('Be brief.');
    expect(sent.contents).toEqual([{ role: 'user', parts: [{ text: 'Say hello' }] }]);
  });

  it('streams events the SDK accumulates into the final response', async () => {
    ctx.answer([{ text: 'Streaming works.' }]);
    const stream = ctx.client().responses.stream({ model: MODEL, input: [{ role: 'user', content: [{ type: 'input_text', text: 'stream please' }] }] });
    const types: string[] = [];
    let deltas = '';
    for await (const ev of stream) {
      types.push(ev.type);
      if (ev.type === 'response.output_text.delta') deltas += ev.delta;
    }
    const final = await stream.finalResponse();
    expect(final.output_text).toBe('Streaming works.');
    expect(deltas).toBe('Streaming works.');
    expect(types.slice(0, 4)).toEqual(['response.created', 'response.in_progress', 'response.output_item.added', 'response.content_part.added']);
    expect(types.at(-1)).toBe('response.completed');
  });

  it('returns a function_call and takes its function_call_output back, paired by name', async () => {
    ctx.answer([{ functionCall: { name: 'get_weather', args: { city: 'Paris' } } }]);
    const input: ResponseInputItem[] = [{ role: 'user', content: 'Weather in Paris?' }];
    const first = await ctx.client().responses.create({ model: MODEL, input, tools: [weather, { type: 'web_search' }] });
    const call = first.output.find((o) => o.type === 'function_call');
    if (call?.type !== 'function_call') throw new Error('expected a function_call item');
    expect(call.name).toBe('get_weather');
    expect(JSON.parse(call.arguments)).toEqual({ city: 'Paris' });
    expect(call.call_id).toBeTruthy();
    const declared = ctx.upstream().tools?.flatMap((t) => t.functionDeclarations?.map((d) => d.name) ?? []);
    expect(declared).toEqual(['get_weather']);

    ctx.answer([{ text: 'It is 18C in Paris.' }]);
    const second = await ctx.client().responses.create({
      model: MODEL,
      tools: [weather],
      input: [...input, call, { type: 'function_call_output', call_id: call.call_id, output: '18C, sunny' }],
    });
    expect(second.output_text).toBe('It is 18C in Paris.');
    expectToolRoundTrip(ctx.upstream().contents, { name: 'get_weather', args: { city: 'Paris' }, output: '18C, sunny' });
  });

  it('continues a stored response with previous_response_id', async () => {
    ctx.answer([{ text: 'Paris is the capital of France.' }]);
    const first = await ctx.client().responses.create({ model: MODEL, input: 'Capital of France?' });
    ctx.answer([{ text: 'About 2 million people.' }]);
    const second = await ctx.client().responses.create({ model: MODEL, previous_response_id: first.id, input: 'How many live there?' });
    expect(second.output_text).toBe('About 2 million people.');
    expect(second.previous_response_id).toBe(first.id);
    const contents = ctx.upstream().contents;
    expect(contents.map((c) => [c.role, textOf(c.parts)])).toEqual([
      ['user', 'Capital of France?'],
      ['model', 'Paris is the capital of France.'],
      ['user', 'How many live there?'],
    ]);
  });

  it('continues a streamed response too, and forgets nothing between the two paths', async () => {
    ctx.answer([{ text: 'One.' }]);
    const first = await ctx.client().responses.stream({ model: MODEL, input: 'Count' }).finalResponse();
    ctx.answer([{ text: 'Two.' }]);
    await ctx.client().responses.create({ model: MODEL, previous_response_id: first.id, input: 'Next' });
    expect(ctx.upstream().contents.map((c) => textOf(c.parts))).toEqual(['Count', 'One.', 'Next']);
  });

  it('answers an unknown previous_response_id with a 400 naming it', async () => {
    const err = await ctx
      .client()
      .responses.create({ model: MODEL, previous_response_id: 'resp_missing', input: 'x' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BadRequestError);
    const e = err as BadRequestError;
    expect(e.status).toBe(400);
    expect(e.param).toBe('previous_response_id');
    expect(e.message).toContain('resp_missing');
  });

  it('answers a malformed item with a 400 naming its path', async () => {
    const err = await ctx
      .client()
      .responses.create({ model: MODEL, input: [{ type: 'function_call', name: 'f', arguments: '{}' } as unknown as ResponseInputItem] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BadRequestError);
    expect((err as BadRequestError).param).toBe('input.0.call_id');
  });
});
