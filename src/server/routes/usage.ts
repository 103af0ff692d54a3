// GET /usage: the usage ledger as JSON, with the filters of `gateway usage` as query parameters
// (?since=24h|7d|30d|2026-01-31&by=day|model|account|client|key).
import type { Hono } from 'hono';
import { GatewayError, invalidRequest } from '../../canonical/index.js';
import { parseFilters, UsageFilterError } from '../../usage/usage-filters.js';
import type { UsageReports } from '../../usage/usage-report.js';
import type { AppEnv } from '../types.js';

export function registerUsageRoutes(app: Hono<AppEnv>, usage: UsageReports | undefined, now: () => number = Date.now): void {
  app.get('/usage', (c) => {
    if (usage === undefined) {
      throw new GatewayError('unavailable', 'The usage ledger is off or could not be opened (see the server log); usageRetentionDays 0 turns it off.', { noRetry: true });
    }
    let filters;
    try {
      filters = parseFilters({ since: c.req.query('since'), by: c.req.query('by') }, now());
    } catch (e) {
      if (e instanceof UsageFilterError) throw invalidRequest(e.message, e.param);
      throw e;
    }
    let report;
    try {
      report = usage.report(filters);
    } catch (e) {
      throw new GatewayError('unavailable', `The usage ledger could not be read: ${(e as Error).message}`, { cause: e });
    }
    return c.json(report);
  });
}
