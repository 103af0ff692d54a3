// One HTTP request over node:http(s) with a keep-alive socket pool: the transport of the upstream
// calls and of the token refresh. Global fetch cost several times more CPU per call there
// (Request/Response objects, WHATWG streams, abort plumbing). When a proxy is configured, undici's
// dispatcher does the proxying, so requests go through fetch again (useProxy calls sendThroughFetch).
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { batchedBody } from './batched-body.js';

/** The part of a fetch Response its callers read; a real Response satisfies it too. */
export interface RawResponse {
  status: number;
  headers: { get(name: string): string | null };
  body: AsyncIterable<Uint8Array> | null;
  text(): Promise<string>;
}

export interface SendInit {
  method: string;
  headers: Record<string, string>;
  body: string;
  signal?: AbortSignal;
}

export type Send = (url: string, init: SendInit) => Promise<RawResponse>;

// Idle sockets close after 4 s (fetch's default), before a server is likely to drop them.
const httpAgent = new HttpAgent({ keepAlive: true, timeout: 4000 });
const httpsAgent = new HttpsAgent({ keepAlive: true, timeout: 4000 });

function fromIncoming(res: IncomingMessage): RawResponse {
  return {
    status: res.statusCode ?? 0,
    headers: {
      get(name) {
        const v = res.headers[name.toLowerCase()];
        return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
      },
    },
    // Everything received since the last read as one chunk: see batched-body.ts.
    body: batchedBody(res),
    async text() {
      const chunks: Buffer[] = [];
      for await (const c of res) chunks.push(c as Buffer);
      // Decoded once at the end, so a character split across chunks stays whole.
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}

interface Target {
  secure: boolean;
  hostname: string;
  port: number | undefined;
  path: string;
}

// The few upstream URLs repeat on every call: parse each once rather than a URL per request.
const targets = new Map<string, Target>();

function targetOf(url: string): Target {
  let t = targets.get(url);
  if (t === undefined) {
    const u = new URL(url);
    t = {
      secure: u.protocol === 'https:',
      // IPv6 literals come bracketed from URL; the socket wants them bare.
      hostname: u.hostname.startsWith('[') ? u.hostname.slice(1, -1) : u.hostname,
      port: u.port === '' ? undefined : Number(u.port),
      path: u.pathname + u.search,
    };
    if (targets.size > 100) targets.clear();
    targets.set(url, t);
  }
  return t;
}

/** A request in flight that the caller can abort without an AbortSignal of its own. */
export interface SentRequest {
  response: Promise<RawResponse>;
  /** Destroys the request (and the answer's socket, if it is still being read); idempotent. */
  abort(): void;
}

function startOnce(url: string, init: SendInit): SentRequest {
  const t = targetOf(url);
  let abort = (): void => {};
  const response = new Promise<RawResponse>((resolve, reject) => {
    const req = (t.secure ? httpsRequest : httpRequest)(
      {
        hostname: t.hostname,
        ...(t.port !== undefined ? { port: t.port } : {}),
        path: t.path,
        method: init.method,
        headers: { ...init.headers, 'content-length': String(Buffer.byteLength(init.body)) },
        agent: t.secure ? httpsAgent : httpAgent,
        ...(init.signal ? { signal: init.signal } : {}),
      },
      (res) => resolve(fromIncoming(res)),
    );
    // No resend on a reset kept-alive socket (fetch does not resend a POST either): the caller's
    // endpoint fallback and the pool's failover decide what happens next.
    req.once('error', reject);
    req.end(init.body);
    abort = () => {
      if (!req.destroyed) req.destroy(abortError());
    };
  });
  return { response, abort: () => abort() };
}

function abortError(): Error {
  const e = new Error('The request was aborted.');
  e.name = 'AbortError';
  return e;
}

// fetch (proxy configured, or a test's fetch) is aborted through a signal of its own.
function startFetch(url: string, init: SendInit, fetchFn: typeof fetch): SentRequest {
  const ctl = new AbortController();
  const response = fetchFn(url, { ...init, signal: ctl.signal });
  return { response, abort: () => ctl.abort() };
}

let viaFetch = false;

/** From now on requests go through global fetch: a proxy dispatcher was installed for it. */
export function sendThroughFetch(): void {
  viaFetch = true;
}

/** Sends one request; resolves with the answer's head, the body streams from `body`. */
export const sendHttp: Send = (url, init) => (viaFetch ? fetch(url, init) : startOnce(url, init).response);

/**
 * Like sendHttp, but aborted through the returned handle: on node:http that destroys the request
 * directly, without an AbortController and its listeners per call. `fetchFn` (a test's fetch)
 * takes the fetch path.
 */
export function startHttp(url: string, init: Omit<SendInit, 'signal'>, fetchFn?: typeof fetch): SentRequest {
  if (fetchFn !== undefined) return startFetch(url, init, fetchFn);
  return viaFetch ? startFetch(url, init, fetch) : startOnce(url, init);
}
