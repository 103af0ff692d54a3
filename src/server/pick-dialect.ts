// Which dialect answers errors for a path, so that even a refused Host or a missing API key comes
// back in the shape the client's SDK understands.
import type { Context } from 'hono';
import type { Dialect } from '../dialects/dialect.js';
import type { AppEnv, DialectSet } from './types.js';
import { readHeader } from './read-headers.js';

const GEMINI_UNDER_V1 = /^\/v1\/models\/[^/]+:/;

export function dialectForRequest(path: string, headers: { get(name: string): string | null | undefined }, d: DialectSet): Dialect {
  if (path.startsWith('/v1/messages')) return d.anthropic;
  if (path.startsWith('/v1/responses')) return d.openaiResponses;
  if (path.startsWith('/v1beta/') || GEMINI_UNDER_V1.test(path)) return d.gemini;
  if (path.startsWith('/v1/models') && headers.get('anthropic-version')) return d.anthropic;
  // The OpenAI envelope is also what the admin routes speak.
  return d.openaiChat;
}

export const dialectFor = (c: Context<AppEnv>, d: DialectSet): Dialect =>
  dialectForRequest(c.req.path, { get: (name) => readHeader(c, name.toLowerCase()) }, d);
