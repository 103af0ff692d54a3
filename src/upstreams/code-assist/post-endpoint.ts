// One POST to Cloud Code Assist: tries the flavor's endpoints in order (next one on 403, 404,
// 5xx or a network error), bounds the wait for headers and the silence between body chunks,
// and ties the call to the caller's AbortSignal.
import type { Logger } from '../../log/logger.js';
import { startHttp, type RawResponse } from '../../util/send-http.js';
import { brokenStreamError, mapGoogleError, networkError, timeoutError } from './map-error.js';

export interface PostRequest {
  /** Tests inject a fetch; without one the request goes over node:http(s) (util/send-http.ts). */
  fetch?: typeof fetch;
  endpoints: readonly string[];
  /** `streamGenerateContent?alt=sse`, `countTokens`, ... */
  method: string;
  headers: Record<string, string>;
  body: string;
  signal?: AbortSignal;
  timeoutMs: number;
  log?: Logger;
}

/** An answer with a 2xx status; `chunks()` reads its body with the idle timeout. */
export interface PostResponse {
  status: number;
  endpoint: string;
  chunks(): AsyncIterable<Uint8Array>;
  text(): Promise<string>;
  /** Stops reading and frees the connection (idempotent). */
  close(): void;
}

const TIMED_OUT = Symbol('timed out');

function shouldTryNext(status: number): boolean {
  return status === 403 || status === 404 || status >= 500;
}

export async function postEndpoint(req: PostRequest): Promise<PostResponse> {
  let lastError: unknown;
  for (const [i, endpoint] of req.endpoints.entries()) {
    const more = i < req.endpoints.length - 1;
    try {
      return await postOnce(req, endpoint);
    } catch (e) {
      lastError = e;
      if (req.signal?.aborted || !more) throw e;
      const status = (e as { upstream?: { status?: number } }).upstream?.status;
      const retryable = status === undefined ? (e as { kind?: string }).kind === 'upstream' : shouldTryNext(status);
      if (!retryable) throw e;
      req.log?.debug('cloud code endpoint failed, trying the next', { endpoint, status });
    }
  }
  throw lastError;
}

async function postOnce(req: PostRequest, endpoint: string): Promise<PostResponse> {
  if (req.signal?.aborted) throw req.signal.reason;
  const url = `${endpoint}/v1internal:${req.method}`;
  // One abort path for the caller's signal and both timeouts: the request is destroyed directly
  // (no AbortController of our own on node:http); `stopped` says why.
  const sent = startHttp(url, { method: 'POST', headers: req.headers, body: req.body }, req.fetch);
  let stopped: typeof TIMED_OUT | 'caller' | 'closed' | undefined;
  const stop = (why: NonNullable<typeof stopped>): void => {
    if (stopped !== undefined) return;
    stopped = why;
    sent.abort();
  };
  const onAbort = (): void => stop('caller');
  req.signal?.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => stop(TIMED_OUT), req.timeoutMs);
  let done = false;
  // A body read to its end needs no abort: aborting then would destroy the kept-alive socket
  // the answer came on.
  let complete = false;
  const close = (): void => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    req.signal?.removeEventListener('abort', onAbort);
    if (!complete) stop('closed');
  };
  const failure = (e: unknown, what: string, midway = false): unknown => {
    if (stopped === TIMED_OUT) return timeoutError(req.timeoutMs, what);
    if (req.signal?.aborted) return req.signal.reason;
    return midway ? brokenStreamError(e) : networkError(e, what);
  };

  let res: RawResponse;
  try {
    res = await sent.response;
  } catch (e) {
    close();
    throw failure(e, 'before answering');
  }
  req.log?.debug('cloud code answered', { endpoint, method: req.method, status: res.status });
  if (res.status < 200 || res.status >= 300) {
    let text = '';
    try {
      text = await res.text();
    } catch {
      // the status alone will do
    }
    close();
    throw mapGoogleError(res.status, text, res.headers);
  }
  return {
    status: res.status,
    endpoint,
    close,
    async text() {
      try {
        const text = await res.text();
        complete = true;
        return text;
      } catch (e) {
        throw failure(e, 'while answering', true);
      } finally {
        close();
      }
    },
    // A hand-written iterator, not an async generator: one promise per chunk instead of the
    // generator's extra hop and promise, on the path every upstream byte takes.
    chunks() {
      const body = res.body;
      const it = body?.[Symbol.asyncIterator]();
      const ended = (): IteratorResult<Uint8Array> => ({ done: true, value: undefined });
      const iterator: AsyncIterableIterator<Uint8Array> = {
        [Symbol.asyncIterator]: () => iterator,
        next() {
          if (it === undefined || done) return Promise.resolve(ended());
          return it.next().then(
            (r) => {
              if (r.done === true) {
                complete = true;
                close();
              } else {
                // Idle timeout: the same bound between chunks as before the first.
                timer.refresh();
              }
              return r;
            },
            (e: unknown) => {
              close();
              throw failure(e, 'in the middle of an answer', true);
            },
          );
        },
        async return() {
          // The reader stopped early (or failed): free the connection.
          close();
          return ended();
        },
      };
      return iterator;
    },
  };
}
