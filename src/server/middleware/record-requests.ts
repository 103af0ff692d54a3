// Finishes the usage record of a request that reached the pool once its answer is out (status, latency,
// cost) and publishes it: the dashboard's live log and the ledger writer listen on the feed, and the
// access log line, written after this, reads the same record.
import type { Context, MiddlewareHandler } from 'hono';
import { GatewayError } from '../../canonical/index.js';
import type { PriceTable } from '../../usage/price-table.js';
import { CLIENT_CLOSED, type RequestRecord } from '../../usage/request-record.js';
import { elapsedMs } from '../begin-record.js';
import type { AppEnv } from '../types.js';

function finishRecord(c: Context<AppEnv>, r: RequestRecord, prices: PriceTable): void {
  const out = c.env?.outgoing;
  const gone = c.get('clientGone')?.aborted === true;
  // A failure the pipeline did not note itself (one before the first byte) is the error hono rendered.
  if (gone) r.errorKind = CLIENT_CLOSED;
  else if (r.errorKind === undefined && c.error !== undefined) r.errorKind = c.error instanceof GatewayError ? c.error.kind : 'internal';
  // A stream or a folded answer was written on the node response; errors are still hono's answer here.
  r.status = gone ? 499 : out?.headersSent ? out.statusCode : c.res.status;
  r.latencyMs = elapsedMs(c);
  const cost = prices.costOf(r.modelServed ?? r.modelAsked, r);
  if (cost !== undefined) r.costUsd = cost;
}

export function recordRequests(prices: PriceTable, publish?: (r: RequestRecord) => void): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('startedAt', performance.now());
    try {
      await next();
    } finally {
      const r = c.get('record');
      if (r !== undefined) {
        const done = (): void => {
          finishRecord(c, r, prices);
          publish?.(r);
        };
        // Without node:http (app.request) a stream is still being read when the handler returns.
        const pending = c.get('recordPending');
        if (pending === undefined) done();
        else void pending.then(done);
      }
    }
  };
}
