// Request headers read from node's IncomingMessage when there is one: its header object is already
// parsed and lower-cased, while c.req.header() first builds a web Headers object for the request,
// which cost several µs per request with every guard asking for one header.
import type { Context } from 'hono';
import type { AppEnv } from './types.js';

/** One header; `name` is lower-case. @example readHeader(c, 'x-request-id') */
export function readHeader(c: Context<AppEnv>, name: string): string | undefined {
  const incoming = c.env?.incoming;
  if (incoming === undefined) return c.req.header(name);
  const value = incoming.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** Every header, names lower-cased. */
export function readHeaders(c: Context<AppEnv>): Record<string, string> {
  const incoming = c.env?.incoming;
  if (incoming === undefined) return c.req.header();
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
