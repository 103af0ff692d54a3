// The Gemini routes: generateContent, the SSE and JSON-array streams, countTokens, both path
// prefixes, and Gemini-shaped errors, over an in-process fake backend. @google/genai on a real
// server; the rest asked of the app in-process (app.request).
import { GoogleGenAI } from '@google/genai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayError } from '../../src/canonical/index.js';
import { createFakeBackend, fromArray, textEvents, type FakeBackend } from '../helpers/fake-backend.js';
import { createInProcessApp, type InProcessApp } from '../helpers/in-process-app.js';
import { startGateway, type Gateway } from '../helpers/start-gateway.js';

const body = JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }] });
describe('Gemini routes for @google/genai (real server)', () => {
  let gw: Gateway;
  let backend: FakeBackend;
  const key = 'gemini-route-key';
  beforeAll(async () => {
    backend = createFakeBackend();
    gw = await startGateway({ accounts: [], backend, env: { GATEWAY_API_KEY: key } });
  });
  afterAll(() => gw.close());

  it('serves @google/genai generateContent, generateContentStream and countTokens', async () => {
    backend.reply = (req) => fromArray(textEvents(['Hello', ' world'], req.model));
    const ai = new GoogleGenAI({ apiKey: key, httpOptions: { baseUrl: gw.url } });
    const one = await ai.models.generateContent({ model: 'gemini-3-flash', contents: 'hi' });
    expect(one.text).toBe('Hello world');
    expect(backend.calls.at(-1)?.request).toMatchObject({ model: 'gemini-3-flash', stream: false });

    let streamed = '';
    for await (const chunk of await ai.models.generateContentStream({ model: 'gemini-3-flash', contents: 'hi' })) streamed += chunk.text ?? '';
    expect(streamed).toBe('Hello world');
    expect(backend.calls.at(-1)?.request).toMatchObject({ model: 'gemini-3-flash', stream: true });

    const counted = await ai.models.countTokens({ model: 'gemini-3-flash', contents: 'hi' });
    expect(counted.totalTokens).toBe(42);
  });

  it('lists and gets models for @google/genai', async () => {
    const ai = new GoogleGenAI({ apiKey: key, httpOptions: { baseUrl: gw.url } });
    const names: string[] = [];
    for await (const m of await ai.models.list()) names.push(m.name ?? '');
    expect(names).toEqual(['models/gemini-3-flash', 'models/claude-sonnet-4-6']);
    const one = await ai.models.get({ model: 'gemini-3-flash' });
    expect(one.displayName).toBe('Gemini 3 Flash');
    await expect(ai.models.get({ model: 'nope' })).rejects.toThrow(/not served/);
  });
});

describe('Gemini routes (in-process)', () => {
  let app: InProcessApp;
  let backend: FakeBackend;
  const key = 'gemini-route-key';
  beforeAll(async () => {
    backend = createFakeBackend();
    app = await createInProcessApp({ backend, env: { GATEWAY_API_KEY: key } });
  });
  const post = (path: string, payload = body): Promise<Response> =>
    app.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: payload });

  it('streams one JSON array when the client does not ask for SSE', async () => {
    backend.reply = (req) => fromArray(textEvents(['a', 'b', 'c'], req.model));
    const res = await post(`/v1beta/models/gemini-3-flash:streamGenerateContent?key=${key}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const items = (await res.json()) as Array<{ candidates: Array<{ content?: { parts: Array<{ text?: string }> } }> }>;
    expect(Array.isArray(items)).toBe(true);
    const text = items.flatMap((i) => i.candidates[0]?.content?.parts ?? []).map((p) => p.text ?? '').join('');
    expect(text).toBe('abc');
  });

  it('serves the same methods under /v1/models/', async () => {
    backend.reply = (req) => fromArray(textEvents(['v1'], req.model));
    const res = await post(`/v1/models/gemini-3-flash:generateContent?key=${key}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('"v1"');
    const sse = await post(`/v1/models/gemini-3-flash:streamGenerateContent?alt=sse&key=${key}`);
    expect(sse.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(await sse.text()).toMatch(/^data: \{/);
  });

  it('answers errors in Gemini shape: unknown method, upstream refusal, early failure', async () => {
    const unknown = await post(`/v1beta/models/gemini-3-flash:embedContent?key=${key}`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 404, status: 'NOT_FOUND' } });

    backend.reply = async function* () {
      yield* [];
      throw new GatewayError('not_found', 'Model "nope" is not served by this gateway.', { param: 'model' });
    };
    const missing = await post(`/v1beta/models/nope:generateContent?key=${key}`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 404, message: 'Model "nope" is not served by this gateway.', status: 'NOT_FOUND' } });
  });
});
