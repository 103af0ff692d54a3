// GatewayError → Google's error envelope `{error: {code, message, status, details?}}`.
import { assertNever } from '../../canonical/index.js';
import type { ErrorKind, GatewayError } from '../../canonical/index.js';
import type { GoogleErrorBody, GoogleErrorDetail } from '../../protocols/gemini.js';
import type { RenderedError } from '../dialect.js';

function statusWord(kind: ErrorKind): string {
  switch (kind) {
    case 'invalid_request':
    case 'too_large':
      return 'INVALID_ARGUMENT';
    case 'auth':
      return 'UNAUTHENTICATED';
    case 'permission':
      return 'PERMISSION_DENIED';
    case 'not_found':
      return 'NOT_FOUND';
    case 'rate_limited':
      return 'RESOURCE_EXHAUSTED';
    case 'overloaded':
    case 'unavailable':
    case 'upstream':
      return 'UNAVAILABLE';
    case 'timeout':
      return 'DEADLINE_EXCEEDED';
    case 'internal':
      return 'INTERNAL';
    default:
      return assertNever(kind);
  }
}

/**
 * @example renderGeminiError(notFound('models/x is not found'), 'req_1')
 * // {status: 404, body: {error: {code: 404, message: '...', status: 'NOT_FOUND'}}}
 */
export function renderGeminiError(err: GatewayError, requestId: string): RenderedError & { body: GoogleErrorBody } {
  const details: GoogleErrorDetail[] = [];
  const headers: Record<string, string> = {};
  if (err.retryAfterMs !== undefined) {
    const seconds = Math.max(0, err.retryAfterMs) / 1000;
    details.push({ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${seconds}s` });
    headers['retry-after'] = String(Math.max(1, Math.ceil(seconds)));
  }
  // Google's SDKs do not read it, but a client that does (or a proxy in front) learns the same as OpenAI's and Anthropic's.
  if (err.noRetry) headers['x-should-retry'] = 'false';
  // Google bodies have no request-id field; ErrorInfo metadata is where such facts go.
  details.push({
    '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
    reason: err.upstream?.reason ?? err.kind.toUpperCase(),
    domain: 'gateway',
    metadata: { requestId, ...(err.param !== undefined ? { field: err.param } : {}) },
  });
  const body: GoogleErrorBody = { error: { code: err.status, message: err.message, status: statusWord(err.kind), details } };
  return Object.keys(headers).length > 0 ? { status: err.status, body, headers } : { status: err.status, body };
}
