// Adding a dialect is its declaration plus one registry line: a throwaway dialect defined here is
// served by the real app (in process, a fake backend) with no change to the server.
import { describe, expect, it } from 'vitest';
import { GatewayError, invalidRequest, type CanonicalEvent } from '../canonical/index.js';
import type { Dialect } from '../dialects/dialect.js';
import { defaultDialects, type DialectRegistry } from '../dialects/registry.js';
import { silentLogger } from '../log/logger.js';
import { config } from '../pool/test-support/fake-deps.js';
import { createRequestFeed } from '../usage/request-feed.js';
import type { RequestRecord } from '../usage/request-record.js';
import { createFakeBackend, fromArray, MODELS } from '../../test/helpers/fake-backend.js';
import { createApp } from './app.js';

/** A client protocol of one field: `{"text": "...", "stream": true}` in, plain lines out. */
const echoDialect: Dialect = {
  name: 'echo',
  routes: [
    { method: 'POST', path: '/echo/say', does: 'generate' },
    { method: 'POST', path: '/echo/say/{model}', does: 'generate', stream: true, encoding: 'lines' },
    { method: 'GET', path: '/echo/models', does: 'list-models' },
  ],
  parseRequest(body, ctx) {
    const b = body as { text?: unknown; stream?: unknown };
    if (typeof b.text !== 'string') throw invalidRequest('"text" must be a string.', 'text');
    return {
      model: ctx.route?.model ?? 'echo-model',
      messages: [{ role: 'user', parts: [{ type: 'text', text: b.text }] }],
      stream: ctx.route?.stream ?? b.stream === true,
      requestId: ctx.requestId,
    };
  },
  encodings: {
    sse: { contentType: 'text/event-stream', render: (events) => lines(events, (s) => `data: ${s}\n\n`) },
    lines: { contentType: 'text/plain; charset=utf-8', render: (events) => lines(events, (s) => `${s}\n`) },
  },
  renderResponse: (res) => ({ said: res.content.map((p) => (p.type === 'text' ? p.text : '')).join('') }),
  renderError: (err, requestId) => ({ status: err.status, body: { echoError: { kind: err.kind, message: err.message, requestId } } }),
  errorClaims: [{ prefix: '/echo/' }],
  models: { list: (models) => ({ names: models.map((m) => m.id) }) },
};

async function* lines(events: AsyncIterable<CanonicalEvent>, frame: (s: string) => string): AsyncIterable<string> {
  for await (const ev of events) {
    if (ev.type === 'text-delta') yield frame(ev.text);
    else if (ev.type === 'finish') yield frame('[END]');
    else if (ev.type === 'error') yield frame(`[ERROR] ${ev.error.message}`);
  }
}

function serve(apiKey?: string) {
  const backend = createFakeBackend();
  const requestFeed = createRequestFeed();
  const records: RequestRecord[] = [];
  requestFeed.subscribe((r) => records.push(r));
  const registry = defaultDialects();
  const dialects: DialectRegistry = { ...registry, dialects: [...registry.dialects, echoDialect] }; // the one line
  const app = createApp({ config: config(apiKey ? { apiKey } : {}), backend, dialects, log: silentLogger, requestFeed });
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    app.request(path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { app, backend, records, post };
}

describe('a dialect added with one registry line', () => {
  it('serves generation folded, with the usage record naming the dialect', async () => {
    const { post, backend, records } = serve();
    const res = await post('/echo/say', { text: 'hi' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ said: 'Hello world' });
    expect(backend.calls.at(-1)?.request).toMatchObject({ model: 'echo-model', stream: false, messages: [{ role: 'user', parts: [{ type: 'text', text: 'hi' }] }] });
    expect(records.at(-1)).toMatchObject({ dialect: 'echo', route: 'POST /echo/say', status: 200 });
  });

  it('streams in its default encoding, and in the one a route names with the model from the path', async () => {
    const { post, backend } = serve();
    const sse = await post('/echo/say', { text: 'hi', stream: true });
    expect(sse.headers.get('content-type')).toBe('text/event-stream');
    expect(await sse.text()).toBe('data: Hello\n\ndata:  world\n\ndata: [END]\n\n');

    const plain = await post('/echo/say/some-model', { text: 'hi' });
    expect(plain.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await plain.text()).toBe('Hello\n world\n[END]\n');
    expect(backend.calls.at(-1)?.request).toMatchObject({ model: 'some-model', stream: true });
  });

  it('ends a stream that fails midway with its own error line', async () => {
    const { post, backend } = serve();
    backend.reply = () =>
      fromArray([
        { type: 'message-start', id: 'm', model: 'x' },
        { type: 'block-start', index: 0, block: { type: 'text' } },
        { type: 'text-delta', index: 0, text: 'Part' },
        { type: 'error', error: new GatewayError('overloaded', 'Too busy.') },
      ]);
    expect(await (await post('/echo/say/x', { text: 'hi' })).text()).toBe('Part\n[ERROR] Too busy.\n');
  });

  it('answers errors on its paths in its own shape: a bad body, an unknown path, a missing API key', async () => {
    const { post, app } = serve();
    const bad = await post('/echo/say', { text: 1 });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ echoError: { kind: 'invalid_request', message: '"text" must be a string.' } });
    const missing = await app.request('/echo/nothing-here');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ echoError: { kind: 'not_found', message: 'No route for GET /echo/nothing-here.' } });

    const locked = await serve('sekrit').post('/echo/say', { text: 'hi' });
    expect(locked.status).toBe(401);
    expect(await locked.json()).toMatchObject({ echoError: { kind: 'auth' } });
  });

  it('renders its model list, and leaves the other dialects as they were', async () => {
    const { app } = serve();
    expect(await (await app.request('/echo/models')).json()).toEqual({ names: MODELS.map((m) => m.id) });
    expect(await (await app.request('/v1/models')).json()).toMatchObject({ object: 'list' });
    expect((await app.request('/health/nope')).status).toBe(404);
  });

  it('is refused at start when a route needs what the dialect lacks, or two dialects claim one path unconditioned', () => {
    const build = (extra: Dialect) => {
      const registry = defaultDialects();
      return () => createApp({ config: config(), backend: createFakeBackend(), dialects: { ...registry, dialects: [...registry.dialects, extra] }, log: silentLogger });
    };
    expect(build({ ...echoDialect, routes: [{ method: 'POST', path: '/echo/count', does: 'count-tokens' }] })).toThrow(/echo: POST \/echo\/count counts tokens/);
    expect(build({ ...echoDialect, routes: [{ method: 'POST', path: '/echo/say', does: 'generate', encoding: 'morse' }] })).toThrow(/"morse"/);
    expect(build({ ...echoDialect, routes: [{ method: 'GET', path: '/v1/models', does: 'list-models' }] })).toThrow(/GET \/v1\/models is served by .* and echo with no condition/);
  });
});
