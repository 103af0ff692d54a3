// Requires GATEWAY_API_KEY, when one is set, in any of the forms the SDKs send it.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { GatewayError } from '../../canonical/index.js';
import type { AppEnv } from '../types.js';
import { readHeader } from '../read-headers.js';

// Hashing both sides gives equal lengths, so the compare is constant-time whatever the input.
const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

/**
 * Every key a client sent: `Authorization: Bearer`, `x-api-key`, `x-goog-api-key`, `?key=`.
 * Some clients send a placeholder in one place and the key in another, so each one is tried.
 */
function presentedKeys(c: Context<AppEnv>): string[] {
  const keys: string[] = [];
  const bearer = /^Bearer\s+(.+)$/i.exec(readHeader(c, 'authorization')?.trim() ?? '')?.[1];
  if (bearer) keys.push(bearer);
  for (const k of [readHeader(c, 'x-api-key'), readHeader(c, 'x-goog-api-key'), c.req.query('key')]) if (k) keys.push(k);
  return keys;
}

/** The usage ledger's label for the one configured key (`gateway usage --by key`). */
const DEFAULT_KEY_LABEL = 'default';

export function apiKey(expected: string | undefined): MiddlewareHandler<AppEnv> {
  if (expected === undefined || expected === '') return async (_c, next) => next();
  const want = digest(expected);
  return async (c, next) => {
    const keys = presentedKeys(c);
    if (keys.length === 0) {
      throw new GatewayError('auth', 'This gateway needs an API key: send it as "Authorization: Bearer <key>", x-api-key, x-goog-api-key or ?key=.');
    }
    if (!keys.some((k) => timingSafeEqual(digest(k), want))) {
      throw new GatewayError('auth', 'The API key is not the one this gateway was started with (GATEWAY_API_KEY / --api-key).');
    }
    c.set('keyLabel', DEFAULT_KEY_LABEL);
    await next();
  };
}
