// The handlers every dialect's routes use: read → parse → generate → render, and token counting.
import type { Context } from 'hono';
import type { Dialect, ParseContext, StreamEncoding } from '../../dialects/dialect.js';
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

/** A route's handler; `model` is the `{model}` of its path, when the path has one. */
export type ModelHandler = (c: Context<AppEnv>, model: string | undefined) => Response | Promise<Response>;

/** The route's own say (model from the path, a fixed stream flag) only where it has one. */
function parseContext(c: Context<AppEnv>, model: string | undefined, stream: boolean | undefined): ParseContext {
  const ctx: ParseContext = { requestId: c.get('requestId'), headers: readHeaders(c) };
  if (model !== undefined || stream !== undefined) ctx.route = { model, stream: stream === true };
  return ctx;
}

/** Serves generation in one dialect, streaming in `encoding`; `stream` set: the route decides streaming. */
export function generateHandler(dialect: Dialect, encoding: StreamEncoding, stream: boolean | undefined, deps: RouteDeps): ModelHandler {
  return async (c, model) => {
    const hold = holdBody(deps.bodyMemory);
    try {
      const body = await readJsonBody(c, deps.bodyLimitBytes, deps.bodyMemory, hold);
      const req = dialect.parseRequest(body, parseContext(c, model, stream));
      // On node:http this returns once the answer is written, so the body is held until then.
      return await runGeneration(c, dialect, encoding, req, deps);
    } finally {
      hold.release();
    }
  };
}

/** Serves token counting in one dialect: the request parsed as the dialect says, then counted. */
export function countTokensHandler(dialect: Dialect, count: NonNullable<Dialect['countTokens']>, deps: RouteDeps): ModelHandler {
  const parse = count.parse ?? dialect.parseRequest;
  return async (c, model) => {
    const hold = holdBody(deps.bodyMemory);
    try {
      const body = await readJsonBody(c, deps.bodyLimitBytes, deps.bodyMemory, hold);
      const req = parse(body, parseContext(c, model, undefined));
      const request = abortOnDisconnect(c);
      const record = beginRecord(c, dialect.name, req);
      const tokens = await deps.backend.countTokens(req, request.signal, record, request);
      record.ttfbMs = elapsedMs(c);
      return c.json(count.render(tokens) as object);
    } finally {
      hold.release();
    }
  };
}
