// Gemini API: `models/{model}:generateContent | :streamGenerateContent | :countTokens`, under /v1beta
// and /v1, as @google/genai and gemini-cli-style clients call them.
import type { Handler, Hono } from 'hono';
import { notFound } from '../../canonical/index.js';
import type { Dialect } from '../../dialects/dialect.js';
import { asJsonArrayStream } from '../sse/sse-to-json-array.js';
import type { AppEnv } from '../types.js';
import { countTokensRoute, dialectRoute, type RouteDeps } from './dialect-route.js';

interface Target {
  model: string;
  action: string;
}

/** `gemini-3-flash:generateContent` → model and action. */
export function splitTarget(target: string): Target {
  const colon = target.lastIndexOf(':');
  if (colon <= 0) return { model: target, action: '' };
  return { model: target.slice(0, colon), action: target.slice(colon + 1) };
}

// countTokens also accepts the whole generateContent request under `generateContentRequest`.
function unwrapCountTokens(body: unknown): unknown {
  if (body && typeof body === 'object' && 'generateContentRequest' in body) {
    const inner = (body as { generateContentRequest: unknown }).generateContentRequest;
    if (inner && typeof inner === 'object') return inner;
  }
  return body;
}

export function geminiHandler(dialect: Dialect, deps: RouteDeps): Handler<AppEnv> {
  const targetOf = (c: Parameters<Handler<AppEnv>>[0]): Target => splitTarget(c.req.param('target') ?? '');
  const generate = dialectRoute(dialect, deps, (c) => ({ model: targetOf(c).model, stream: false }));
  const streamRoute = (c: Parameters<Handler<AppEnv>>[0]) => ({ model: targetOf(c).model, stream: true });
  const streamSse = dialectRoute(dialect, deps, streamRoute);
  const streamArray = dialectRoute(asJsonArrayStream(dialect), deps, streamRoute);
  const count = countTokensRoute(dialect, deps, (n) => ({ totalTokens: n }), {
    route: (c) => ({ model: targetOf(c).model, stream: false }),
    unwrap: unwrapCountTokens,
  });
  return (c, next) => {
    const { model, action } = targetOf(c);
    switch (action) {
      case 'generateContent':
        return generate(c, next);
      case 'streamGenerateContent':
        return c.req.query('alt') === 'sse' ? streamSse(c, next) : streamArray(c, next);
      case 'countTokens':
        return count(c, next);
      default:
        throw notFound(`"${action || '(none)'}" is not a method of models/${model}; use generateContent, streamGenerateContent or countTokens.`);
    }
  };
}

export function registerGeminiRoutes(app: Hono<AppEnv>, dialect: Dialect, deps: RouteDeps): void {
  const handler = geminiHandler(dialect, deps);
  app.post('/v1beta/models/:target', handler);
  app.post('/v1/models/:target', handler);
}
