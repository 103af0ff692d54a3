// The chat dialect inside the real HTTP server, over an in-process backend: the wire as clients
// see it (headers, frames, pings, early errors), independent of the Google upstream.
import { OpenAI } from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GatewayError, type CanonicalEvent } from '../../src/canonical/index.js';
import { createFakeBackend, fromArray, textEvents, type FakeBackend } from '../helpers/fake-backend.js';
import { rejectionOf } from '../helpers/rejection-of.js';
import { startGateway, type Gateway } from '../helpers/start-gateway.js';

let gw: Gateway;
let backend: FakeBackend;
let client: OpenAI;

beforeAll(async () => {
  backend = createFakeBackend();
  gw = await startGateway({ backend, pingIntervalMs: 10 });
  client = new OpenAI({ apiKey: 'test', baseURL: `${gw.url}/v1`, maxRetries: 0 });
});
afterAll(async () => gw?.close());
beforeEach(() => {
  backend.calls.length = 0;
  backend.reply = (req) => fromArray(textEvents(['Hello', ' world'], req.model));
});

const post = (body: unknown) =>
  fetch(`${gw.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('chat completions over HTTP', () => {
  it('streams text/event-stream frames ending with [DONE], with a request id header', async () => {
    const res = await post({ model: 'gemini-3-flash', stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'hi' }] });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(res.headers.get('x-request-id')).toBeTruthy();
    const frames = (await res.text()).split('\n\n').filter((f) => f !== '');
    expect(frames.at(-1)).toBe('data: [DONE]');
    const chunks = frames.slice(0, -1).map((f) => JSON.parse(f.replace(/^data: /, '')) as Record<string, unknown>);
    expect(chunks.map((c) => (c['choices'] as Array<{ delta: unknown }>)[0]?.delta ?? 'usage')).toEqual([
      { role: 'assistant', content: '' },
      { content: 'Hello' },
      { content: ' world' },
      {},
      'usage',
    ]);
    expect(backend.calls[0]?.request.hints?.['openai-chat']).toEqual({ includeUsage: true });
  });

  it('answers a Responses-shaped body (Cursor agent mode) with chat chunks', async () => {
    const res = await post({ model: 'gemini-3-flash', stream: true, instructions: 'Be an agent.', input: [{ role: 'user', content: 'hi' }] });
    const text = await res.text();
    expect(text).toContain('"object":"chat.completion.chunk"');
    expect(text).toContain('"content":"Hello"');
    expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
    expect(backend.calls[0]?.request).toMatchObject({ system: 'Be an agent.', messages: [{ role: 'user', parts: [{ type: 'text', text: 'hi' }] }] });
  });

  it('answers JSON for a non-streaming request', async () => {
    const res = await post({ model: 'gemini-3-flash', messages: [{ role: 'user', content: 'hi' }] });
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toMatchObject({ object: 'chat.completion', model: 'gemini-3-flash', choices: [{ message: { content: 'Hello world' } }] });
  });

  it('sends `: ping` comments while the backend is silent, and the SDK reads past them', async () => {
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    backend.reply = async function* (): AsyncGenerator<CanonicalEvent> {
      yield { type: 'message-start', id: 'm', model: 'gemini-3-flash' };
      await released;
      yield* fromArray(textEvents(['late']).slice(1));
    };
    const res = await post({ model: 'gemini-3-flash', stream: true, messages: [{ role: 'user', content: 'hi' }] });
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let seen = '';
    while (!seen.includes(': ping\n\n')) {
      const r = await reader.read();
      if (r.done) break;
      seen += r.value;
    }
    expect(seen).toContain(': ping\n\n');
    release();
    for (let r = await reader.read(); !r.done; r = await reader.read()) seen += r.value;
    expect(seen).toContain('"content":"late"');
    expect(seen.endsWith('data: [DONE]\n\n')).toBe(true);
  });

  it('turns an error before the first event into a real 429 with Retry-After and x-should-retry', async () => {
    backend.reply = () => ({
      [Symbol.asyncIterator]: () => ({
        next: () => Promise.reject(new GatewayError('rate_limited', 'All accounts are out of quota.', { retryAfterMs: 7_200_000, noRetry: true })),
      }),
    });
    const e = await rejectionOf(client.chat.completions.create({ model: 'gemini-3-flash', stream: true, messages: [{ role: 'user', content: 'hi' }] }), OpenAI.RateLimitError);
    expect(e.message).toContain('All accounts are out of quota.');
    expect(e.headers?.get('retry-after')).toBe('7200');
    expect(e.headers?.get('x-should-retry')).toBe('false');
    expect(e.headers?.get('x-request-id')).toBeTruthy();
  });

  it('ends with an error chunk the SDK throws when the backend fails midway', async () => {
    backend.reply = () =>
      fromArray([
        ...textEvents(['partial']).slice(0, 3),
        { type: 'error', error: new GatewayError('upstream', 'Google closed the stream.') },
      ]);
    const stream = await client.chat.completions.create({ model: 'gemini-3-flash', stream: true, messages: [{ role: 'user', content: 'hi' }] });
    let text = '';
    const consume = async () => {
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    };
    await expect(consume()).rejects.toThrow('Google closed the stream.');
    expect(text).toBe('partial');
  });
});
