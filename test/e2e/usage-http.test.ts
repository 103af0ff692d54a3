// The HTTP side of usage, in-process with app.request() and a fake backend: list prices in every
// model list, usage records for answers read through a web Response (no node:http), /usage when
// the ledger is off.
import { describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/schema.js';
import { createLogger } from '../../src/log/logger.js';
import { createRequestFeed } from '../../src/usage/request-feed.js';
import type { RequestRecord } from '../../src/usage/request-record.js';
import { createInProcessApp } from '../helpers/in-process-app.js';

async function app(over: Partial<Config> = {}, lines: string[] = []) {
  const requestFeed = createRequestFeed();
  const log = createLogger({ level: 'info', write: (l) => lines.push(l) });
  return { requestFeed, app: await createInProcessApp({ config: over, log, requestFeed }) };
}

const chat = (stream: boolean) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', 'user-agent': 'OpenAI/JS 6.1.0', 'x-request-id': `http-${stream}` },
  body: JSON.stringify({ model: 'gemini-3-flash', stream, messages: [{ role: 'user', content: 'hi' }] }),
});

describe('usage over HTTP', () => {
  it('puts each model list price in every model list, overridable by config.json "prices"', async () => {
    const { app: a } = await app({ prices: { 'claude-sonnet-4-6': { input: 1, output: 2, cached: 0.5 } } });
    const openai = (await (await a.request('/v1/models')).json()) as { data: Array<{ id: string; pricing?: unknown }> };
    expect(openai.data.find((m) => m.id === 'gemini-3-flash')?.pricing).toEqual({ currency: 'USD', input_per_million: 0.5, output_per_million: 3, cached_input_per_million: 0.05 });
    expect(openai.data.find((m) => m.id === 'claude-sonnet-4-6')?.pricing).toEqual({ currency: 'USD', input_per_million: 1, output_per_million: 2, cached_input_per_million: 0.5 });
    const anthropic = (await (await a.request('/v1/models', { headers: { 'anthropic-version': '2023-06-01' } })).json()) as { data: Array<{ id: string; pricing?: unknown }> };
    expect(anthropic.data[0]).toMatchObject({ type: 'model', pricing: { currency: 'USD', input_per_million: expect.any(Number) } });
    const gemini = (await (await a.request('/v1beta/models')).json()) as { models: Array<{ name: string; pricing?: unknown }> };
    expect(gemini.models.find((m) => m.name === 'models/gemini-3-flash')?.pricing).toEqual({ currency: 'USD', inputPerMillion: 0.5, outputPerMillion: 3, cachedInputPerMillion: 0.05 });
    expect(await (await a.request('/v1beta/models/gemini-3-flash')).json()).toMatchObject({ pricing: { inputPerMillion: 0.5 } });
  });

  it('publishes one record per answer, a stream once its body has been read', async () => {
    const lines: string[] = [];
    const { app: a, requestFeed } = await app({}, lines);
    const seen: RequestRecord[] = [];
    requestFeed.subscribe((r) => seen.push(r));
    const folded = await a.request('/v1/chat/completions', chat(false));
    expect(folded.status).toBe(200);
    expect(seen).toHaveLength(1);
    const streamed = await a.request('/v1/chat/completions', chat(true));
    expect(seen).toHaveLength(1);
    await streamed.text();
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen.map((r) => [r.id, r.streamed, r.status, r.inputTokens, r.outputTokens, r.client])).toEqual([
      ['http-false', false, 200, 3, 2, 'openai-js'],
      ['http-true', true, 200, 3, 2, 'openai-js'],
    ]);
    expect(seen[0]?.costUsd).toBeGreaterThan(0);
    expect(lines.find((l) => l.includes('id=http-false'))).toMatch(/model=gemini-3-flash .*tokensIn=3 tokensOut=2/);
  });

  it('answers /usage with 503 in the OpenAI shape when there is no ledger', async () => {
    const res = await (await app()).app.request('/usage');
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ error: { message: expect.stringContaining('usage ledger is off') } });
  });
});
