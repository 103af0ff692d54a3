// POST /accounts/:account/disable and /enable: take an account out of the pool by hand and put it
// back (the dashboard's buttons); persisted in accounts.json, effective from the next request.
import type { Hono } from 'hono';
import { GatewayError } from '../../canonical/index.js';
import type { Backend } from '../../pool/backend.js';
import type { AppEnv } from '../types.js';

export function registerAccountToggleRoutes(app: Hono<AppEnv>, backend: Backend): void {
  for (const [action, enabled] of [['disable', false], ['enable', true]] as const) {
    app.post(`/accounts/:account/${action}`, async (c) => {
      if (!backend.setAccountEnabled) throw new GatewayError('not_found', 'This gateway serves no account pool to change.');
      return c.json(await backend.setAccountEnabled(c.req.param('account'), enabled));
    });
  }
}
