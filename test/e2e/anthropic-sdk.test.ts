// @anthropic-ai/sdk against the real gateway and the emulated Cloud Code Assist.
import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { googleError, rateLimitError } from '../emulator/google-error.js';
import { rejectionOf } from '../helpers/rejection-of.js';
import { startGateway, type Gateway } from '../helpers/start-gateway.js';
import { expectToolRoundTrip, keysDeep, lastGenerateCall, type GeminiPart } from '../helpers/upstream-calls.js';

const MODEL = 'claude-sonnet-4-6';
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
// Long enough to pass as a real signature wherever short ones are treated as invalid.
const SIGNATURE = `EqQB${'s'.repeat(120)}`;

let gw: Gateway;
let client: Anthropic;

beforeAll(async () => {
  gw = await startGateway();
  client = new Anthropic({ apiKey: 'test', baseURL: gw.url, maxRetries: 0 });
});
afterAll(async () => gw?.close());
beforeEach(() => gw.emulator.state.reset());

const answer = (parts: GeminiPart[], finishReason = 'STOP'): void =>
  gw.emulator.state.enqueue({ method: 'streamGenerateContent', parts, finishReason });

describe('messages.create', () => {
  it('answers a plain request and sends the system text and the user turn upstream', async () => {
    answer([{ text: 'Hello from Gemini.' }]);
    const msg = await client.messages.create({
      model: MODEL,
      max_tokens: 200,
      system: 'Be brief.',
      messages: [{ role: 'user', content: 'Say hello.' }],
    });
    expect(msg).toMatchObject({ type: 'message', role: 'assistant', model: MODEL, stop_reason: 'end_turn' });
    expect(msg.id).toMatch(/^msg_/);
    expect(msg.content).toEqual([{ type: 'text', text: 'Hello from Gemini.' }]);
    expect(msg.usage.output_tokens).toBeGreaterThanOrEqual(0);

    const sent = lastGenerateCall(gw.emulator).request;
    expect(sent.systemInstruction?.parts?.map((p) => p.text).join('')).toContain('Be brief.');
    expect(sent.contents).toEqual([{ role: 'user', parts: [{ text: 'Say hello.' }] }]);
    expect(sent.generationConfig?.maxOutputTokens).toBe(200);
  });

  it('serves the beta client (`?beta=true`, anthropic-beta header) the same way', async () => {
    answer([{ text: 'Beta hello.' }]);
    const msg = await client.beta.messages.create({
      model: MODEL,
      max_tokens: 50,
      betas: ['interleaved-thinking-2025-05-14', 'some-future-beta-2099-01-01'],
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(msg.content).toEqual([{ type: 'text', text: 'Beta hello.' }]);
  });

  it('sends images as inline data', async () => {
    answer([{ text: 'A single pixel.' }]);
    const msg = await client.messages.create({
      model: MODEL,
      max_tokens: 50,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG } },
          ],
        },
      ],
    });
    expect(msg.content[0]).toEqual({ type: 'text', text: 'A single pixel.' });
    const parts = lastGenerateCall(gw.emulator).request.contents[0]?.parts ?? [];
    expect(parts).toContainEqual(expect.objectContaining({ inlineData: { mimeType: 'image/png', data: PNG } }));
  });
});

describe('messages.stream', () => {
  it('streams text that finalMessage() accumulates', async () => {
    answer([{ text: 'One, two, ' }, { text: 'three.' }]);
    const stream = client.messages.stream({ model: MODEL, max_tokens: 100, messages: [{ role: 'user', content: 'Count.' }] });
    let streamed = '';
    stream.on('text', (t) => (streamed += t));
    const msg = await stream.finalMessage();
    expect(streamed).toBe('One, two, three.');
    expect(msg.content).toEqual([{ type: 'text', text: 'One, two, three.' }]);
    expect(msg.stop_reason).toBe('end_turn');
  });

  it('ends a stream the upstream cuts midway with an error the SDK throws', async () => {
    gw.emulator.state.enqueue({ method: 'streamGenerateContent', parts: [{ text: 'a' }, { text: 'b' }, { text: 'c' }], drop: { afterEvents: 1 } });
    const stream = client.messages.stream({ model: MODEL, max_tokens: 100, messages: [{ role: 'user', content: 'Go.' }] });
    const err = await rejectionOf(stream.finalMessage(), Anthropic.APIError);
    // An error event inside a 200 stream has no HTTP status; a status would mean it failed before streaming.
    expect(err.status).toBeUndefined();
  });
});

describe('tools', () => {
  const tools: Anthropic.Tool[] = [
    {
      name: 'get_weather',
      description: 'Weather for a city',
      input_schema: {
        type: 'object',
        properties: { city: { type: 'string' } },
        required: ['city'],
        additionalProperties: false,
      },
    },
  ];

  it('returns tool_use blocks and takes the tool_result back, paired with the call', async () => {
    answer([{ functionCall: { name: 'get_weather', args: { city: 'Paris' } } }]);
    const first = await client.messages
      .stream({ model: MODEL, max_tokens: 200, tools, messages: [{ role: 'user', content: 'Weather in Paris?' }] })
      .finalMessage();
    expect(first.stop_reason).toBe('tool_use');
    const call = first.content.find((b): b is Anthropic.ToolUseBlock => b.type === 'tool_use');
    expect(call).toMatchObject({ name: 'get_weather', input: { city: 'Paris' } });
    expect(call?.id).toBeTruthy();
    const decl = lastGenerateCall(gw.emulator).request.tools?.[0]?.functionDeclarations?.[0];
    expect(decl?.name).toBe('get_weather');
    expect(keysDeep(decl)).not.toContain('additionalProperties');

    answer([{ text: 'It is 18C and sunny.' }]);
    const second = await client.messages.create({
      model: MODEL,
      max_tokens: 200,
      tools,
      messages: [
        { role: 'user', content: 'Weather in Paris?' },
        { role: 'assistant', content: first.content },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: call!.id, content: '18C sunny' }] },
      ],
    });
    expect(second.content).toEqual([{ type: 'text', text: 'It is 18C and sunny.' }]);

    expectToolRoundTrip(lastGenerateCall(gw.emulator).request.contents, { name: 'get_weather', args: { city: 'Paris' }, output: '18C sunny' });
  });
});

describe('thinking', () => {
  it('returns thinking blocks with their signature and sends both back on the next turn', async () => {
    answer([{ text: 'Let me think.', thought: true, thoughtSignature: SIGNATURE }, { text: 'Four.' }]);
    const first = await client.messages
      .stream({
        model: MODEL,
        max_tokens: 4096,
        thinking: { type: 'enabled', budget_tokens: 2048 },
        messages: [{ role: 'user', content: 'Two plus two?' }],
      })
      .finalMessage();
    expect(first.content[0]).toEqual({ type: 'thinking', thinking: 'Let me think.', signature: SIGNATURE });
    expect(first.content[1]).toEqual({ type: 'text', text: 'Four.' });
    const config = lastGenerateCall(gw.emulator).request.generationConfig;
    expect(config?.thinkingConfig?.includeThoughts).toBe(true);

    answer([{ text: 'Yes.' }]);
    await client.messages.create({
      model: MODEL,
      max_tokens: 4096,
      thinking: { type: 'enabled', budget_tokens: 2048 },
      messages: [
        { role: 'user', content: 'Two plus two?' },
        { role: 'assistant', content: first.content },
        { role: 'user', content: 'Sure?' },
      ],
    });
    const model = lastGenerateCall(gw.emulator).request.contents[1];
    expect(model?.role).toBe('model');
    expect(model?.parts.some((p) => p.thoughtSignature === SIGNATURE)).toBe(true);
  });
});

describe('errors', () => {
  it('answers an unknown model with 404 not_found_error listing the models', async () => {
    const e = await rejectionOf(client.messages.create({ model: 'no-such-model', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }), Anthropic.NotFoundError);
    expect(e.type).toBe('not_found_error');
    expect(e.message).toContain('no-such-model');
    expect(e.message).toMatch(/Available models: .*\w/);
    expect(e.requestID).toBeTruthy();
  });

  it('answers a bad body with 400 invalid_request_error naming the field', async () => {
    const bad = { model: MODEL, max_tokens: 10, messages: [{ role: 'user', content: [{ type: 'text', text: 5 }] }] };
    const e = await rejectionOf(client.messages.create(bad as unknown as Anthropic.MessageCreateParamsNonStreaming), Anthropic.BadRequestError);
    expect(e.type).toBe('invalid_request_error');
    expect(e.message).toContain('messages.0.content.0.text');
  });

  it('answers a missing max_tokens with 400 naming it', async () => {
    const res = await fetch(`${gw.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({ model: MODEL, messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ type: 'error', error: { type: 'invalid_request_error', message: 'max_tokens: is required' } });
  });

  it('answers an upstream 429 with rate_limit_error and Retry-After', async () => {
    // A model of its own, so the cooldown this leaves behind touches no other test.
    gw.emulator.state.enqueue({ method: 'streamGenerateContent', status: 429, times: 10, body: rateLimitError('RATE_LIMIT_EXCEEDED', { retryDelay: '30s' }) });
    const e = await rejectionOf(client.messages.create({ model: 'gemini-3.1-pro-high', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }), Anthropic.RateLimitError);
    expect(e.type).toBe('rate_limit_error');
    expect(Number(e.headers?.get('retry-after'))).toBeGreaterThan(0);
  });

  it('answers an upstream 400 with invalid_request_error keeping Google\'s message', async () => {
    const message = 'Please ensure that the number of function response parts is equal to the number of function call parts.';
    gw.emulator.state.enqueue({ method: 'streamGenerateContent', status: 400, body: googleError({ code: 400, message }) });
    const err = await rejectionOf(client.messages.create({ model: MODEL, max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }), Anthropic.BadRequestError);
    expect(err.message).toContain(message);
  });

  it('counts tokens through the upstream', async () => {
    const counted = await client.messages.countTokens({ model: MODEL, messages: [{ role: 'user', content: 'Count me.' }] });
    expect(counted.input_tokens).toBeGreaterThan(0);
  });
});
