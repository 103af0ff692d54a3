// Builds the HTTP app: the guards every request passes, then every dialect's routes and the gateway's own.
import { Hono } from 'hono';
import { notFound } from '../canonical/index.js';
import { createBodyMemory } from './body-memory.js';
import { accessLog } from './middleware/access-log.js';
import { apiKey } from './middleware/api-key.js';
import { hostGuard } from './middleware/host-guard.js';
import { onError, renderGatewayError } from './middleware/on-error.js';
import { originGuard } from './middleware/origin-guard.js';
import { recordRequests } from './middleware/record-requests.js';
import { requestId } from './middleware/request-id.js';
import { sameOriginForAdmin } from './middleware/same-origin.js';
import { registerAccountToggleRoutes } from './routes/accounts-toggle.js';
import { registerAdminRoutes } from './routes/admin.js';
import { createErrorDialect } from './error-dialect.js';
import { registerDialectRoutes, type DialectRouteDeps } from './routes/register-dialect-routes.js';
import { buildRouteTable } from './routes/route-table.js';
import { registerUsageRoutes } from './routes/usage.js';
import { createPriceTable } from '../usage/price-table.js';
import { isPublicUiRequest, registerUiRoutes } from './routes/ui.js';
import type { AppDeps, AppEnv, LimitsTableRenderer } from './types.js';

const DEFAULT_PING_INTERVAL_MS = 10_000;

// The CLI's table renderer, with chalk and cli-table3, is loaded on the first table request, not at start.
const loadTableRenderer = async (): Promise<LimitsTableRenderer> => (await import('../cli/render-limits-table.js')).renderLimitsTable;

/**
 * @example serve({ fetch: createApp({ config, backend, dialects, log }).fetch, port: 8080 })
 */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const { config, dialects, log } = deps;
  const backend = deps.backend;
  const now = deps.now ?? (() => Math.floor(Date.now() / 1000));
  const prices = createPriceTable(config.prices);
  const routeDeps: DialectRouteDeps = {
    backend,
    prices,
    startedAt: now(),
    log,
    now,
    pingIntervalMs: deps.pingIntervalMs ?? DEFAULT_PING_INTERVAL_MS,
    bodyLimitBytes: config.bodyLimitBytes,
    bodyMemory: createBodyMemory(config.bodyMemoryBytes),
    keepAliveDelayMs: config.keepAliveDelayMs,
    ...(deps.shutdown ? { shutdown: deps.shutdown } : {}),
  };
  const table = buildRouteTable(dialects);
  const errorDialect = createErrorDialect(dialects);
  const app = new Hono<AppEnv>();
  app.onError(onError(errorDialect, log));
  app.notFound((c) => renderGatewayError(c, notFound(`No route for ${c.req.method} ${c.req.path}.`), errorDialect));

  app.use(requestId());
  const { openPaths, quietPaths } = table;
  app.use(accessLog(log, deps.inflight, (path) => quietPaths.has(path)));
  const feed = deps.requestFeed;
  app.use(recordRequests(prices, feed ? (r) => feed.publish(r) : undefined));
  const live = deps.live;
  app.use(hostGuard(config.host, live && (() => live.extraHosts)));
  app.use(originGuard(live ? () => live.corsOrigins : config.corsOrigins));
  const requireKey = apiKey(config.apiKey);
  // Routes a dialect marks open (a client's telemetry) carry nothing and reveal nothing.
  // The dashboard's own files hold no data and must load to ask for the key.
  app.use(async (c, next) =>
    openPaths.get(c.req.method)?.has(c.req.path) || isPublicUiRequest(c.req.method, c.req.path) ? next() : requireKey(c, next),
  );
  app.use(sameOriginForAdmin());

  registerDialectRoutes(app, table, routeDeps);
  const given = deps.renderLimitsTable;
  registerAdminRoutes(app, backend, given ? async () => given : loadTableRenderer, dialects.fallback);
  registerUsageRoutes(app, deps.usage);
  registerAccountToggleRoutes(app, backend);
  registerUiRoutes(app, {
    ...(deps.requestFeed ? { feed: deps.requestFeed } : {}),
    ...(config.apiKey ? { apiKey: config.apiKey } : {}),
    ...(deps.closing ? { closing: deps.closing } : {}),
  });
  return app;
}
