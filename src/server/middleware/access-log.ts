// One log line per request (method, path, status, duration) and the in-flight count for shutdown.
import type { MiddlewareHandler } from 'hono';
import type { Logger } from '../../log/logger.js';
import { CLIENT_CLOSED_STATUS, clientGone, watchClient } from '../client-gone.js';
import type { AppDeps, AppEnv } from '../types.js';
import { recordLogFields } from './record-log-fields.js';

/** `quiet` paths (telemetry) log at debug level only. */
export function accessLog(log: Logger, inflight?: AppDeps['inflight'], quiet: (path: string) => boolean = () => false): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    watchClient(c);
    inflight?.start();
    try {
      await next();
    } finally {
      inflight?.end();
      // c.res is the already-sent marker for streams, whose status is 200 once they began.
      const path = c.req.path;
      (quiet(path) ? log.debug : log.info)('request', recordLogFields(c.get('record'), {
        id: c.get('requestId'),
        method: c.req.method,
        path,
        status: clientGone(c) ? CLIENT_CLOSED_STATUS : c.res.status,
        ms: Math.round(performance.now() - started),
      }));
    }
  };
}
