// GatewayError → Anthropic error status, body and headers.
import type { ErrorKind, GatewayError } from '../../canonical/index.js';
import { ERROR_KINDS } from '../../canonical/index.js';
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

const TYPES: Readonly<Record<ErrorKind, AnthropicErrorType>> = {
  invalid_request: 'invalid_request_error',
  too_large: 'request_too_large',
  auth: 'authentication_error',
  permission: 'permission_error',
  not_found: 'not_found_error',
  rate_limited: 'rate_limit_error',
  overloaded: 'overloaded_error',
  // The pool cannot serve (no usable account, memory full): "try later", never a problem with the client's key.
  unavailable: 'overloaded_error',
  upstream: 'api_error',
  timeout: 'api_error',
  internal: 'api_error',
};

/**
 * Status and error type per kind. The status is the canonical one except for overloaded: 529 is what
 * Anthropic SDKs and Claude Code know as overloaded.
 */
export function anthropicErrorType(kind: ErrorKind): { status: number; type: AnthropicErrorType } {
  return { status: kind === 'overloaded' ? 529 : ERROR_KINDS[kind].status, type: TYPES[kind] };
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
