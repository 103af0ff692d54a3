// The one generation handler every dialect's route uses: read → parse → generate → render.
import type { Context, Handler } from 'hono';
import type { Dialect, ParseContext } from '../../dialects/dialect.js';
import type { Backend } from '../../pool/backend.js';
import { readJsonBody } from '../middleware/body-limit.js';
import { abortOnDisconnect, runGeneration, type PipelineDeps } from '../pipeline.js';
import { readHeaders } from '../read-headers.js';
import { beginRecord, elapsedMs } from '../begin-record.js';
import type { AppEnv } from '../types.js';

export interface RouteDeps extends PipelineDeps {
  bodyLimitBytes: number;
}

/** What a route learns from its path (Gemini: model and stream flag); undefined for the others. */
export type RouteInfo = (c: Context<AppEnv>) => ParseContext['route'];

function parseContext(c: Context<AppEnv>, route: RouteInfo | undefined): ParseContext {
  const ctx: ParseContext = { requestId: c.get('requestId'), headers: readHeaders(c) };
  const r = route?.(c);
  if (r !== undefined) ctx.route = r;
  return ctx;
}

/** Serves generation in one dialect. */
export function dialectRoute(dialect: Dialect, deps: RouteDeps, route?: RouteInfo): Handler<AppEnv> {
  return async (c) => {
    const body = await readJsonBody(c, deps.bodyLimitBytes);
    const req = dialect.parseRequest(body, parseContext(c, route));
    return runGeneration(c, dialect, req, deps);
  };
}

/** Serves token counting in one dialect: the request parsed as for generation, then counted. */
export function countTokensRoute(
  dialect: Dialect,
  deps: { backend: Backend; bodyLimitBytes: number },
  answer: (tokens: number) => object,
  options: { route?: RouteInfo; unwrap?: (body: unknown) => unknown; parse?: Dialect['parseRequest'] } = {},
): Handler<AppEnv> {
  return async (c) => {
    const raw = await readJsonBody(c, deps.bodyLimitBytes);
    const body = options.unwrap ? options.unwrap(raw) : raw;
    const parse = options.parse ?? dialect.parseRequest;
    const req = parse(body, parseContext(c, options.route));
    const signal = abortOnDisconnect(c);
    const record = beginRecord(c, dialect.name, req);
    const tokens = await deps.backend.countTokens(req, signal, record);
    record.ttfbMs = elapsedMs(c);
    return c.json(answer(tokens));
  };
}
