// The HTTP layer's edges: request ids, error shapes per dialect, body limit, Host/Origin guards,
// the API key, telemetry, model lists and health. The backend is an in-process fake. What a route
// answers is asked of the app in-process (app.request); what needs a connection (answers written
// on the node response, bodies read from the socket, the official SDKs) of a real server.
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeBackend } from '../helpers/fake-backend.js';
import { createInProcessApp, type InProcessApp } from '../helpers/in-process-app.js';
import { rawRequest } from '../helpers/raw-request.js';
import { startGateway, type Gateway } from '../helpers/start-gateway.js';

const json = { 'content-type': 'application/json' };

describe('routes without an API key (in-process)', () => {
  let app: InProcessApp;
  beforeAll(async () => {
    app = await createInProcessApp({ config: { bodyLimitBytes: 2048, corsOrigins: ['https://app.example.com'] } });
  });
  const get = (path: string, headers: Record<string, string> = {}): Promise<Response> => app.request(path, { headers });
  const post = (path: string, body: string, headers: Record<string, string> = {}): Promise<Response> =>
    app.request(path, { method: 'POST', headers: { ...json, ...headers }, body });

  it('puts X-Request-ID (and request-id) on answers, errors and unknown routes', async () => {
    const ok = await get('/health');
    const bad = await post('/v1/messages', '{');
    const missing = await get('/nowhere');
    for (const res of [ok, bad, missing]) {
      expect(res.headers.get('x-request-id')).toMatch(/^req_[0-9a-f]{32}$/);
      expect(res.headers.get('request-id')).toBe(res.headers.get('x-request-id'));
    }
    expect(missing.status).toBe(404);
    expect(new Set([ok, bad, missing].map((r) => r.headers.get('x-request-id'))).size).toBe(3);
  });

  it('keeps a plain client-sent X-Request-ID', async () => {
    const res = await get('/health', { 'x-request-id': 'trace-123' });
    expect(res.headers.get('x-request-id')).toBe('trace-123');
  });

  it('answers bad JSON with a 400 in each dialect', async () => {
    const anthropic = await post('/v1/messages?beta=true', '{"model":');
    expect(anthropic.status).toBe(400);
    expect(await anthropic.json()).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });

    const chat = await post('/v1/chat/completions', 'not json');
    expect(chat.status).toBe(400);
    const chatBody = (await chat.json()) as { error: { type: string; message: string } };
    expect(chatBody.error.type).toBe('invalid_request_error');
    expect(chatBody.error.message).toMatch(/not valid JSON/);

    const responses = await post('/v1/responses', '');
    expect(responses.status).toBe(400);
    expect(await responses.json()).toMatchObject({ error: { type: 'invalid_request_error' } });

    const gemini = await post('/v1beta/models/gemini-3-flash:generateContent', '[');
    expect(gemini.status).toBe(400);
    expect(await gemini.json()).toMatchObject({ error: { code: 400, status: 'INVALID_ARGUMENT' } });
  });

  it('refuses a Host that is not loopback (DNS rebinding)', async () => {
    const rebound = await get('/v1/models', { host: 'evil.example.com:8080' });
    expect(rebound.status).toBe(403);
    expect(((await rebound.json()) as { error: { message: string } }).error.message).toMatch(/Host/);
    for (const host of ['localhost:8080', '127.0.0.1:8080', '[::1]:8080']) {
      expect((await get('/v1/models', { host })).status, host).toBe(200);
    }
  });

  it('refuses a foreign Origin, lets loopback and configured origins in, answers CORS preflight', async () => {
    expect((await get('/v1/models', { origin: 'https://evil.example.com' })).status).toBe(403);
    expect((await get('/v1/models', { origin: 'http://localhost:3000' })).status).toBe(200);
    const configured = await get('/v1/models', { origin: 'https://app.example.com' });
    expect(configured.status).toBe(200);
    expect(configured.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    const preflight = await app.request('/v1/chat/completions', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://app.example.com',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, authorization',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('content-type, authorization');
    const foreignPreflight = await app.request('/v1/chat/completions', {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example.com', 'access-control-request-method': 'POST' },
    });
    expect(foreignPreflight.status).toBe(403);
  });

  it('answers Claude Code telemetry with 200', async () => {
    expect((await post('/api/event_logging/batch', '{"events":[]}')).status).toBe(200);
    expect((await post('/', '{}')).status).toBe(200);
  });

  it('lists models in the OpenAI, Anthropic and Gemini shapes', async () => {
    const openai = (await (await get('/v1/models')).json()) as { object: string; data: Array<Record<string, unknown>> };
    expect(openai.object).toBe('list');
    expect(openai.data[0]).toMatchObject({ id: 'gemini-3-flash', object: 'model', owned_by: 'antigravity' });
    expect(typeof openai.data[0]?.created).toBe('number');

    const anthropic = (await (await get('/v1/models', { 'anthropic-version': '2023-06-01' })).json()) as Record<string, unknown>;
    expect(anthropic).toMatchObject({
      data: [
        { type: 'model', id: 'gemini-3-flash', display_name: 'Gemini 3 Flash' },
        { type: 'model', id: 'claude-sonnet-4-6', display_name: 'Claude Sonnet 4.6' },
      ],
      has_more: false,
      first_id: 'gemini-3-flash',
      last_id: 'claude-sonnet-4-6',
    });
    expect(Date.parse((anthropic.data as Array<{ created_at: string }>)[0]!.created_at)).not.toBeNaN();

    const gemini = (await (await get('/v1beta/models')).json()) as { models: Array<Record<string, unknown>> };
    expect(gemini.models[0]).toMatchObject({ name: 'models/gemini-3-flash', displayName: 'Gemini 3 Flash' });
    expect(gemini.models[0]?.supportedGenerationMethods).toContain('streamGenerateContent');
  });

  it('answers a bad token count in the Anthropic shape', async () => {
    const bad = await post('/v1/messages/count_tokens?beta=true', '{"model":"x"}');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
  });

  it('reports /health from the backend, and says what it is at /', async () => {
    expect(await (await get('/')).text()).toMatch(/^gateway is running/);
    const res = await get('/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', accounts: 1, activeAccounts: 1 });
  });

  it('serves /account-limits as JSON and as text, and /refresh-token', async () => {
    expect(await (await get('/account-limits')).json()).toEqual({ accounts: [] });
    const table = await get('/account-limits?format=table');
    expect(table.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await table.text()).toMatch(/No accounts yet/);
    const refreshed = await app.request('/refresh-token?account=a@example.com', { method: 'POST' });
    expect(await refreshed.json()).toEqual([{ id: 'a@example.com', ok: true }]);
    const unknown = await app.request('/refresh-token?account=nobody', { method: 'POST' });
    expect(unknown.status).toBe(404);
  });
});

describe('routes with GATEWAY_API_KEY (in-process)', () => {
  let app: InProcessApp;
  const key = 'sk-gateway-test-key';
  beforeAll(async () => {
    app = await createInProcessApp({ env: { GATEWAY_API_KEY: key } });
  });
  const post = (path: string, body: string, headers: Record<string, string> = {}): Promise<Response> =>
    app.request(path, { method: 'POST', headers: { ...json, ...headers }, body });

  it('accepts the key as Bearer, x-api-key, x-goog-api-key and ?key=', async () => {
    const forms: Array<[string, Record<string, string>]> = [
      ['/v1/models', { authorization: `Bearer ${key}` }],
      ['/v1/models', { 'x-api-key': key }],
      ['/v1beta/models', { 'x-goog-api-key': key }],
      [`/v1beta/models?key=${key}`, {}],
      // A placeholder bearer next to the real key in another header.
      ['/v1/models', { authorization: 'Bearer placeholder', 'x-api-key': key }],
    ];
    for (const [path, headers] of forms) expect((await app.request(path, { headers })).status).toBe(200);
  });

  it('guards every route, admin ones too', async () => {
    for (const path of ['/v1/models', '/v1beta/models', '/health', '/account-limits']) {
      expect((await app.request(path)).status, path).toBe(401);
    }
  });

  it('answers a wrong key with 401 in the dialect of the route', async () => {
    const anthropic = await post('/v1/messages', '{}', { 'x-api-key': 'wrong' });
    expect(anthropic.status).toBe(401);
    expect(await anthropic.json()).toMatchObject({ type: 'error', error: { type: 'authentication_error' } });
    const chat = await post('/v1/chat/completions', '{}', { authorization: 'Bearer wrong' });
    expect(chat.status).toBe(401);
    expect(await chat.json()).toMatchObject({ error: { type: 'authentication_error' } });
    const gemini = await post('/v1beta/models/gemini-3-flash:generateContent?key=wrong', '{}');
    expect(gemini.status).toBe(401);
    expect(await gemini.json()).toMatchObject({ error: { code: 401, status: 'UNAUTHENTICATED' } });
  });

  it('still answers telemetry without a key', async () => {
    expect((await post('/api/event_logging/batch', '{}')).status).toBe(200);
  });
});

describe('on a real server', () => {
  let gw: Gateway;
  beforeAll(async () => {
    gw = await startGateway({ accounts: [], backend: createFakeBackend(), config: { bodyLimitBytes: 2048 } });
  });
  afterAll(() => gw.close());
  const post = (url: string, body: string) => fetch(url, { method: 'POST', headers: json, body });

  it('puts request ids on streamed and folded answers too, without touching the shared already-sent marker', async () => {
    for (const stream of [false, true]) {
      const res = await post(`${gw.url}/v1/chat/completions`, JSON.stringify({ model: 'gemini-3-flash', messages: [{ role: 'user', content: 'hi' }], stream }));
      expect(res.status).toBe(200);
      expect(res.headers.get('x-request-id')).toMatch(/^req_[0-9a-f]{32}$/);
      expect(await res.text()).toContain('Hello');
    }
    // Streams and folded answers are written on the node response; the marker hono sees is one
    // object shared by all requests, and must never collect a request's headers.
    expect(RESPONSE_ALREADY_SENT.headers.get('x-request-id')).toBeNull();
  });

  it('refuses a body over the limit with 413, declared or not', async () => {
    const big = JSON.stringify({ model: 'x', messages: [{ role: 'user', content: 'a'.repeat(4096) }] });
    const declared = await post(`${gw.url}/v1/messages`, big);
    expect(declared.status).toBe(413);
    expect(await declared.json()).toMatchObject({ type: 'error', error: { type: 'request_too_large' } });

    // Chunked: no content-length, so the limit is found while reading.
    const chunked = await fetch(`${gw.url}/v1/chat/completions`, {
      method: 'POST',
      headers: json,
      body: new Blob([big]).stream(),
      duplex: 'half',
    });
    expect(chunked.status).toBe(413);
    expect(await chunked.json()).toMatchObject({ error: { code: 'request_too_large' } });
  });

  it('reads Host from the connection the way a rebinding page sends it', async () => {
    const port = new URL(gw.url).port;
    expect((await rawRequest(`${gw.url}/v1/models`, { headers: { host: `evil.example.com:${port}` } })).status).toBe(403);
    expect((await rawRequest(`${gw.url}/v1/models`, { headers: { host: `localhost:${port}` } })).status).toBe(200);
  });

  it('counts tokens for the Anthropic SDK and lists models to the official SDKs', async () => {
    const anthropic = new Anthropic({ baseURL: gw.url, apiKey: 'unused', maxRetries: 0 });
    const counted = await anthropic.messages.countTokens({ model: 'claude-sonnet-4-6', messages: [{ role: 'user', content: 'hi' }] });
    expect(counted).toEqual({ input_tokens: 42 });
    const aIds: string[] = [];
    for await (const m of anthropic.models.list()) aIds.push(m.id);
    expect(aIds).toEqual(['gemini-3-flash', 'claude-sonnet-4-6']);
    const openai = new OpenAI({ baseURL: `${gw.url}/v1`, apiKey: 'unused', maxRetries: 0 });
    const oIds: string[] = [];
    for await (const m of openai.models.list()) oIds.push(m.id);
    expect(oIds).toEqual(['gemini-3-flash', 'claude-sonnet-4-6']);
  });
});
