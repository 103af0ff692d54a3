// OpenAI Chat Completions and Responses.
import type { Hono } from 'hono';
import type { AppEnv, DialectSet } from '../types.js';
import { dialectRoute, type RouteDeps } from './dialect-route.js';

export function registerOpenAIRoutes(app: Hono<AppEnv>, dialects: DialectSet, deps: RouteDeps): void {
  app.post('/v1/chat/completions', dialectRoute(dialects.openaiChat, deps));
  app.post('/v1/responses', dialectRoute(dialects.openaiResponses, deps));
}
