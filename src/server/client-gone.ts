// Whether the client closed its connection before its answer was fully sent: then nothing the
// gateway says reaches it, and the access log records 499 (nginx's "client closed request").
import type { Context } from 'hono';
import type { AppEnv } from './types.js';

/** nginx's status for a request whose client closed the connection first; never sent, only logged. */
export const CLIENT_CLOSED_STATUS = 499;

// Responses whose connection closed before they were finished. Read when the request ends, after
// the writer may have called end() on the dead response (which makes it look finished).
const gone = new WeakSet<object>();

/** Starts watching the request's connection; call once, before the handler runs. */
export function watchClient(c: Context<AppEnv>): void {
  const out = c.env?.outgoing;
  out?.once('close', () => {
    if (!out.writableFinished) gone.add(out);
  });
}

export function clientGone(c: Context<AppEnv>): boolean {
  const out = c.env?.outgoing;
  if (out === undefined) return c.req.raw.signal.aborted;
  return gone.has(out);
}
