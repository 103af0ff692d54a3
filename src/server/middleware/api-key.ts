// Requires GATEWAY_API_KEY, when one is set, in any of the forms the SDKs send it.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { GatewayError } from '../../canonical/index.js';
import type { AppEnv } from '../types.js';

// Hashing both sides gives equal lengths, so the compare is constant-time whatever the input.
const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

/** The key a client sent: `Authorization: Bearer`, `x-api-key`, `x-goog-api-key` or `?key=`. */
export function presentedKey(c: Context<AppEnv>): string | undefined {
  const auth = c.req.header('authorization');
  if (auth !== undefined) {
    const m = /^Bearer\s+(.+)$/i.exec(auth.trim());
    if (m?.[1]) return m[1];
  }
  return c.req.header('x-api-key') ?? c.req.header('x-goog-api-key') ?? c.req.query('key') ?? undefined;
}

export function apiKey(expected: string | undefined): MiddlewareHandler<AppEnv> {
  if (expected === undefined || expected === '') return async (_c, next) => next();
  const want = digest(expected);
  return async (c, next) => {
    const got = presentedKey(c);
    if (got === undefined) {
      throw new GatewayError('auth', 'This gateway needs an API key: send it as "Authorization: Bearer <key>", x-api-key, x-goog-api-key or ?key=.');
    }
    if (!timingSafeEqual(digest(got), want)) {
      throw new GatewayError('auth', 'The API key is not the one this gateway was started with (GATEWAY_API_KEY / --api-key).');
    }
    await next();
  };
}
