// Streaming through the HTTP layer: keep-alive pings, a stream that breaks midway, early errors as
// real statuses, client disconnects reaching the backend, graceful shutdown. In-process fake backend.
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayError, type CanonicalEvent } from '../../src/canonical/index.js';
import { createFakeBackend, fromArray, textEvents, type FakeBackend, type Reply } from '../helpers/fake-backend.js';
import { startGateway, type Gateway } from '../helpers/start-gateway.js';

/** A promise and its resolver, to hold a fake upstream until the test says go. */
function gate(): { promise: Promise<void>; open(): void } {
  let open!: () => void;
  const promise = new Promise<void>((r) => (open = r));
  return { promise, open };
}

/** A reply that sends the stream's first event, then holds the rest of `pieces` until `go` resolves. */
function startThenWait(go: Promise<void>, pieces = ['late']): Reply {
  return async function* (req) {
    const [start, ...rest] = textEvents(pieces, req.model);
    yield start!;
    await go;
    yield* rest;
  };
}

const anthropicBody = (stream: boolean) =>
  JSON.stringify({ model: 'gemini-3-flash', max_tokens: 100, stream, messages: [{ role: 'user', content: 'hi' }] });

/** Reads a streamed body until `until` shows up in it; returns what was read so far. */
async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, until: string, seen = ''): Promise<string> {
  const dec = new TextDecoder();
  let text = seen;
  while (!text.includes(until)) {
    const r = await reader.read();
    if (r.done) throw new Error(`stream ended before "${until}" appeared; got:\n${text}`);
    text += dec.decode(r.value, { stream: true });
  }
  return text;
}

async function readAll(reader: ReadableStreamDefaultReader<Uint8Array>, seen = ''): Promise<string> {
  const dec = new TextDecoder();
  let text = seen;
  for (let r = await reader.read(); !r.done; r = await reader.read()) text += dec.decode(r.value, { stream: true });
  return text;
}

describe('streaming through the server', () => {
  let gw: Gateway;
  let backend: FakeBackend;
  beforeAll(async () => {
    backend = createFakeBackend();
    gw = await startGateway({ accounts: [], backend, pingIntervalMs: 20 });
  });
  afterAll(() => gw.close());

  it('streams and folds an answer for the official SDKs', async () => {
    backend.reply = (req) => fromArray(textEvents(['Hello', ' world'], req.model));
    const anthropic = new Anthropic({ baseURL: gw.url, apiKey: 'unused', maxRetries: 0 });
    const streamed = await anthropic.messages
      .stream({ model: 'gemini-3-flash', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] })
      .finalMessage();
    expect(streamed.content).toEqual([{ type: 'text', text: 'Hello world', citations: null }].map(({ type, text }) => expect.objectContaining({ type, text })));
    const openai = new OpenAI({ baseURL: `${gw.url}/v1`, apiKey: 'unused', maxRetries: 0 });
    const folded = await openai.chat.completions.create({ model: 'gemini-3-flash', messages: [{ role: 'user', content: 'hi' }] });
    expect(folded.choices[0]?.message.content).toBe('Hello world');
  });

  it('sends keep-alive pings while the upstream is silent', async () => {
    const go = gate();
    backend.reply = startThenWait(go.promise);
    const res = await fetch(`${gw.url}/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: anthropicBody(true) });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const before = await readUntil(reader, 'event: ping\ndata: {"type":"ping"}');
    go.open();
    const all = await readAll(reader, before);
    expect(all.indexOf('event: message_start')).toBeLessThan(all.indexOf('event: ping'));
    expect(all).toContain('"text":"late"');
    expect(all.trimEnd().endsWith('event: message_stop\ndata: {"type":"message_stop"}')).toBe(true);
  });

  it('renders pings as SSE comments for OpenAI clients', async () => {
    const go = gate();
    backend.reply = startThenWait(go.promise);
    const res = await fetch(`${gw.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gemini-3-flash', stream: true, messages: [{ role: 'user', content: 'hi' }] }),
    });
    const reader = res.body!.getReader();
    const before = await readUntil(reader, '\n: ');
    go.open();
    expect(await readAll(reader, before)).toMatch(/data: \[DONE\]\n\n$/);
  });

  it('ends a stream that fails midway with the dialect error event', async () => {
    backend.reply = async function* (req) {
      yield* textEvents(['partial'], req.model).slice(0, 3);
      throw new GatewayError('upstream', 'Google closed the stream.');
    };
    const res = await fetch(`${gw.url}/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: anthropicBody(true) });
    expect(res.status).toBe(200);
    const text = await readAll(res.body!.getReader());
    expect(text).toContain('"text":"partial"');
    expect(text.trimEnd()).toMatch(/event: error\ndata: \{"type":"error","error":\{"type":"api_error","message":"Google closed the stream\."/);

    const anthropic = new Anthropic({ baseURL: gw.url, apiKey: 'unused', maxRetries: 0 });
    await expect(
      anthropic.messages.stream({ model: 'gemini-3-flash', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] }).finalMessage(),
    ).rejects.toThrow(/Google closed the stream/);
  });

  it('ends a stream whose source stops without a finish with an error event', async () => {
    backend.reply = (req) => fromArray(textEvents(['cut'], req.model).slice(0, 3));
    const res = await fetch(`${gw.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gemini-3-flash', stream: true, messages: [{ role: 'user', content: 'hi' }] }),
    });
    const text = await readAll(res.body!.getReader());
    expect(text).toMatch(/data: \{"error":\{"message":"The upstream stream ended before the answer was complete\./);
  });

  it('answers a non-streaming request whose stream was cut with an error status, not a partial answer', async () => {
    backend.reply = (req) => fromArray(textEvents(['cut'], req.model).slice(0, 3));
    const res = await fetch(`${gw.url}/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: anthropicBody(false) });
    expect(res.status).toBe(502);
    expect(await res.json()).toMatchObject({ type: 'error', error: { message: 'The upstream stream ended before the answer was complete.' } });
  });

  it('answers a failure before the first event with a real status', async () => {
    backend.reply = () => fromArray([]); // replaced below; generate must reject before any event
    backend.reply = async function* (): AsyncGenerator<CanonicalEvent> {
      throw new GatewayError('rate_limited', 'Every account is cooling down for gemini-3-flash.', { retryAfterMs: 30_000 });
    };
    const res = await fetch(`${gw.url}/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: anthropicBody(true) });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('30');
    expect(await res.json()).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });
  });

  it('aborts the backend call when the client disconnects mid-stream', async () => {
    const aborted = gate();
    backend.reply = async function* (req, signal) {
      signal.addEventListener('abort', () => aborted.open(), { once: true });
      yield textEvents([], req.model)[0]!;
      await new Promise<void>((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true }));
    };
    const ac = new AbortController();
    const res = await fetch(`${gw.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: anthropicBody(true),
      signal: ac.signal,
    });
    await readUntil(res.body!.getReader(), 'message_start');
    ac.abort();
    await aborted.promise;
    expect(backend.calls.at(-1)?.signal.aborted).toBe(true);
  });
});

describe('graceful shutdown', () => {
  it('stops accepting but lets an in-flight stream finish', async () => {
    const go = gate();
    const backend = createFakeBackend({ reply: startThenWait(go.promise, ['finished', ' anyway']) });
    const gw = await startGateway({ accounts: [], backend });
    try {
      const res = await fetch(`${gw.url}/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: anthropicBody(true) });
      const reader = res.body!.getReader();
      const before = await readUntil(reader, 'message_start');
      let closed = false;
      const closing = gw.server.close(60_000).then(() => (closed = true));
      await expect(fetch(`${gw.url}/health`)).rejects.toThrow();
      expect(closed).toBe(false);
      go.open();
      const all = await readAll(reader, before);
      expect(all).toContain('"text":" anyway"');
      expect(all).toContain('event: message_stop');
      await closing;
      expect(closed).toBe(true);
    } finally {
      await gw.close();
    }
  });
});
