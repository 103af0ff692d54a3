// GatewayError → Anthropic error status, body and headers.
import type { ErrorKind, GatewayError } from '../../canonical/index.js';
import { assertNever } from '../../canonical/index.js';
import type { RenderedError } from '../dialect.js';

export type AnthropicErrorType =
  | 'invalid_request_error'
  | 'request_too_large'
  | 'authentication_error'
  | 'permission_error'
  | 'not_found_error'
  | 'rate_limit_error'
  | 'api_error'
  | 'overloaded_error';

export interface AnthropicErrorBody {
  type: 'error';
  error: { type: AnthropicErrorType; message: string };
  request_id?: string;
}

/** Status and error type per kind; 529 is what Anthropic SDKs and Claude Code know as overloaded. */
export function anthropicErrorType(kind: ErrorKind): { status: number; type: AnthropicErrorType } {
  switch (kind) {
    case 'invalid_request':
      return { status: 400, type: 'invalid_request_error' };
    case 'too_large':
      return { status: 413, type: 'request_too_large' };
    case 'auth':
      return { status: 401, type: 'authentication_error' };
    case 'permission':
      return { status: 403, type: 'permission_error' };
    case 'not_found':
      return { status: 404, type: 'not_found_error' };
    case 'rate_limited':
      return { status: 429, type: 'rate_limit_error' };
    case 'overloaded':
      return { status: 529, type: 'overloaded_error' };
    case 'unavailable':
      return { status: 503, type: 'api_error' };
    case 'upstream':
      return { status: 502, type: 'api_error' };
    case 'timeout':
      return { status: 504, type: 'api_error' };
    case 'internal':
      return { status: 500, type: 'api_error' };
    default:
      return assertNever(kind);
  }
}

export function renderError(err: GatewayError, requestId: string): RenderedError {
  const { status, type } = anthropicErrorType(err.kind);
  const body: AnthropicErrorBody = { type: 'error', error: { type, message: err.message }, request_id: requestId };
  // The Anthropic SDK reads the request id from this header.
  const headers: Record<string, string> = { 'request-id': requestId };
  if (err.retryAfterMs !== undefined) headers['retry-after'] = String(Math.max(1, Math.ceil(err.retryAfterMs / 1000)));
  if (err.noRetry) headers['x-should-retry'] = 'false';
  return { status, body, headers };
}
