// The usage ledger end to end: requests through the real server and pool against the emulator
// leave one row each in usage.db (streamed, folded, failed over, failed, cut midway), with the
// account, attempts and tokens the pool and the stream reported; the access log line carries the
// same; rows survive a restart; `gateway usage` and GET /usage report the same numbers.
import { OpenAI } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { createLogger } from '../../src/log/logger.js';
import { startServer } from '../../src/server/serve.js';
import type { RequestRecord } from '../../src/usage/request-record.js';
import type { UsageReport } from '../../src/usage/usage-report.js';
import { createFakeBackend } from '../helpers/fake-backend.js';
import { ledgerRow, ledgerRows } from '../helpers/ledger-rows.js';
import { startGateway } from '../helpers/start-gateway.js';
import { A, B, C, googleRateLimit, MODEL, setFractions, startPoolGateway, type PoolGateway } from '../helpers/pool-gateway.js';

const KEY = 'sk-ledger-test';

function memoryStream(): NodeJS.WritableStream & { text(): string } {
  let text = '';
  return Object.assign(
    { write: (s: string | Uint8Array) => ((text += String(s)), true) },
    { text: () => text },
  ) as unknown as NodeJS.WritableStream & { text(): string };
}

describe('usage ledger', () => {
  let gw: PoolGateway;
  let client: OpenAI;
  const logLines: string[] = [];
  beforeAll(async () => {
    gw = await startPoolGateway({
      env: { GATEWAY_API_KEY: KEY },
      emulatorOptions: { streamChunks: 4 },
      log: createLogger({ level: 'info', write: (line) => logLines.push(line) }),
    });
    client = new OpenAI({ apiKey: KEY, baseURL: `${gw.url}/v1`, maxRetries: 0 });
    await setFractions(gw, { [A]: 0.9, [B]: 0.2, [C]: 0.5 });
  });
  afterAll(() => gw?.close());

  const ask = (id: string) =>
    client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'tell me more' }] }, { headers: { 'x-request-id': id } });
  const askStream = (id: string) =>
    client.chat.completions.create({ model: MODEL, stream: true, messages: [{ role: 'user', content: 'tell me more' }] }, { headers: { 'x-request-id': id } });

  const rowOf = (id: string) => {
    gw.server.ledger!.flush();
    return ledgerRow(gw.home, id);
  };

  it('records a streamed answer: account, tokens, first byte, key label, client; the access log line says the same', async () => {
    gw.emulator.state.reset();
    const stream = await client.chat.completions.create(
      { model: MODEL, stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'tell me more' }] },
      { headers: { 'x-request-id': 'ledger-streamed' } },
    );
    let usage: OpenAI.CompletionUsage | undefined;
    for await (const chunk of stream) usage ??= chunk.usage ?? undefined;
    const row = rowOf('ledger-streamed');
    expect(row).toMatchObject({
      dialect: 'openai-chat',
      route: 'POST /v1/chat/completions',
      key_label: 'default',
      client: 'openai-js',
      model_asked: MODEL,
      model_served: MODEL,
      account: A,
      flavor: 'antigravity',
      strategy: 'quota',
      attempts: 1,
      failovers: 0,
      status: 200,
      error_kind: null,
      streamed: 1,
      input_tokens: usage!.prompt_tokens,
      output_tokens: usage!.completion_tokens,
    });
    expect(row.input_tokens).toBeGreaterThan(0);
    expect(row.ttfb_ms).toEqual(expect.any(Number));
    expect(row.latency_ms as number).toBeGreaterThanOrEqual(row.ttfb_ms as number);
    // gemini-3-flash has a list price: the row carries what the tokens would have cost.
    expect(row.cost_usd as number).toBeGreaterThan(0);
    const line = logLines.find((l) => l.includes('id=ledger-streamed') && l.includes(' request '));
    expect(line).toContain(`model=${MODEL}`);
    expect(line).toContain(`served=${MODEL}`);
    expect(line).toContain(`account=${A}`);
    expect(line).toContain(`tokensIn=${usage!.prompt_tokens}`);
    expect(line).toContain(`tokensOut=${usage!.completion_tokens}`);
  });

  it('records a folded answer, and the live feed gets the same record', async () => {
    const seen: RequestRecord[] = [];
    const stop = gw.server.requestFeed.subscribe((r) => seen.push(r));
    const res = await ask('ledger-folded');
    stop();
    const row = rowOf('ledger-folded');
    expect(row).toMatchObject({ streamed: 0, status: 200, account: A, attempts: 1, input_tokens: res.usage!.prompt_tokens, output_tokens: res.usage!.completion_tokens });
    expect(seen.map((r) => r.id)).toEqual(['ledger-folded']);
    expect(seen[0]).toMatchObject({ account: A, status: 200, streamed: false, inputTokens: res.usage!.prompt_tokens });
    expect(gw.server.requestFeed.recent(1)[0]?.id).toBe('ledger-folded');
  });

  it('records a request that failed over: two attempts, one failover, served by the next account', async () => {
    gw.emulator.state.enqueue({ account: A, status: 429, body: googleRateLimit('RATE_LIMIT_EXCEEDED', '30s') });
    await ask('ledger-failover');
    expect(rowOf('ledger-failover')).toMatchObject({ status: 200, account: C, attempts: 2, failovers: 1, error_kind: null });
  });

  it('records a request Google refused: the status sent and the error kind, no tokens', async () => {
    gw.emulator.state.enqueue({ method: 'streamGenerateContent', status: 400, body: { error: { code: 400, message: 'Unknown name "foo"', status: 'INVALID_ARGUMENT' } } });
    await expect(askStream('ledger-failed')).rejects.toMatchObject({ status: 400 });
    expect(rowOf('ledger-failed')).toMatchObject({ status: 400, error_kind: 'invalid_request', attempts: 1, failovers: 0, input_tokens: 0, output_tokens: 0, streamed: 1, ttfb_ms: null });
  });

  it('records a stream cut midway as a 200 with the error kind', async () => {
    gw.emulator.state.enqueue({ method: 'streamGenerateContent', drop: { afterEvents: 1 } });
    const stream = await askStream('ledger-cut');
    await expect((async () => { for await (const chunk of stream) void chunk; })()).rejects.toThrow();
    expect(rowOf('ledger-cut')).toMatchObject({ status: 200, error_kind: 'upstream', streamed: 1, attempts: 1 });
  });

  it('records token counting, which reaches the pool too', async () => {
    const res = await fetch(`${gw.url}/v1/messages/count_tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': KEY, 'x-request-id': 'ledger-count' },
      body: JSON.stringify({ model: MODEL, messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(res.status).toBe(200);
    expect(rowOf('ledger-count')).toMatchObject({ dialect: 'anthropic', route: 'POST /v1/messages/count_tokens', status: 200, attempts: 1 });
  });

  it('names the Gemini method, not the model, in the route', async () => {
    const res = await fetch(`${gw.url}/v1beta/models/${MODEL}:generateContent`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-goog-api-key': KEY, 'x-request-id': 'ledger-gemini' },
      body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }] }),
    });
    expect(res.status).toBe(200);
    expect(rowOf('ledger-gemini')).toMatchObject({ dialect: 'gemini', route: 'POST /v1beta/models/{model}:generateContent' });
  });

  it('leaves out requests that never reached the pool', async () => {
    const bad = await fetch(`${gw.url}/v1/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' }, body: '{' });
    expect(bad.status).toBe(400);
    await fetch(`${gw.url}/health`, { headers: { authorization: `Bearer ${KEY}` } });
    gw.server.ledger!.flush();
    expect(ledgerRows(gw.home).map((r) => r.request_id)).toEqual([
      'ledger-streamed', 'ledger-folded', 'ledger-failover', 'ledger-failed', 'ledger-cut', 'ledger-count', 'ledger-gemini',
    ]);
  });

  it('/usage answers the report, with 400 for a bad filter and 401 without the key', async () => {
    const since = new Date(Date.now() - 3_600_000).toISOString();
    const res = await fetch(`${gw.url}/usage?since=${since}&by=account`, { headers: { authorization: `Bearer ${KEY}` } });
    const report = (await res.json()) as UsageReport;
    expect(report.by).toBe('account');
    expect(report.totals).toMatchObject({ requests: 7, errors: 2, failedOver: 1, streamed: 3 });
    // A cools down after its 429, so the requests after that one went to C.
    const perAccount = new Map<unknown, number>();
    for (const r of ledgerRows(gw.home)) perAccount.set(r.account, (perAccount.get(r.account) ?? 0) + 1);
    expect(new Map(report.groups.map((g) => [g.key, g.requests]))).toEqual(perAccount);
    expect([...perAccount.keys()].sort()).toEqual([A, C]);
    const bad = await fetch(`${gw.url}/usage?since=yesterday`, { headers: { authorization: `Bearer ${KEY}` } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { param: 'since', message: expect.stringContaining('24h') } });
    expect((await fetch(`${gw.url}/usage`)).status).toBe(401);
  });

  it('records a model no account serves: the 404, the strategy, no attempt', async () => {
    await expect(
      client.chat.completions.create({ model: 'no-such-model', messages: [{ role: 'user', content: 'hi' }] }, { headers: { 'x-request-id': 'ledger-404' } }),
    ).rejects.toMatchObject({ status: 404 });
    expect(rowOf('ledger-404')).toMatchObject({ status: 404, error_kind: 'not_found', strategy: 'quota', attempts: 0, model_asked: 'no-such-model', model_served: null, account: null });
  });
});

describe('usage ledger and a client that leaves', () => {
  it('records 499 and client_closed for a stream the client abandoned', async () => {
    const gw = await startPoolGateway({ accounts: [A], emulatorOptions: { streamChunks: 6, chunkDelayMs: 50 } });
    try {
      const recorded = new Promise<RequestRecord>((resolve) => gw.server.requestFeed.subscribe(resolve));
      const ac = new AbortController();
      const res = await fetch(`${gw.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'ledger-gone' },
        body: JSON.stringify({ model: MODEL, stream: true, messages: [{ role: 'user', content: 'a long story' }] }),
        signal: ac.signal,
      });
      await res.body!.getReader().read();
      ac.abort();
      expect(await recorded).toMatchObject({ id: 'ledger-gone', status: 499, errorKind: 'client_closed', streamed: true, account: A });
      gw.server.ledger!.flush();
      expect(ledgerRow(gw.home, 'ledger-gone')).toMatchObject({ status: 499, error_kind: 'client_closed' });
    } finally {
      await gw.close();
    }
  });
});

describe('usage ledger and a client that leaves before the first byte', () => {
  it('records 499 and client_closed, not the error the gateway would have rendered', async () => {
    let reached!: () => void;
    const waiting = new Promise<void>((resolve) => (reached = resolve));
    const backend = createFakeBackend({
      reply: (_req, signal) =>
        (async function* () {
          reached();
          await new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error)));
        })(),
    });
    const gw = await startGateway({ accounts: [], backend });
    try {
      const recorded = new Promise<RequestRecord>((resolve) => gw.server.requestFeed.subscribe(resolve));
      const ac = new AbortController();
      const res = fetch(`${gw.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: MODEL, messages: [{ role: 'user', content: 'hi' }] }),
        signal: ac.signal,
      });
      await waiting;
      ac.abort();
      await expect(res).rejects.toThrow();
      expect(await recorded).toMatchObject({ status: 499, errorKind: 'client_closed', streamed: false });
    } finally {
      await gw.close();
    }
  });
});

describe('usage ledger across a restart', () => {
  it('keeps its rows, and `gateway usage --json` reports what /usage does', async () => {
    const gw = await startPoolGateway({ accounts: [A] });
    try {
      for (const stream of [false, true]) {
        const r = await gw.client.chat.completions.create({ model: MODEL, stream, messages: [{ role: 'user', content: 'hi' }] });
        if (stream) for await (const chunk of r as AsyncIterable<unknown>) void chunk;
      }
      // Closing writes the last batch; a new server on the same home reads it back.
      await gw.server.close(0);
      const again = await startServer({ config: gw.config, backend: gw.backend });
      try {
        const since = new Date(Date.now() - 3_600_000).toISOString();
        const served = (await (await fetch(`${again.url}/usage?since=${since}&by=model`)).json()) as UsageReport;
        expect(served.totals).toMatchObject({ requests: 2, streamed: 1, errors: 0 });
        const stdout = memoryStream();
        const stderr = memoryStream();
        const code = await main(['node', 'gateway', 'usage', '--json', '--since', since, '--by', 'model'], { env: { GATEWAY_HOME: gw.home }, stdout, stderr });
        expect(stderr.text()).toBe('');
        expect(code).toBe(0);
        const printed = JSON.parse(stdout.text()) as UsageReport;
        expect({ ...printed, until: '' }).toEqual({ ...served, until: '' });
      } finally {
        await again.close(0);
      }
    } finally {
      await gw.close();
    }
  });
});
