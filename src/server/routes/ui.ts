// The dashboard at /ui: its files (public: they hold no data), the live request log, and the
// one-time login link `gateway ui` opens. Every data call the page makes goes to the API routes
// with the API key, like any client's.
import type { Hono } from 'hono';
import { GatewayError, notFound } from '../../canonical/index.js';
import type { RequestFeed } from '../../usage/request-feed.js';
import { readJsonBody } from '../middleware/body-limit.js';
import type { AppEnv } from '../types.js';
import { readAsset } from './ui-assets.js';
import { createLoginCodes, type LoginCodes } from './ui-login-codes.js';
import { requestStream } from './ui-request-stream.js';

export interface UiDeps {
  /** Absent: the live log says it is not available. */
  feed?: RequestFeed;
  apiKey?: string;
  /** Comment lines on an idle live-log stream (default 15 s). */
  pingMs?: number;
  codes?: LoginCodes;
  /** Fires when the server stops accepting: open live logs end then. */
  closing?: AbortSignal;
}

const DEFAULT_PING_MS = 15_000;

// The page loads only its own files, talks only to its own server, and is never framed (no
// clickjacking of the Disable buttons).
const PAGE_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-cache',
};

/** The dashboard's files and its code exchange need no key: the page must load to ask for one. */
export function isPublicUiRequest(method: string, path: string): boolean {
  if (method === 'GET' || method === 'HEAD') return path === '/ui' || (path.startsWith('/ui/') && !path.startsWith('/ui/api/'));
  return method === 'POST' && path === '/ui/api/redeem';
}

export function registerUiRoutes(app: Hono<AppEnv>, deps: UiDeps): void {
  const codes = deps.codes ?? createLoginCodes();
  const pingMs = deps.pingMs ?? DEFAULT_PING_MS;
  const apiKey = deps.apiKey === '' ? undefined : deps.apiKey;

  app.get('/ui', (c) => c.redirect('/ui/', 302));

  app.get('/ui/api/requests/stream', () => {
    if (!deps.feed) throw new GatewayError('unavailable', 'This gateway keeps no live request feed.');
    return requestStream(deps.feed, pingMs, deps.closing);
  });

  // Called by `gateway ui` with the key; without a key there is nothing to trade.
  app.post('/ui/api/login-link', (c) => {
    if (apiKey === undefined) return c.json({ path: '/ui/', expiresAt: null });
    const { code, expiresAt } = codes.mint();
    return c.json({ path: `/ui/#code=${code}`, expiresAt: new Date(expiresAt).toISOString() });
  });

  app.post('/ui/api/redeem', async (c) => {
    const body = await readJsonBody(c, 4096);
    const code = (body as { code?: unknown } | null)?.code;
    if (typeof code !== 'string' || code === '') throw new GatewayError('invalid_request', 'Send {"code": "<the code from the dashboard link>"}.');
    if (apiKey === undefined) return c.json({ key: null });
    if (!codes.redeem(code)) {
      throw new GatewayError('auth', 'This dashboard link was already used or has expired; run `gateway ui` again for a new one, or enter the API key.');
    }
    return c.json({ key: apiKey });
  });

  app.get('/ui/*', async (c) => {
    const rel = c.req.path.slice('/ui/'.length) || 'index.html';
    const asset = await readAsset(rel);
    if (!asset) throw notFound(`The dashboard has no file ${c.req.path}.`);
    return c.body(new Uint8Array(asset.body), 200, { ...PAGE_HEADERS, 'content-type': asset.type });
  });
}
