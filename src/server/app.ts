// Builds the HTTP app: the guards every request passes, then one route file per client family.
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
import { registerAnthropicRoutes } from './routes/anthropic.js';
import type { RouteDeps } from './routes/dialect-route.js';
import { registerGeminiRoutes } from './routes/gemini.js';
import { registerModelRoutes } from './routes/models.js';
import { registerOpenAIRoutes } from './routes/openai.js';
import { registerTelemetryRoutes, TELEMETRY_PATHS } from './routes/telemetry.js';
import { registerUsageRoutes } from './routes/usage.js';
import { createPriceTable } from '../usage/price-table.js';
import { isPublicUiRequest, registerUiRoutes } from './routes/ui.js';
import type { AppDeps, AppEnv, LimitsTableRenderer } from './types.js';

export const DEFAULT_PING_INTERVAL_MS = 10_000;

const telemetry = new Set<string>(TELEMETRY_PATHS);

// The CLI's table renderer, with chalk and cli-table3, is loaded on the first table request, not at start.
const loadTableRenderer = async (): Promise<LimitsTableRenderer> => (await import('../cli/render-limits-table.js')).renderLimitsTable;

/**
 * @example serve({ fetch: createApp({ config, backend, dialects, log }).fetch, port: 8080 })
 */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const { config, dialects, log } = deps;
  const backend = deps.backend;
  const now = deps.now ?? (() => Math.floor(Date.now() / 1000));
  const routeDeps: RouteDeps = {
    backend,
    log,
    now,
    pingIntervalMs: deps.pingIntervalMs ?? DEFAULT_PING_INTERVAL_MS,
    bodyLimitBytes: config.bodyLimitBytes,
    bodyMemory: createBodyMemory(config.bodyMemoryBytes),
    keepAliveDelayMs: config.keepAliveDelayMs,
    ...(deps.shutdown ? { shutdown: deps.shutdown } : {}),
  };
  const app = new Hono<AppEnv>();
  app.onError(onError(dialects, log));
  app.notFound((c) => renderGatewayError(c, notFound(`No route for ${c.req.method} ${c.req.path}.`), dialects));

  app.use(requestId());
  app.use(accessLog(log, deps.inflight, (path) => telemetry.has(path)));
  const prices = createPriceTable(config.prices);
  const feed = deps.requestFeed;
  app.use(recordRequests(prices, feed ? (r) => feed.publish(r) : undefined));
  const live = deps.live;
  app.use(hostGuard(config.host, live && (() => live.extraHosts)));
  app.use(originGuard(live ? () => live.corsOrigins : config.corsOrigins));
  const requireKey = apiKey(config.apiKey);
  // Telemetry carries nothing and reveals nothing; refusing it would only make Claude Code log errors.
  // The dashboard's own files hold no data and must load to ask for the key.
  app.use(async (c, next) =>
    (c.req.method === 'POST' && telemetry.has(c.req.path)) || isPublicUiRequest(c.req.method, c.req.path) ? next() : requireKey(c, next),
  );
  app.use(sameOriginForAdmin());

  registerAnthropicRoutes(app, dialects.anthropic, routeDeps);
  registerOpenAIRoutes(app, dialects, routeDeps);
  registerGeminiRoutes(app, dialects.gemini, routeDeps);
  registerModelRoutes(app, backend, now(), prices);
  const given = deps.renderLimitsTable;
  registerAdminRoutes(app, backend, given ? async () => given : loadTableRenderer);
  registerTelemetryRoutes(app);
  registerUsageRoutes(app, deps.usage);
  registerAccountToggleRoutes(app, backend);
  registerUiRoutes(app, {
    ...(deps.requestFeed ? { feed: deps.requestFeed } : {}),
    ...(config.apiKey ? { apiKey: config.apiKey } : {}),
    ...(deps.closing ? { closing: deps.closing } : {}),
  });
  return app;
}
