// The dashboard's server side without a browser: its files (public, locked down by CSP), the live
// log stream, the one-time login link, the account switches and the same-origin rule for admin POSTs.
import { afterEach, describe, expect, it } from 'vitest';
import type { PoolBackend } from '../../src/pool/index.js';
import { readAccounts } from '../../src/store/accounts-file.js';
import { createRequestFeed, type RequestFeed } from '../../src/usage/request-feed.js';
import type { RequestRecord } from '../../src/usage/request-record.js';
import { methodOf } from '../emulator/state.js';
import { rawRequest } from '../helpers/raw-request.js';
import { startGateway, type Gateway, type StartGatewayOptions } from '../helpers/start-gateway.js';

const KEY = 'dash-key';
const A = 'alice@example.com';
const B = 'bob@example.com';
const auth = { authorization: `Bearer ${KEY}` };

let gw: Gateway | undefined;
afterEach(async () => {
  await gw?.close();
  gw = undefined;
});
const start = async (opts: StartGatewayOptions = {}): Promise<Gateway> =>
  (gw = await startGateway({ accounts: [A, B], env: { GATEWAY_API_KEY: KEY }, ...opts }));

const ask = (g: Gateway, id: string, model = 'gemini-3-flash'): Promise<Response> =>
  fetch(`${g.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json', 'x-request-id': id },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] }),
  });

/** Waits for a condition the server reaches on its own (a closed socket noticed), without a fixed sleep. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((r) => setTimeout(r, 5));
}

/** Reads server-sent events until `stop` says enough; returns [event, data] pairs. */
async function readEvents(res: Response, stop: (events: Array<[string, unknown]>) => boolean): Promise<Array<[string, unknown]>> {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const events: Array<[string, unknown]> = [];
  let buffer = '';
  while (!stop(events)) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let end;
    while ((end = buffer.indexOf('\n\n')) !== -1) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const name = /^event: (.+)$/m.exec(block)?.[1];
      const data = /^data: (.+)$/m.exec(block)?.[1];
      if (name && data) events.push([name, JSON.parse(data)]);
    }
  }
  await reader.cancel();
  return events;
}

describe('dashboard files', () => {
  it('are served without the key, with a CSP that keeps the page to its own origin', async () => {
    const g = await start();
    const redirect = await fetch(`${g.url}/ui`, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toBe('/ui/');
    const page = await fetch(`${g.url}/ui/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'.*script-src 'self'.*connect-src 'self'.*frame-ancestors 'none'/);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await page.text();
    expect(html).toContain('vendor/chart.umd.min.js');
    expect(html).not.toMatch(/https?:\/\//);

    const js = await fetch(`${g.url}/ui/js/main.js`);
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    const chart = await fetch(`${g.url}/ui/vendor/chart.umd.min.js`);
    expect(chart.status).toBe(200);
    expect(await chart.text()).toMatch(/Chart\.js v4/);

    // No way out of ui/ (an encoded `..` is resolved before routing, so it leaves /ui/ and meets the key).
    for (const path of ['/ui/nope.js', '/ui/%2e%2e/package.json', '/ui/..%2fpackage.json', '/ui/.hidden.js', '/ui/js/../../package.json']) {
      const res = await rawRequest(`${g.url}${path}`);
      expect([401, 404], path).toContain(res.status);
      expect(res.text, path).not.toContain('"devDependencies"');
    }
    // Data is not public: the stream and the API routes still need the key.
    expect((await fetch(`${g.url}/ui/api/requests/stream`)).status).toBe(401);
    expect((await fetch(`${g.url}/account-limits`)).status).toBe(401);
  });
});

describe('live request log', () => {
  it('sends the recent requests, then each new one, and lets go of the feed when the page leaves', async () => {
    const feed = createRequestFeed();
    let listeners = 0;
    const counting: RequestFeed = {
      ...feed,
      subscribe(listener) {
        listeners++;
        const stop = feed.subscribe(listener);
        return () => {
          listeners--;
          stop();
        };
      },
    };
    const g = await start({ requestFeed: counting });
    // The usage ledger listens too; only the page's subscription comes and goes.
    const before = listeners;
    expect((await ask(g, 'req_before')).status).toBe(200);

    const res = await fetch(`${g.url}/ui/api/requests/stream`, { headers: auth });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    let sent = false;
    const events = await readEvents(res, (evs) => {
      if (!sent && evs.some(([n]) => n === 'ready')) {
        sent = true;
        void ask(g, 'req_live', 'no-such-model');
      }
      return evs.some(([n, d]) => n === 'request' && (d as RequestRecord).id === 'req_live');
    });
    expect(events.map(([n, d]) => (n === 'request' ? (d as RequestRecord).id : n))).toEqual(['req_before', 'ready', 'req_live']);
    expect(events[0]![1]).toMatchObject({ status: 200, route: 'POST /v1/chat/completions', modelAsked: 'gemini-3-flash', streamed: false });
    expect(events[2]![1]).toMatchObject({ status: 404, modelAsked: 'no-such-model' });
    await until(() => listeners === before);
  });
});

describe('live request log at shutdown', () => {
  it('ends as soon as the server stops, without holding the drain time', async () => {
    const g = await start();
    const res = await fetch(`${g.url}/ui/api/requests/stream`, { headers: auth });
    const reader = res.body!.getReader();
    await reader.read();
    // A grace far beyond the test's timeout: the stop finishes only if the live log lets go at once.
    await g.server.close(10 * 60_000);
    let done = false;
    while (!done) done = (await reader.read()).done;
    expect(done).toBe(true);
  });
});

describe('gateway ui login link', () => {
  it('mints a code only for the key holder, and the code gives the key once', async () => {
    const g = await start();
    expect((await fetch(`${g.url}/ui/api/login-link`, { method: 'POST' })).status).toBe(401);
    const { path } = (await (await fetch(`${g.url}/ui/api/login-link`, { method: 'POST', headers: auth })).json()) as { path: string };
    const code = /^\/ui\/#code=([\w-]+)$/.exec(path)?.[1];
    expect(code).toBeDefined();
    const redeem = (body: string): Promise<Response> =>
      fetch(`${g.url}/ui/api/redeem`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect((await redeem('{}')).status).toBe(400);
    const first = await redeem(JSON.stringify({ code }));
    expect(await first.json()).toEqual({ key: KEY });
    const second = await redeem(JSON.stringify({ code }));
    expect(second.status).toBe(401);
    expect(JSON.stringify(await second.json())).toMatch(/already used or has expired/);
  });

  it('without an API key links to the plain page', async () => {
    const g = await start({ env: {} });
    expect(await (await fetch(`${g.url}/ui/api/login-link`, { method: 'POST' })).json()).toEqual({ path: '/ui/', expiresAt: null });
  });
});

describe('account switches', () => {
  it('disable takes an account out of the pool and accounts.json at once; enable puts it back', async () => {
    const g = await start();
    const post = (path: string): Promise<Response> => fetch(`${g.url}${path}`, { method: 'POST', headers: auth });
    const off = await post(`/accounts/${encodeURIComponent(B)}/disable`);
    expect(off.status).toBe(200);
    expect(await off.json()).toMatchObject({ email: B, disabled: true, state: 'active' });
    expect((await readAccounts(g.home)).find((a) => a.email === B)?.disabled).toBe(true);
    expect(g.backend.health()).toMatchObject({ activeAccounts: 1, disabled: 1 });
    g.emulator.state.records.length = 0;
    for (const id of ['r1', 'r2', 'r3']) expect((await ask(g, id)).status).toBe(200);
    const served = g.emulator.state.records.filter((r) => methodOf(r.path) === 'generateContent' || methodOf(r.path) === 'streamGenerateContent');
    expect(served.map((r) => r.account)).toEqual([A, A, A]);

    const id = (await readAccounts(g.home)).find((a) => a.email === B)!.id;
    const on = await post(`/accounts/${id}/enable`);
    expect(await on.json()).toMatchObject({ email: B, state: 'active', stateReason: null });
    const stored = (await readAccounts(g.home)).find((a) => a.email === B)!;
    expect(stored.state).toBe('active');
    expect(stored).not.toHaveProperty('stateReason');
    expect(stored).not.toHaveProperty('disabled');
    await (g.backend as PoolBackend).refreshQuota();
    expect(g.backend.health()).toMatchObject({ activeAccounts: 2, disabled: 0 });

    expect((await post('/accounts/nobody@example.com/disable')).status).toBe(404);
    expect((await fetch(`${g.url}/accounts/${id}/disable`, { method: 'POST' })).status).toBe(401);
  });

  it('refuses admin POSTs from any page but the gateway’s own, even a loopback one', async () => {
    const g = await start();
    const host = new URL(g.url).host;
    const path = `/accounts/${encodeURIComponent(B)}/disable`;
    const post = (p: string, headers: Record<string, string>) => rawRequest(`${g.url}${p}`, { method: 'POST', headers: { ...auth, ...headers } });
    for (const p of [path, '/refresh-token', '/ui/api/login-link']) {
      const foreign = await post(p, { origin: 'http://localhost:5173' });
      expect(foreign.status, p).toBe(403);
      expect(foreign.text).toMatch(/only from the gateway's own dashboard/);
      expect((await post(p, { origin: `http://${host}`, 'sec-fetch-site': 'cross-site' })).status, p).toBe(403);
    }
    expect((await readAccounts(g.home)).find((a) => a.email === B)?.state).toBe('active');
    expect((await post(path, { origin: `http://${host}`, 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    // Programs send no Origin: the key is what they need.
    expect((await post('/refresh-token', {})).status).toBe(200);
  });
});
