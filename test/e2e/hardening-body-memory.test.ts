// Issue 11 row 2 through the real server: request bodies in flight have a memory cap; past it a
// new request gets 503 with Retry-After in its dialect before its body is read.
import { request, type IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type Gateway } from '../helpers/start-gateway.js';

const MODEL = 'gemini-3-flash';
const CAP = 1024 * 1024;
let gw: Gateway;

beforeAll(async () => {
  // Alice hangs: her requests hold their bodies for as long as the test wants.
  gw = await startGateway({ config: { bodyMemoryBytes: CAP }, emulatorOptions: { faults: { hang: true } } });
});
afterAll(() => gw.close());

/** A JSON body of about `bytes` bytes for `path`'s dialect. */
function bodyOf(path: string, bytes: number): string {
  const text = 'x'.repeat(Math.max(1, bytes - 200));
  if (path.startsWith('/v1/messages')) return JSON.stringify({ model: MODEL, max_tokens: 10, messages: [{ role: 'user', content: text }] });
  return JSON.stringify({ model: MODEL, messages: [{ role: 'user', content: text }] });
}

interface Answer {
  status: number;
  headers: IncomingMessage['headers'];
  text: string;
}

function collect(res: IncomingMessage): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let text = '';
    res.setEncoding('utf8');
    res.on('data', (c: string) => (text += c));
    res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    res.on('error', reject);
  });
}

/**
 * Sends the headers (with Content-Length, unless chunked), then the body, in pieces, unless
 * `holdBody`: then the body is never sent, and only an answer given from the headers alone comes.
 */
function send(path: string, body: string, opts: { chunked?: boolean; holdBody?: boolean } = {}): { answer: Promise<Answer>; abort(): void } {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' };
  if (!opts.chunked) headers['content-length'] = String(Buffer.byteLength(body));
  const req = request(`${gw.url}${path}`, { method: 'POST', headers, agent: false });
  let answered = false;
  const answer = new Promise<Answer>((resolve, reject) => {
    req.on('response', (res) => {
      answered = true;
      collect(res).then(resolve, reject);
    });
    req.on('error', reject);
  });
  req.flushHeaders();
  if (!opts.holdBody) {
    const piece = 64 * 1024;
    let at = 0;
    const next = (): void => {
      if (answered || req.destroyed) return;
      if (at >= body.length) return void req.end();
      req.write(body.slice(at, (at += piece)), () => setImmediate(next));
    };
    next();
  }
  return { answer, abort: () => req.destroy() };
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; !check(); i++) {
    if (i > 500) throw new Error('condition never held');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('memory for request bodies in flight (row 2)', () => {
  it('refuses new bodies with 503 + Retry-After in their dialect, before reading them, and takes them again once memory is free', async () => {
    // 700 KB held by a request whose upstream hangs.
    const held = send('/v1/chat/completions', bodyOf('/v1/chat/completions', 700 * 1024));
    await until(() => gw.emulator.state.faultCounters.hanging === 1);

    for (const path of ['/v1/messages/count_tokens', '/v1/chat/completions', `/v1beta/models/${MODEL}:countTokens`]) {
      // The body is never sent: the answer must come from the headers alone.
      const refused = await send(path, bodyOf(path, 600 * 1024), { holdBody: true }).answer;
      expect(refused.status, refused.text).toBe(503);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(refused.text).toMatch(/bodyMemoryBytes/);
      if (path.startsWith('/v1/messages')) expect(JSON.parse(refused.text)).toMatchObject({ type: 'error', error: { type: 'overloaded_error' } });
      if (path.startsWith('/v1beta')) expect(JSON.parse(refused.text)).toMatchObject({ error: { code: 503, status: 'UNAVAILABLE' } });
    }

    // Without Content-Length the bytes are counted as they come.
    const chunked = await send('/v1/messages/count_tokens', bodyOf('/v1/messages', 600 * 1024), { chunked: true }).answer;
    expect(chunked.status).toBe(503);

    // A small body still fits beside the held one.
    const small = await send('/v1/messages/count_tokens', bodyOf('/v1/messages', 10 * 1024)).answer;
    expect(small.status, small.text).toBe(200);

    held.abort();
    await held.answer.catch(() => undefined);
    await until(() => gw.emulator.state.faultCounters.hanging === 0);
    const again = await send('/v1/messages/count_tokens', bodyOf('/v1/messages', 600 * 1024)).answer;
    expect(again.status, again.text).toBe(200);
  });
});
