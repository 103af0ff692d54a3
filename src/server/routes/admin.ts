// The gateway's own routes: health, per-account quota, forced token refresh.
import type { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { invalidRequest } from '../../canonical/index.js';
import type { Dialect } from '../../dialects/dialect.js';
import type { Backend } from '../../pool/backend.js';
import type { AppEnv, LimitsTableRenderer } from '../types.js';

/** `fallback` (the registry's) renders their errors: the gateway's own routes speak no dialect of their own. */
export function registerAdminRoutes(app: Hono<AppEnv>, backend: Backend, renderTable: () => Promise<LimitsTableRenderer>, fallback: Dialect): void {
  // Someone who opens the URL in a browser learns what answers there.
  app.get('/', (c) => c.text('gateway is running. Point your client at this URL; GET /health reports the accounts.\n'));
  app.get('/health', (c) => c.json(backend.health()));
  app.get('/account-limits', async (c) => {
    const limits = await backend.limits();
    if (c.req.query('format') !== 'table') return c.json(limits);
    const render = await renderTable();
    const color = c.req.query('color') === '1' || c.req.query('color') === 'true';
    // `curl "…?format=table&width=$COLUMNS"` fits the table to the terminal.
    const width = Number(c.req.query('width'));
    return c.text(await render(limits, { color, ...(Number.isInteger(width) && width > 0 ? { width } : {}) }));
  });
  app.post('/refresh-token', async (c) => c.json(await backend.refreshTokens(c.req.query('account') || undefined)));
  // It changes state, so only POST does it; a browser's GET learns which method to use.
  app.on(['GET', 'PUT', 'PATCH', 'DELETE'], '/refresh-token', (c) => {
    const rendered = fallback.renderError(invalidRequest("Use POST /refresh-token to refresh the accounts' tokens."), c.get('requestId'));
    return c.json(rendered.body as object, 405 as ContentfulStatusCode, { ...rendered.headers, Allow: 'POST' });
  });
}
