// Refuses browser requests from foreign web pages (drive-by requests to localhost) unless the
// origin is configured in config.json `corsOrigins`; answers CORS for the configured ones.
import type { MiddlewareHandler } from 'hono';
import { GatewayError } from '../../canonical/index.js';
import type { AppEnv } from '../types.js';
import { addHeader } from './add-header.js';
import { isLoopbackName } from '../../util/loopback.js';
import { hostnameOf } from './host-guard.js';
import { readHeader } from '../read-headers.js';

const EXPOSED = 'X-Request-ID, request-id, Retry-After';

function isLoopbackOrigin(origin: string): boolean {
  const m = /^https?:\/\/([^/]+)$/i.exec(origin);
  return m?.[1] !== undefined && isLoopbackName(hostnameOf(m[1]));
}

/** `corsOrigins` may be a function: it is read per request that has an Origin (config.json reloads). */
export function originGuard(corsOrigins: readonly string[] | (() => readonly string[])): MiddlewareHandler<AppEnv> {
  const read = typeof corsOrigins === 'function' ? corsOrigins : () => corsOrigins;
  let seen: readonly string[] | undefined;
  let configured = new Set<string>();
  let any = false;
  return async (c, next) => {
    const origin = readHeader(c, 'origin');
    if (origin === undefined) return next();
    const list = read();
    if (list !== seen) {
      seen = list;
      configured = new Set(list.map((o) => o.replace(/\/+$/, '').toLowerCase()));
      any = configured.has('*');
    }
    const normalized = origin.toLowerCase();
    const cors = any || configured.has(normalized);
    if (!cors && !isLoopbackOrigin(normalized)) {
      throw new GatewayError(
        'permission',
        `Requests from the web page at ${origin} are refused; add it to "corsOrigins" in config.json to allow it.`,
      );
    }
    if (!cors) return next();
    addHeader(c, 'Access-Control-Allow-Origin', origin);
    addHeader(c, 'Vary', 'Origin');
    addHeader(c, 'Access-Control-Expose-Headers', EXPOSED);
    if (c.req.method === 'OPTIONS' && readHeader(c, 'access-control-request-method') !== undefined) {
      c.header('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      c.header('Access-Control-Allow-Headers', readHeader(c, 'access-control-request-headers') ?? '*');
      c.header('Access-Control-Max-Age', '600');
      return c.body(null, 204);
    }
    return next();
  };
}
