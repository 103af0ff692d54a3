// Issue 11 row 6 through the real server and emulator: an upstream that accepts and then sends
// nothing fails within the request budget (all attempts together), and a streaming client hears
// within the keep-alive delay that the gateway is working, in its own dialect. Small configured
// budgets and delays, no real long waits and no timed assertions.
import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestRecord } from '../../src/usage/request-record.js';
import { startGateway, type Gateway } from '../helpers/start-gateway.js';

const MODEL = 'gemini-3-flash';
const json = { 'content-type': 'application/json' };
let gw: Gateway;

beforeAll(async () => {
  gw = await startGateway({
    accounts: ['alice@example.com', 'bob@example.com', 'carol@example.com'],
    // Each attempt alone would wait 30 s for a first byte; the request budget ends it far sooner.
    config: { requestBudgetMs: 300, upstreamTimeoutMs: 30_000, keepAliveDelayMs: 50 },
    pingIntervalMs: 100,
    emulatorOptions: { faults: { hang: true } },
  });
});
afterAll(() => gw.close());

async function text(res: Response): Promise<string> {
  return new TextDecoder().decode(await res.arrayBuffer());
}

describe('a silent upstream (row 6)', () => {
  it('a folded answer fails with 504 within the request budget, naming the knob', async () => {
    const res = await fetch(`${gw.url}/v1/chat/completions`, { method: 'POST', headers: json, body: JSON.stringify({ model: MODEL, messages: [{ role: 'user', content: 'hi' }] }) });
    expect(res.status).toBe(504);
    expect(await res.json()).toMatchObject({ error: { type: 'server_error', message: expect.stringMatching(/request budget of 0\.3 s.*requestBudgetMs/) } });
  });

  it('records the 504 as the budget running out, not as a client that left', async () => {
    const recorded = new Promise<RequestRecord>((resolve) => {
      const stop = gw.server.requestFeed.subscribe((r) => {
        if (r.id !== 'budget-record') return;
        stop();
        resolve(r);
      });
    });
    const res = await fetch(`${gw.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { ...json, 'x-request-id': 'budget-record' },
      body: JSON.stringify({ model: MODEL, messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(res.status).toBe(504);
    expect(await recorded).toMatchObject({ status: 504, errorKind: 'timeout' });
  });

  it('an Anthropic stream gets its headers and a ping before the first event, then an error event', async () => {
    const res = await fetch(`${gw.url}/v1/messages`, {
      method: 'POST',
      headers: { ...json, 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({ model: MODEL, max_tokens: 10, stream: true, messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const body = await text(res);
    expect(body.startsWith('event: ping\ndata: {"type":"ping"}\n\n')).toBe(true);
    expect(body.trimEnd()).toMatch(/event: error\ndata: \{"type":"error","error":\{"type":"api_error","message":"No answer began within the gateway's request budget/);
    // The SDK reads it as an API error, not a broken stream.
    const anthropic = new Anthropic({ apiKey: 'test', baseURL: gw.url, maxRetries: 0 });
    await expect(anthropic.messages.stream({ model: MODEL, max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }).finalMessage()).rejects.toThrow(/request budget/);
  });

  it('an OpenAI chat stream gets an SSE comment first, then the error chunk', async () => {
    const res = await fetch(`${gw.url}/v1/chat/completions`, { method: 'POST', headers: json, body: JSON.stringify({ model: MODEL, stream: true, messages: [{ role: 'user', content: 'hi' }] }) });
    expect(res.status).toBe(200);
    const body = await text(res);
    expect(body.startsWith(': ping\n\n')).toBe(true);
    expect(body.trimEnd()).toMatch(/data: \{"error":\{"message":"No answer began within the gateway's request budget.*"type":"server_error"/);
  });

  it('a Responses stream says created, keeps alive, then fails the response', async () => {
    const res = await fetch(`${gw.url}/v1/responses`, { method: 'POST', headers: json, body: JSON.stringify({ model: MODEL, stream: true, input: 'hi' }) });
    expect(res.status).toBe(200);
    const body = await text(res);
    expect(body.indexOf('event: response.created')).toBeLessThan(body.indexOf(': keepalive'));
    expect(body).toMatch(/event: response\.failed/);
  });

  it('a Gemini stream keeps alive in both of its forms, then sends the error', async () => {
    const request = JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }] });
    const sse = await fetch(`${gw.url}/v1beta/models/${MODEL}:streamGenerateContent?alt=sse`, { method: 'POST', headers: json, body: request });
    expect(sse.status).toBe(200);
    const sseBody = await text(sse);
    expect(sseBody.startsWith(': keepalive\r\n\r\n')).toBe(true);
    expect(sseBody).toMatch(/data: \{"error":\{"code":504,.*"status":"DEADLINE_EXCEEDED"/);
    // Without alt=sse the answer is one JSON array: whitespace keeps it alive and it still parses.
    const array = await fetch(`${gw.url}/v1beta/models/${MODEL}:streamGenerateContent`, { method: 'POST', headers: json, body: request });
    const parsed = JSON.parse(await text(array)) as Array<{ error?: { code: number } }>;
    expect(parsed.at(-1)?.error?.code).toBe(504);
  });

  it('gives up every silent call it made', async () => {
    for (let i = 0; gw.emulator.state.faultCounters.hanging > 0; i++) {
      if (i > 300) throw new Error(`${gw.emulator.state.faultCounters.hanging} calls still hang`);
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(gw.emulator.state.faultCounters.hung).toBeGreaterThan(0);
  });
});

// Failures before the keep-alive delay keep their real HTTP status: server-stream.test.ts
// ('answers a failure before the first event with a real status') runs with the default delay.
