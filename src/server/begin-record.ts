// The usage record of a request that reaches the pool: started here when the dialect has parsed it,
// filled by the pool (account, attempts) and the pipeline (tokens, first byte, error), and finished
// by the recordRequests middleware once the answer is out.
import type { Context } from 'hono';
import type { CanonicalRequest, Usage } from '../canonical/index.js';
import type { RequestRecord } from '../usage/request-record.js';
import { clientOf } from '../usage/client-of.js';
import { readHeader } from './read-headers.js';
import type { AppEnv } from './types.js';

/** A path that names its model (`models/{model}:verb`) is recorded as `{model}`, so that routes group. */
function routeOf(c: Context<AppEnv>): string {
  const path = c.req.path;
  const colon = path.lastIndexOf(':');
  if (colon === -1) return `${c.req.method} ${path}`;
  const slash = path.lastIndexOf('/', colon);
  return `${c.req.method} ${path.slice(0, slash + 1)}{model}${path.slice(colon)}`;
}

/** Starts the record of this request; the pool and the pipeline fill in the rest. */
export function beginRecord(c: Context<AppEnv>, dialect: string, req: CanonicalRequest): RequestRecord {
  // The wall clock for `at` (performance.now() stands still while a laptop sleeps), the monotonic one for durations.
  const record: RequestRecord = {
    id: req.requestId,
    at: Date.now() - elapsedMs(c),
    dialect,
    route: routeOf(c),
    modelAsked: req.model,
    strategy: '',
    attempts: 0,
    failovers: 0,
    status: 0,
    inputTokens: 0,
    outputTokens: 0,
    thinkingTokens: 0,
    cachedTokens: 0,
    latencyMs: 0,
    streamed: req.stream,
  };
  const keyLabel = c.get('keyLabel');
  if (keyLabel !== undefined) record.keyLabel = keyLabel;
  const client = clientOf(readHeader(c, 'user-agent'));
  if (client !== undefined) record.client = client;
  c.set('record', record);
  return record;
}

/** ms since the request arrived, for ttfbMs and latencyMs. */
export function elapsedMs(c: Context<AppEnv>): number {
  return Math.round(performance.now() - (c.get('startedAt') ?? performance.now()));
}

export function noteUsage(record: RequestRecord, usage: Usage): void {
  record.inputTokens = usage.inputTokens;
  record.outputTokens = usage.outputTokens;
  record.thinkingTokens = usage.reasoningTokens ?? 0;
  record.cachedTokens = usage.cachedInputTokens ?? 0;
}
