// Whether the client closed its connection before its answer was fully sent: then nothing the
// gateway says reaches it, and the access log records 499 (nginx's "client closed request").
import type { Context } from 'hono';
import type { AppEnv } from './types.js';

/** nginx's status for a request whose client closed the connection first; never sent, only logged. */
export const CLIENT_CLOSED_STATUS = 499;

export function clientGone(c: Context<AppEnv>): boolean {
  const out = c.env?.outgoing;
  if (out === undefined) return c.req.raw.signal.aborted;
  return !out.writableFinished && (out.destroyed || out.socket?.destroyed === true);
}
