// Gives every request an id, echoed in X-Request-ID (and `request-id`, which some SDKs read).
import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../types.js';
import { addHeader, applyResponseHeaders } from './add-header.js';
import { readHeader } from '../read-headers.js';

// A client-chosen id is kept when it is short and plain, so a trace can follow one request end to end.
const SAFE_ID = /^[\w.:-]{1,128}$/;

export const newRequestId = (): string => `req_${randomUUID().replaceAll('-', '')}`;

export function requestId(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const given = readHeader(c, 'x-request-id');
    const id = given !== undefined && SAFE_ID.test(given) ? given : newRequestId();
    c.set('requestId', id);
    c.set('responseHeaders', {});
    addHeader(c, 'X-Request-ID', id);
    addHeader(c, 'request-id', id);
    // The outermost middleware: errors rendered further in are finished responses here too.
    await next();
    applyResponseHeaders(c);
  };
}
