// The openai SDK's Chat Completions client against the real gateway and the emulated Cloud Code
// Assist: plain answers, images, structured output, streaming and reasoning.
import { OpenAI } from 'openai';
import { describe, expect, it } from 'vitest';
import { keysDeep } from '../helpers/upstream-calls.js';
import { MODEL, useChatGateway } from '../helpers/chat-gateway.js';

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const ctx = useChatGateway();

describe('chat.completions.create', () => {
  it('answers a plain request and sends system, sampling and limits upstream', async () => {
    ctx.answer([{ text: 'Hello from Gemini.' }]);
    const c = await ctx.client().chat.completions.create({
      model: MODEL,
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'developer', content: 'Use English.' },
        { role: 'user', content: 'Say hello.' },
      ],
      max_completion_tokens: 123,
      temperature: 0.3,
      top_p: 0.8,
      stop: ['END'],
      seed: 7,
    });
    expect(c).toMatchObject({ object: 'chat.completion', model: MODEL });
    expect(c.id).toMatch(/^chatcmpl-/);
    expect(c.choices[0]).toMatchObject({ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: 'Hello from Gemini.' } });
    expect(c.usage?.total_tokens).toBe((c.usage?.prompt_tokens ?? -1) + (c.usage?.completion_tokens ?? -1));

    const sent = ctx.upstream();
    const system = sent.systemInstruction?.parts?.map((p) => p.text).join('\n') ?? '';
    expect(system).toContain('Be brief.');
    expect(system).toContain('Use English.');
    expect(sent.contents).toEqual([{ role: 'user', parts: [{ text: 'Say hello.' }] }]);
    expect(sent.generationConfig).toMatchObject({ maxOutputTokens: 123, temperature: 0.3, topP: 0.8, stopSequences: ['END'], seed: 7 });
  });

  it('sends a data-URL image as inline data', async () => {
    ctx.answer([{ text: 'A pixel.' }]);
    const c = await ctx.client().chat.completions.create({
      model: MODEL,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG}` } },
          ],
        },
      ],
    });
    expect(c.choices[0]?.message.content).toBe('A pixel.');
    const parts = ctx.upstream().contents[0]?.parts ?? [];
    expect(parts).toContainEqual({ text: 'What is this?' });
    expect(parts).toContainEqual(expect.objectContaining({ inlineData: { mimeType: 'image/png', data: PNG } }));
  });

  it('asks for JSON with the schema of response_format json_schema', async () => {
    ctx.answer([{ text: '{"name":"Ada","age":36}' }]);
    const c = await ctx.client().chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: 'A person, please.' }],
      response_format: {
        type: 'json_schema',
        json_schema: {
          name: 'person',
          strict: true,
          schema: { type: 'object', properties: { name: { type: 'string' }, age: { type: 'integer' } }, required: ['name', 'age'], additionalProperties: false },
        },
      },
    });
    expect(JSON.parse(c.choices[0]?.message.content ?? '')).toEqual({ name: 'Ada', age: 36 });
    const config = ctx.upstream().generationConfig;
    expect(config?.responseMimeType).toBe('application/json');
    expect(config?.responseSchema).toMatchObject({ properties: { name: { type: expect.stringMatching(/string/i) as unknown } } });
    expect(keysDeep(config?.responseSchema)).not.toContain('additionalProperties');
  });

  it('asks for JSON for response_format json_object', async () => {
    ctx.answer([{ text: '{}' }]);
    await ctx.client().chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'JSON.' }], response_format: { type: 'json_object' } });
    expect(ctx.upstream().generationConfig?.responseMimeType).toBe('application/json');
  });
});

describe('streaming', () => {
  it('stream: true yields chunks with one id whose deltas add up, then stops', async () => {
    ctx.answer([{ text: 'One, two, ' }, { text: 'three.' }]);
    const stream = await ctx.client().chat.completions.create({ model: MODEL, stream: true, messages: [{ role: 'user', content: 'Count.' }] });
    let text = '';
    const ids = new Set<string>();
    const finishes: string[] = [];
    let roles = 0;
    for await (const chunk of stream) {
      ids.add(chunk.id);
      expect(chunk.object).toBe('chat.completion.chunk');
      expect(chunk.usage ?? null).toBeNull();
      const choice = chunk.choices[0];
      if (choice?.delta.role === 'assistant') roles++;
      text += choice?.delta.content ?? '';
      if (choice?.finish_reason) finishes.push(choice.finish_reason);
    }
    expect(text).toBe('One, two, three.');
    expect(ids.size).toBe(1);
    expect(roles).toBe(1);
    expect(finishes).toEqual(['stop']);
  });

  it('finalChatCompletion() of the stream helper rebuilds the answer, with usage when include_usage is set', async () => {
    ctx.answer([{ text: 'Streamed ' }, { text: 'answer.' }]);
    const stream = ctx.client().chat.completions.stream({
      model: MODEL,
      messages: [{ role: 'user', content: 'Go.' }],
      stream_options: { include_usage: true },
    });
    let deltas = '';
    stream.on('content', (d) => (deltas += d));
    const final = await stream.finalChatCompletion();
    expect(deltas).toBe('Streamed answer.');
    expect(final.choices[0]).toMatchObject({ finish_reason: 'stop', message: { role: 'assistant', content: 'Streamed answer.' } });
    expect(final.usage).toBeDefined();
    expect(final.usage?.total_tokens).toBe((final.usage?.prompt_tokens ?? -1) + (final.usage?.completion_tokens ?? -1));
    expect(final.usage?.prompt_tokens_details?.cached_tokens).toBeTypeOf('number');
  });

  it('sends the usage chunk last, with empty choices, only when asked', async () => {
    ctx.answer([{ text: 'x' }]);
    const withUsage = await ctx.client().chat.completions.create({
      model: MODEL,
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: 'user', content: 'x' }],
    });
    const chunks = [];
    for await (const chunk of withUsage) chunks.push(chunk);
    const last = chunks.at(-1);
    expect(last?.choices).toEqual([]);
    expect(last?.usage?.total_tokens).toBeTypeOf('number');
    expect(chunks.slice(0, -1).every((c) => c.usage === null && c.choices.length === 1)).toBe(true);
  });

  it('ends a stream the upstream cuts midway with an error the SDK throws', async () => {
    ctx.gw().emulator.state.enqueue({ method: 'streamGenerateContent', parts: [{ text: 'a' }, { text: 'b' }, { text: 'c' }], drop: { afterEvents: 1 } });
    const stream = ctx.client().chat.completions.stream({ model: MODEL, messages: [{ role: 'user', content: 'Go.' }] });
    let received = '';
    stream.on('content', (d) => (received += d));
    await expect(stream.finalChatCompletion()).rejects.toBeInstanceOf(OpenAI.APIError);
    // The 200 and the first text went out before the cut: the error came in the stream.
    expect(received).toBe('a');
  });
});

describe('reasoning', () => {
  it('streams thought parts as reasoning_content and asks for thoughts upstream', async () => {
    ctx.answer([{ text: 'Two and two ', thought: true }, { text: 'make four.', thought: true }, { text: 'Four.' }]);
    const stream = await ctx.client().chat.completions.create({
      model: MODEL,
      stream: true,
      reasoning_effort: 'high',
      messages: [{ role: 'user', content: 'Two plus two?' }],
    });
    let reasoning = '';
    let text = '';
    for await (const chunk of stream) {
      const delta: { content?: string | null; reasoning_content?: string } | undefined = chunk.choices[0]?.delta;
      reasoning += delta?.reasoning_content ?? '';
      text += delta?.content ?? '';
    }
    expect(reasoning).toBe('Two and two make four.');
    expect(text).toBe('Four.');
    expect(ctx.upstream().generationConfig?.thinkingConfig?.includeThoughts).toBe(true);
  });

  it('puts the reasoning in message.reasoning_content when not streaming', async () => {
    ctx.answer([{ text: 'Hmm.', thought: true }, { text: 'Yes.' }]);
    const c = await ctx.client().chat.completions.create({ model: MODEL, reasoning_effort: 'low', messages: [{ role: 'user', content: 'Sure?' }] });
    const message = c.choices[0]?.message as { content: string | null; reasoning_content?: string };
    expect(message.content).toBe('Yes.');
    expect(message.reasoning_content).toBe('Hmm.');
  });
});
