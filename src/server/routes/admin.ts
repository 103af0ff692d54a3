// The gateway's own routes: health, per-account quota, forced token refresh.
import type { Hono } from 'hono';
import type { Backend } from '../../pool/backend.js';
import type { AppEnv, LimitsTableRenderer } from '../types.js';

export function registerAdminRoutes(app: Hono<AppEnv>, backend: Backend, renderTable: () => Promise<LimitsTableRenderer>): void {
  app.get('/health', (c) => c.json(backend.health()));
  app.get('/account-limits', async (c) => {
    const limits = await backend.limits();
    if (c.req.query('format') !== 'table') return c.json(limits as object);
    const render = await renderTable();
    const color = c.req.query('color') === '1' || c.req.query('color') === 'true';
    return c.text(await render(limits, { color }));
  });
  app.post('/refresh-token', async (c) => c.json((await backend.refreshTokens(c.req.query('account') || undefined)) as object));
}
