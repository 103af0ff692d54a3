import type { Context } from 'hono';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { AppEnv } from '../types.js';

/**
 * Sets a header on whatever answer this request gets. Streams and folded answers write
 * `responseHeaders` on the node response themselves; answers hono renders (errors, JSON routes)
 * get them from applyResponseHeaders. c.header() here would build a web Headers object for every
 * request, most of which never use it.
 */
export function addHeader(c: Context<AppEnv>, name: string, value: string): void {
  c.get('responseHeaders')[name] = value;
}

/** Once the handler is done: copies the headers onto a response hono rendered. */
export function applyResponseHeaders(c: Context<AppEnv>): void {
  const res = c.res;
  // Already written on the node response (with these headers); the marker itself is shared.
  if (res === RESPONSE_ALREADY_SENT) return;
  for (const [name, value] of Object.entries(c.get('responseHeaders'))) res.headers.set(name, value);
}
