// The path every generation takes once a dialect has parsed the request: backend.generate, then
// either the rendered stream or the folded answer. Streaming is the primary path; the JSON answer
// is the same stream folded. A stream whose first event is slow to come gets its headers and a
// keep-alive after keepAliveDelayMs, so its client knows the gateway is working; failures before
// then keep their real HTTP status, later ones become an error event in the dialect.
import type { Context } from 'hono';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { foldEvents, type CanonicalEvent, type CanonicalRequest, type GatewayError } from '../canonical/index.js';
import type { Dialect, RenderContext, StreamEncoding } from '../dialects/dialect.js';
import type { Logger } from '../log/logger.js';
import type { Backend } from '../pool/backend.js';
import { onAbort } from '../util/on-abort.js';
import { beginRecord, elapsedMs, noteUsage } from './begin-record.js';
import { superviseEvents } from './sse/supervise-events.js';
import { framesToReadable, writeFrames } from './sse/write-stream.js';
import type { AppEnv } from './types.js';

export interface PipelineDeps {
  backend: Backend;
  log: Logger;
  pingIntervalMs: number;
  now: () => number;
  /** A stream still without its first event after this long gets its headers and a keep-alive (default 2.5 s). */
  keepAliveDelayMs?: number;
  /**
   * Fires when the server stops and its drain time is over; its reason (a GatewayError) ends every
   * open stream as an error event and every request still waiting as an HTTP error.
   */
  shutdown?: AbortSignal;
}

const DEFAULT_KEEPALIVE_DELAY_MS = 2500;

/**
 * The request's one AbortController: it aborts when the client goes away before its answer was
 * fully sent, or when `also` (the server's shutdown) fires, with its reason. The pool may abort it
 * too, when the request's budget runs out; only the first two mark the client gone.
 */
export function abortOnDisconnect(c: Context<AppEnv>, also?: AbortSignal): AbortController {
  const ac = new AbortController();
  // The usage record reads it: a request whose client left is a 499.
  const gone = { aborted: false };
  c.set('clientGone', gone);
  let unfollow: (() => void) | undefined;
  const end = (reason?: unknown): void => {
    unfollow?.();
    gone.aborted = true;
    ac.abort(reason);
  };
  // Only while this request lasts: the server's signal outlives every request.
  if (also !== undefined) unfollow = onAbort(also, end);
  const out = c.env?.outgoing;
  if (out !== undefined) {
    out.once('close', () => {
      unfollow?.();
      if (!out.writableFinished) end();
    });
  } else {
    c.req.raw.signal.addEventListener('abort', () => end(), { once: true });
  }
  return ac;
}

/** Whether `p` settles within `ms`; the timer never outlives the answer. */
function settlesWithin(p: Promise<unknown>, ms: number): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const timer = setTimeout(resolve, ms, false);
    const settled = (): void => {
      clearTimeout(timer);
      resolve(true);
    };
    p.then(settled, settled);
  });
}

/** The stream of a generation still under way: a ping at once, then its events once they begin. */
async function* whenBegun(pending: Promise<AsyncIterable<CanonicalEvent>>): AsyncGenerator<CanonicalEvent> {
  yield { type: 'ping' };
  yield* await pending;
}

function streamHeaders(c: Context<AppEnv>, contentType: string): Record<string, string> {
  const headers: Record<string, string> = { ...c.get('responseHeaders') };
  headers['content-type'] = contentType;
  headers['cache-control'] = 'no-cache';
  // Proxies in front of the gateway (nginx) must not buffer the stream.
  headers['x-accel-buffering'] = 'no';
  return headers;
}

/**
 * The folded answer as JSON. On node:http it is written on the response directly, with the
 * headers middleware collected (as streams are): building a web Response and converting it back
 * cost more than the rest of the answer's writing.
 */
function sendJson(c: Context<AppEnv>, answer: unknown): Response {
  const out = c.env?.outgoing;
  if (out === undefined) return c.json(answer as object);
  const body = JSON.stringify(answer);
  out.writeHead(200, {
    ...c.get('responseHeaders'),
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(body)),
  });
  out.end(body);
  return RESPONSE_ALREADY_SENT;
}

/** Answers `req` in `dialect`: a stream in `encoding`, or (req.stream false) the folded answer. */
export async function runGeneration(
  c: Context<AppEnv>,
  dialect: Dialect,
  encoding: StreamEncoding,
  req: CanonicalRequest,
  deps: PipelineDeps,
): Promise<Response> {
  const request = abortOnDisconnect(c, deps.shutdown);
  const signal = request.signal;
  // The pool writes account and attempts into it, the stream its tokens; recordRequests finishes it.
  const record = beginRecord(c, dialect.name, req);
  // Resolves after the first upstream event, so failures until then are real HTTP statuses.
  const pending = deps.backend.generate(req, signal, record, request);
  let events: AsyncIterable<CanonicalEvent>;
  if (req.stream && !(await settlesWithin(pending, deps.keepAliveDelayMs ?? DEFAULT_KEEPALIVE_DELAY_MS))) {
    // Slow to begin: headers and a ping now; a failure from here on is an error event.
    pending.catch(() => undefined);
    events = whenBegun(pending);
  } else {
    events = await pending;
  }
  const ctx: RenderContext = { requestId: req.requestId, model: req.model, now: deps.now, request: req };
  const log = deps.log;
  const onError = (err: GatewayError): void => {
    record.errorKind = err.kind;
    // A client that left cut its own stream: the access log's 499 says so, no warning needed.
    if (!signal.aborted) log.warn('stream failed midway', { id: req.requestId, kind: err.kind, message: err.message });
  };
  // Folded answers get the same guarantees without pings: a cut stream becomes an error, not a partial 200.
  if (!req.stream) {
    const folded = await foldEvents(superviseEvents(events, 0, onError));
    noteUsage(record, folded.usage);
    const answer = dialect.renderResponse(folded, ctx);
    record.ttfbMs = elapsedMs(c);
    return sendJson(c, answer);
  }

  const supervised = superviseEvents(events, deps.pingIntervalMs, onError, record, deps.shutdown);
  const frames = encoding.render(supervised, ctx);
  const headers = streamHeaders(c, encoding.contentType);
  const out = c.env?.outgoing;
  record.ttfbMs = elapsedMs(c);
  if (out === undefined) {
    // Without node:http the body is read after this returns; the record is finished once it has been.
    let ended!: () => void;
    c.set('recordPending', new Promise<void>((resolve) => (ended = resolve)));
    return new Response(framesToReadable(frames, () => ended()), { status: 200, headers });
  }
  out.writeHead(200, headers);
  await writeFrames(out, frames);
  return RESPONSE_ALREADY_SENT;
}
