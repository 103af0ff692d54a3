// The one generation handler every dialect's route uses: read → parse → generate → render.
import type { Context, Handler } from 'hono';
import type { Dialect, ParseContext } from '../../dialects/dialect.js';
import type { Backend } from '../../pool/backend.js';
import type { BodyMemory } from '../body-memory.js';
import { holdBody, readJsonBody } from '../middleware/body-limit.js';
import { abortOnDisconnect, runGeneration, type PipelineDeps } from '../pipeline.js';
import { readHeaders } from '../read-headers.js';
import { beginRecord, elapsedMs } from '../begin-record.js';
import type { AppEnv } from '../types.js';

export interface RouteDeps extends PipelineDeps {
  bodyLimitBytes: number;
  /** Shared by every request of the server; bodies past it are refused (503) before they are read. */
  bodyMemory?: BodyMemory;
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
    const hold = holdBody(deps.bodyMemory);
    try {
      const body = await readJsonBody(c, deps.bodyLimitBytes, deps.bodyMemory, hold);
      const req = dialect.parseRequest(body, parseContext(c, route));
      // On node:http this returns once the answer is written, so the body is held until then.
      return await runGeneration(c, dialect, req, deps);
    } finally {
      hold.release();
    }
  };
}

/** Serves token counting in one dialect: the request parsed as for generation, then counted. */
export function countTokensRoute(
  dialect: Dialect,
  deps: { backend: Backend; bodyLimitBytes: number; bodyMemory?: BodyMemory },
  answer: (tokens: number) => object,
  options: { route?: RouteInfo; unwrap?: (body: unknown) => unknown; parse?: Dialect['parseRequest'] } = {},
): Handler<AppEnv> {
  return async (c) => {
    const hold = holdBody(deps.bodyMemory);
    try {
      const raw = await readJsonBody(c, deps.bodyLimitBytes, deps.bodyMemory, hold);
      const body = options.unwrap ? options.unwrap(raw) : raw;
      const parse = options.parse ?? dialect.parseRequest;
      const req = parse(body, parseContext(c, options.route));
      const signal = abortOnDisconnect(c);
      const record = beginRecord(c, dialect.name, req);
      const tokens = await deps.backend.countTokens(req, signal, record);
      record.ttfbMs = elapsedMs(c);
      return c.json(answer(tokens));
    } finally {
      hold.release();
    }
  };
}
