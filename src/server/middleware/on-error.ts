// The one place a thrown error becomes an HTTP answer, rendered by the dialect the client spoke.
import type { Context, ErrorHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { toGatewayError, type GatewayError } from '../../canonical/index.js';
import type { Logger } from '../../log/logger.js';
import { clientGone } from '../client-gone.js';
import { errorDialectOf, type ErrorDialect } from '../error-dialect.js';
import type { AppEnv } from '../types.js';
import { newRequestId } from './request-id.js';

/** Renders a GatewayError in the dialect that claims the request; used by onError and notFound. */
export function renderGatewayError(c: Context<AppEnv>, err: GatewayError, pick: ErrorDialect): Response {
  const id = c.get('requestId') ?? newRequestId();
  const rendered = errorDialectOf(c, pick).renderError(err, id);
  const headers: Record<string, string> = { 'X-Request-ID': id, 'request-id': id, ...rendered.headers };
  return c.json(rendered.body, rendered.status as ContentfulStatusCode, headers);
}

export function onError(pick: ErrorDialect, log: Logger): ErrorHandler<AppEnv> {
  return (e, c) => {
    const err = toGatewayError(e);
    const id = c.get('requestId');
    // The client left (its abort reached the upstream call): its own choice, not our failure.
    if (clientGone(c)) log.info('client disconnected', { id, path: c.req.path });
    else if (err.kind === 'internal') log.error('unexpected error', { id, error: String(e), stack: e.stack });
    else log.debug('request failed', { id, kind: err.kind, message: err.message });
    const outgoing = c.env?.outgoing;
    if (outgoing?.headersSent) {
      // A stream already under way cannot change its status; the writer ends it with an error event.
      if (!outgoing.writableEnded) outgoing.end();
      return RESPONSE_ALREADY_SENT;
    }
    return renderGatewayError(c, err, pick);
  };
}
