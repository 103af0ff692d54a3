// State-changing admin calls (disable an account, refresh tokens, the dashboard's login) are
// refused from any web page but the gateway's own: the origin guard lets every loopback origin
// through (a dev server on localhost:3000 may call the model API), which is too wide for admin.
import type { MiddlewareHandler } from 'hono';
import { GatewayError } from '../../canonical/index.js';
import { readHeader } from '../read-headers.js';
import type { AppEnv } from '../types.js';

/** The POSTs this check guards: admin routes and the dashboard's own calls. */
function isAdminWrite(method: string, path: string): boolean {
  return method === 'POST' && (path === '/refresh-token' || path.startsWith('/accounts/') || path.startsWith('/ui/'));
}

/** `http://127.0.0.1:8080` → `127.0.0.1:8080`; undefined when not an http(s) origin. */
function hostOfOrigin(origin: string): string | undefined {
  const m = /^https?:\/\/([^/]+)$/i.exec(origin.trim());
  return m?.[1]?.toLowerCase();
}

/**
 * Browsers send Origin (and Sec-Fetch-Site) on every POST; both must say "this same site".
 * Programs (curl, the CLI) send neither and pass: they hold the API key when one is set.
 */
export function sameOriginForAdmin(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!isAdminWrite(c.req.method, c.req.path)) return next();
    const site = readHeader(c, 'sec-fetch-site');
    const origin = readHeader(c, 'origin');
    const host = readHeader(c, 'host')?.trim().toLowerCase();
    const crossSite = site !== undefined && site !== 'same-origin' && site !== 'none';
    if (crossSite || (origin !== undefined && hostOfOrigin(origin) !== host)) {
      throw new GatewayError('permission', `${c.req.method} ${c.req.path} is accepted only from the gateway's own dashboard, not from the page at ${origin ?? 'another site'}.`);
    }
    await next();
  };
}
