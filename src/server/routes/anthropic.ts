// Anthropic Messages: Claude Code and @anthropic-ai/sdk (`?beta=true` is served by the same route).
import type { Hono } from 'hono';
import { parseCountTokensRequest } from '../../dialects/anthropic/index.js';
import type { Dialect } from '../../dialects/dialect.js';
import type { AppEnv } from '../types.js';
import { countTokensRoute, dialectRoute, type RouteDeps } from './dialect-route.js';

export function registerAnthropicRoutes(app: Hono<AppEnv>, dialect: Dialect, deps: RouteDeps): void {
  app.post('/v1/messages', dialectRoute(dialect, deps));
  app.post(
    '/v1/messages/count_tokens',
    countTokensRoute(dialect, deps, (n) => ({ input_tokens: n }), { parse: parseCountTokensRequest }),
  );
}
