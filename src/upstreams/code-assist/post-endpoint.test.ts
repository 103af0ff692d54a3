import { describe, expect, it } from 'vitest';
import { isGatewayError } from '../../canonical/index.js';
import { postEndpoint, type PostRequest } from './post-endpoint.js';

type Handler = (url: string, init: RequestInit) => Promise<Response>;

function request(fetchImpl: Handler, over: Partial<PostRequest> = {}): PostRequest {
  return {
    fetch: fetchImpl as typeof fetch,
    endpoints: ['https://daily.example', 'https://prod.example'],
    method: 'countTokens',
    headers: {},
    body: '{}',
    timeoutMs: 5000,
    ...over,
  };
}

const googleError = (code: number, status: string) =>
  new Response(JSON.stringify({ error: { code, message: status, status } }), { status: code });

/** A fetch that never answers until its signal aborts, like a silent server. */
const silent: Handler = (_url, init) =>
  new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(init.signal?.reason)));

describe('postEndpoint', () => {
  it.each([403, 404, 500, 503])('tries the next endpoint after %i', async (status) => {
    const seen: string[] = [];
    const res = await postEndpoint(
      request(async (url) => {
        seen.push(url);
        return seen.length === 1 ? googleError(status, 'X') : new Response('{"totalTokens":3}');
      }),
    );
    expect(seen).toEqual(['https://daily.example/v1internal:countTokens', 'https://prod.example/v1internal:countTokens']);
    expect(res.endpoint).toBe('https://prod.example');
    expect(await res.text()).toBe('{"totalTokens":3}');
  });

  it('tries the next endpoint after a network error', async () => {
    let calls = 0;
    const res = await postEndpoint(
      request(async () => {
        if (++calls === 1) throw new TypeError('fetch failed', { cause: Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }) });
        return new Response('{}');
      }),
    );
    expect(res.endpoint).toBe('https://prod.example');
  });

  it.each([400, 401, 429])('does not try another endpoint after %i', async (status) => {
    let calls = 0;
    const e = await postEndpoint(request(async () => (calls++, googleError(status, 'X')))).catch((err: unknown) => err);
    expect(calls).toBe(1);
    expect(isGatewayError(e) && e.upstream?.status).toBe(status);
  });

  it('reports the last failure when every endpoint fails', async () => {
    const e = await postEndpoint(
      request(async () => {
        throw new TypeError('fetch failed', { cause: Object.assign(new Error('x'), { code: 'ECONNRESET' }) });
      }),
    ).catch((err: unknown) => err);
    expect(isGatewayError(e) && e.kind).toBe('upstream');
    expect(isGatewayError(e) && e.message).toContain('ECONNRESET');
  });

  it('gives up with a timeout error when no answer comes', async () => {
    const e = await postEndpoint(request(silent, { endpoints: ['https://only.example'], timeoutMs: 20 })).catch((err: unknown) => err);
    expect(isGatewayError(e) && e.kind).toBe('timeout');
  });

  it('times out a body that goes silent', async () => {
    // Like fetch, the body errors with the signal's reason when the call is aborted.
    const res = await postEndpoint(request(async (_u, init) => {
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('data: {}\n\n'));
          init.signal?.addEventListener('abort', () => controller.error(init.signal?.reason));
        },
      });
      return new Response(body);
    }, { timeoutMs: 20 }));
    const chunks: Uint8Array[] = [];
    const e = await (async () => {
      for await (const c of res.chunks()) chunks.push(c);
    })().catch((err: unknown) => err);
    expect(chunks).toHaveLength(1);
    expect(isGatewayError(e) && e.kind).toBe('timeout');
  });

  it('aborts the fetch when the caller aborts, without trying another endpoint', async () => {
    const ctl = new AbortController();
    let calls = 0;
    const pending = postEndpoint(request((u, i) => (calls++, silent(u, i)), { signal: ctl.signal }));
    ctl.abort();
    const e = await pending.catch((err: unknown) => err);
    expect(calls).toBe(1);
    expect((e as Error).name).toBe('AbortError');
  });

  it('refuses to start when the caller already aborted', async () => {
    const ctl = new AbortController();
    ctl.abort();
    let calls = 0;
    await expect(postEndpoint(request(async () => (calls++, new Response('{}')), { signal: ctl.signal }))).rejects.toThrow();
    expect(calls).toBe(0);
  });
});
