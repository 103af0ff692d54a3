// The Cloud Code Assist upstream against the emulator: streaming, tool round trips with ids and
// signatures, error mapping, broken streams, client aborts, token counting and quota.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { checkEvents, foldEvents, isGatewayError, type CanonicalEvent, type CanonicalRequest, type GatewayError } from '../../src/canonical/index.js';
import { loadConfig } from '../../src/config/load-config.js';
import type { Config } from '../../src/config/schema.js';
import { createCodeAssistUpstream } from '../../src/upstreams/code-assist/index.js';
import type { Flavor } from '../../src/google/flavors.js';
import type { AccountContext, Upstream } from '../../src/upstreams/upstream.js';
import { rateLimitError } from '../emulator/google-error.js';
import { startEmulator, type Emulator } from '../emulator/server.js';
import { collect } from '../helpers/read-events.js';

let emu: Emulator;
let config: Readonly<Config>;
let upstream: Upstream;
let ids = 0;

function account(email: string, flavor: Flavor = 'antigravity'): AccountContext {
  const projectId = `project-${email.replace(/[^a-z0-9]/gi, '-')}`;
  return {
    id: email,
    email,
    record: { id: email, email, flavor, projectId, addedAt: '2026-01-01T00:00:00Z', state: 'active' },
    getAccessToken: async () => emu.state.issueAccessToken(email).token,
  };
}

const request = (over: Partial<CanonicalRequest> = {}): CanonicalRequest => ({
  model: 'gemini-3-flash',
  messages: [{ role: 'user', parts: [{ type: 'text', text: 'hello there' }] }],
  stream: true,
  requestId: 'req-1',
  ...over,
});


async function thrown(p: Promise<unknown>): Promise<GatewayError> {
  const e = await p.then(() => undefined, (err: unknown) => err);
  if (!isGatewayError(e)) throw new Error(`expected a GatewayError, got ${String(e)}`);
  return e;
}

const run = (model: string, req: CanonicalRequest, acct = account('a@example.com'), signal = new AbortController().signal) =>
  upstream.stream({ request: req, model, account: acct, signal });

beforeAll(async () => {
  emu = await startEmulator();
  config = await loadConfig({ ...emu.env, GATEWAY_HOME: '/nonexistent/gateway-test-home' });
  upstream = createCodeAssistUpstream(config, { newId: (prefix) => `${prefix}_test${++ids}` });
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.state.reset();
  emu.state.addAccount('a@example.com');
  emu.state.addAccount('cli@example.com');
});

describe('streaming', () => {
  it('answers with a well-formed event stream and sends the Cloud Code wrapper', async () => {
    const events = await collect(run('gemini-3-flash', request()));
    expect(checkEvents(events)).toEqual([]);
    const res = await foldEvents((async function* () { yield* events; })());
    expect(res.content).toEqual([{ type: 'text', text: 'Echo: hello there' }]);
    expect(res.finishReason).toBe('stop');
    expect(res.usage.inputTokens).toBeGreaterThan(0);

    const [call] = emu.state.calls('streamGenerateContent');
    expect(call?.query).toEqual({ alt: 'sse' });
    expect(call?.headers['x-client-name']).toBe('antigravity');
    expect(call?.headers['x-machine-session-id']).toMatch(/^[0-9a-f]{32}$/);
    const body = call?.body as Record<string, unknown>;
    expect(body).toMatchObject({ model: 'gemini-3-flash', project: 'project-a-example-com', userAgent: 'antigravity', requestType: 'agent' });
    expect(body.requestId).toMatch(/^agent-[0-9a-f-]{36}$/);
    expect(body.request).toMatchObject({
      contents: [{ role: 'user', parts: [{ text: 'hello there' }] }],
      sessionId: call?.headers['x-machine-session-id'],
    });
  });

  it('sends user_prompt_id for the gemini-cli flavor', async () => {
    await collect(run('gemini-2.5-flash', request(), account('cli@example.com', 'gemini-cli')));
    const body = emu.state.calls('streamGenerateContent')[0]?.body as Record<string, unknown>;
    expect(body.user_prompt_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.requestId).toBeUndefined();
    expect(emu.state.calls('streamGenerateContent')[0]?.headers['client-metadata']).toContain('pluginType=GEMINI');
  });

  it('returns thinking blocks with their signatures', async () => {
    const events = await collect(run('gemini-3-flash', request({ thinking: { enabled: true, effort: 'low' } })));
    expect(checkEvents(events)).toEqual([]);
    const res = await foldEvents((async function* () { yield* events; })());
    expect(res.content[0]).toMatchObject({ type: 'thinking', text: 'Thinking about: hello there' });
    expect((res.content[0] as { signature?: string }).signature?.length).toBeGreaterThan(50);
    const body = emu.state.calls('streamGenerateContent')[0]?.body as { request: { generationConfig: unknown } };
    expect(body.request.generationConfig).toEqual({ thinkingConfig: { includeThoughts: true, thinkingLevel: 'low' } });
  });
});

describe('tool round trip', () => {
  const tools = [{ name: 'Read', description: 'Reads a file', parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'], additionalProperties: false } }];

  it('Gemini: a call without an id gets one, and its signature comes back even when the client drops it', async () => {
    const first = await foldEvents(run('gemini-3-flash', request({ tools, messages: [{ role: 'user', parts: [{ type: 'text', text: 'call Read please' }] }] })));
    expect(first.finishReason).toBe('tool-calls');
    const call = first.content.find((p) => p.type === 'tool-call');
    expect(call).toMatchObject({ type: 'tool-call', name: 'Read', input: { path: 'example' } });
    expect(call?.type === 'tool-call' && call.id).toMatch(/^toolu_test\d+$/);
    const signature = call?.type === 'tool-call' ? call.signature : undefined;
    expect(signature?.length).toBeGreaterThan(50);
    if (call?.type !== 'tool-call') throw new Error('no call');

    emu.state.reset();
    const dropped = { ...call, signature: undefined };
    delete dropped.signature;
    const second = await foldEvents(
      run('gemini-3-flash', request({
        tools,
        messages: [
          { role: 'user', parts: [{ type: 'text', text: 'call Read please' }] },
          { role: 'assistant', parts: [dropped] },
          { role: 'user', parts: [{ type: 'tool-result', callId: call.id, content: [{ type: 'text', text: 'file body' }] }] },
        ],
      })),
    );
    expect(second.content).toEqual([{ type: 'text', text: 'Tool results: Read → {"output":"file body"}' }]);
    const sent = (emu.state.calls('streamGenerateContent')[0]?.body as { request: { contents: unknown[] } }).request.contents;
    expect(sent[1]).toEqual({ role: 'model', parts: [{ functionCall: { id: call.id, name: 'Read', args: { path: 'example' } }, thoughtSignature: signature }] });
    expect(sent[2]).toEqual({ role: 'user', parts: [{ functionResponse: { id: call.id, name: 'Read', response: { output: 'file body' } } }] });
  });

  it('Claude: ids travel both ways and errors go back as {error}', async () => {
    const first = await foldEvents(run('claude-sonnet-4-6', request({ tools, messages: [{ role: 'user', parts: [{ type: 'text', text: 'use Read' }] }] })));
    const call = first.content.find((p) => p.type === 'tool-call');
    if (call?.type !== 'tool-call') throw new Error('no call');
    expect(call.id).toMatch(/^toolu_emu_/);
    emu.state.reset();
    await foldEvents(
      run('claude-sonnet-4-6', request({
        tools,
        messages: [
          { role: 'user', parts: [{ type: 'text', text: 'use Read' }] },
          { role: 'assistant', parts: [{ type: 'text', text: 'Reading.' }, call] },
          { role: 'user', parts: [{ type: 'tool-result', callId: call.id, isError: true, content: [{ type: 'text', text: 'no such file' }] }] },
        ],
      })),
    );
    const sent = (emu.state.calls('streamGenerateContent')[0]?.body as { request: { contents: Array<{ parts: unknown[] }> } }).request.contents;
    expect(sent[1]?.parts[1]).toEqual({ functionCall: { id: call.id, name: 'Read', args: { path: 'example' } } });
    expect(sent[2]?.parts[0]).toEqual({ functionResponse: { id: call.id, name: 'Read', response: { error: 'no such file' } } });
  });
});

describe('errors', () => {
  it('maps a 429 with RetryInfo before the first event', async () => {
    emu.state.enqueue({ method: 'streamGenerateContent', status: 429, body: rateLimitError('QUOTA_EXHAUSTED', { retryDelay: '3.5s' }) });
    const e = await thrown(collect(run('gemini-3-flash', request())));
    expect(e.kind).toBe('rate_limited');
    expect(e.retryAfterMs).toBe(3500);
    expect(e.upstream?.reason).toBe('QUOTA_EXHAUSTED');
  });

  it('keeps Google\'s message on 400', async () => {
    emu.state.enqueue({ method: 'streamGenerateContent', status: 400, body: { error: { code: 400, message: 'Unknown name "foo"', status: 'INVALID_ARGUMENT' } } });
    const e = await thrown(collect(run('gemini-3-flash', request())));
    expect(e.kind).toBe('invalid_request');
    expect(e.message).toBe('Unknown name "foo"');
  });

  it('is not_found for a model the account does not have', async () => {
    const e = await thrown(collect(run('gemini-0-imaginary', request())));
    expect(e.kind).toBe('not_found');
  });

  it('is auth when the token is not accepted', async () => {
    const bad = { ...account('a@example.com'), getAccessToken: async () => 'ya29.not-issued' };
    const e = await thrown(collect(run('gemini-3-flash', request(), bad)));
    expect(e.kind).toBe('auth');
    expect(e.upstream?.code).toBe('UNAUTHENTICATED');
  });

  it('is upstream when the connection drops before headers', async () => {
    emu.state.enqueue({ method: 'streamGenerateContent', drop: 'before-headers' });
    const e = await thrown(collect(run('gemini-3-flash', request())));
    expect(e.kind).toBe('upstream');
  });

  it('ends with an error event when the stream is cut midway', async () => {
    const local = await startEmulator({ streamChunks: 4 });
    try {
      local.state.addAccount('a@example.com');
      local.state.enqueue({ method: 'streamGenerateContent', parts: [{ text: 'one two three four five six' }], drop: { afterEvents: 2 } });
      const cfg = await loadConfig({ ...local.env, GATEWAY_HOME: '/nonexistent/gateway-test-home' });
      const up = createCodeAssistUpstream(cfg);
      const acct = { ...account('a@example.com'), getAccessToken: async () => local.state.issueAccessToken('a@example.com').token };
      const events = await collect(up.stream({ request: request(), model: 'gemini-3-flash', account: acct, signal: new AbortController().signal }));
      expect(checkEvents(events)).toEqual([]);
      expect(events[0]?.type).toBe('message-start');
      expect(events.some((e) => e.type === 'text-delta')).toBe(true);
      const last = events[events.length - 1];
      expect(last?.type).toBe('error');
      expect(last?.type === 'error' && last.error.kind).toBe('upstream');
    } finally {
      await local.close();
    }
  });

  it('retries an empty answer once, then fails clearly', async () => {
    emu.state.enqueue({ method: 'streamGenerateContent', parts: [], times: 1 });
    const ok = await foldEvents(run('gemini-3-flash', request()));
    expect(ok.content).toEqual([{ type: 'text', text: 'Echo: hello there' }]);
    expect(emu.state.calls('streamGenerateContent')).toHaveLength(2);

    emu.state.reset();
    emu.state.enqueue({ method: 'streamGenerateContent', parts: [], times: 2 });
    const e = await thrown(collect(run('gemini-3-flash', request())));
    expect(e.message).toMatch(/empty answer/);
    expect(emu.state.calls('streamGenerateContent')).toHaveLength(2);
  });
});

describe('abort', () => {
  it('closes the upstream connection when the caller aborts', async () => {
    const local = await startEmulator({ streamChunks: 20, chunkDelayMs: 50 });
    try {
      local.state.addAccount('a@example.com');
      const cfg = await loadConfig({ ...local.env, GATEWAY_HOME: '/nonexistent/gateway-test-home' });
      const up = createCodeAssistUpstream(cfg);
      const acct = { ...account('a@example.com'), getAccessToken: async () => local.state.issueAccessToken('a@example.com').token };
      const ctl = new AbortController();
      const events: CanonicalEvent[] = [];
      const longText = 'x'.repeat(400);
      local.state.enqueue({ method: 'streamGenerateContent', parts: [{ text: longText }] });
      for await (const ev of up.stream({ request: request(), model: 'gemini-3-flash', account: acct, signal: ctl.signal })) {
        events.push(ev);
        if (ev.type === 'text-delta') ctl.abort();
      }
      expect(events.some((e) => e.type === 'finish')).toBe(false);
      await vi.waitFor(() => expect(local.state.abortedStreams).toBe(1), { timeout: 10_000 });
    } finally {
      await local.close();
    }
  });
});

describe('countTokens and quota', () => {
  it('counts tokens with models/<id>', async () => {
    const n = await upstream.countTokens({ request: request({ system: 'Be brief.' }), model: 'gemini-3-flash', account: account('a@example.com'), signal: new AbortController().signal });
    expect(n).toBeGreaterThan(0);
    const body = emu.state.calls('countTokens')[0]?.body as { request: { model: string; contents: unknown[] } };
    expect(body.request.model).toBe('models/gemini-3-flash');
    expect(body.request.contents).toEqual([{ role: 'user', parts: [{ text: 'Be brief.' }, { text: 'hello there' }] }]);
  });

  it('reads fetchAvailableModels with the proto3 zero rule', async () => {
    emu.state.addAccount('a@example.com', {
      quota: {
        'gemini-3-flash': { remainingFraction: 0.83, resetTime: '2026-11-23T18:00:00Z', displayName: 'Gemini 3 Flash' },
        'claude-sonnet-4-6': { resetTime: '2026-11-23T19:00:00Z' },
      },
    });
    const q = await upstream.fetchQuota(account('a@example.com'));
    expect(q).toEqual([
      { model: 'gemini-3-flash', displayName: 'Gemini 3 Flash', remainingFraction: 0.83, resetTime: '2026-11-23T18:00:00Z' },
      { model: 'claude-sonnet-4-6', displayName: 'Claude Sonnet 4.6', remainingFraction: 0, resetTime: '2026-11-23T19:00:00Z' },
    ]);
    expect(emu.state.calls('fetchAvailableModels')[0]?.body).toEqual({ project: 'project-a-example-com' });
  });

  it('reads retrieveUserQuota for gemini-cli accounts', async () => {
    emu.state.addAccount('cli@example.com', { quota: { 'gemini-2.5-pro': { remainingFraction: 0.5, resetTime: '2026-11-24T00:00:00Z' }, 'gemini-2.5-flash': { resetTime: '2026-11-24T00:00:00Z' } } });
    const q = await upstream.fetchQuota(account('cli@example.com', 'gemini-cli'));
    expect(q).toEqual([
      { model: 'gemini-2.5-pro', remainingFraction: 0.5, resetTime: '2026-11-24T00:00:00Z' },
      { model: 'gemini-2.5-flash', remainingFraction: 0, resetTime: '2026-11-24T00:00:00Z' },
    ]);
  });
});
