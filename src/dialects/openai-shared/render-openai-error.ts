// The OpenAI error envelope, shared by the Chat Completions and Responses dialects.
import type { ErrorKind, GatewayError } from '../../canonical/index.js';
import { assertNever } from '../../canonical/index.js';
import type { RenderedError } from '../dialect.js';

export type OpenAIErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'permission_error'
  | 'rate_limit_error'
  | 'server_error';

/** The body every OpenAI SDK understands: `{error: {message, type, param, code}}`. */
export interface OpenAIErrorBody {
  error: {
    message: string;
    type: OpenAIErrorType;
    param: string | null;
    code: string | null;
  };
}

interface KindShape {
  type: OpenAIErrorType;
  code: string | null;
}

function shapeOf(err: GatewayError): KindShape {
  const kind: ErrorKind = err.kind;
  switch (kind) {
    case 'invalid_request':
      return { type: 'invalid_request_error', code: null };
    case 'not_found':
      // OpenAI's own code for an unknown model; other misses stay uncoded.
      return { type: 'invalid_request_error', code: err.param === 'model' ? 'model_not_found' : null };
    case 'too_large':
      return { type: 'invalid_request_error', code: 'request_too_large' };
    case 'auth':
      return { type: 'authentication_error', code: 'invalid_api_key' };
    case 'permission':
      return { type: 'permission_error', code: null };
    case 'rate_limited':
      return { type: 'rate_limit_error', code: 'rate_limit_exceeded' };
    case 'overloaded':
    case 'unavailable':
    case 'upstream':
    case 'timeout':
    case 'internal':
      return { type: 'server_error', code: null };
    default:
      return assertNever(kind);
  }
}

/** Just the `{error: {...}}` object, for an in-stream error after headers are out. */
export function openAIErrorBody(err: GatewayError): OpenAIErrorBody {
  const { type, code } = shapeOf(err);
  return { error: { message: err.message, type, param: err.param ?? null, code } };
}

/**
 * Renders a GatewayError as an OpenAI HTTP error. The request id travels in the X-Request-ID
 * header the server adds; OpenAI's body has no standard place for it.
 *
 * @example renderOpenAIError(notFound('Unknown model "x"'), 'req_1') // {status: 404, body: {error: ...}}
 */
export function renderOpenAIError(err: GatewayError, _requestId: string): RenderedError {
  const headers: Record<string, string> = {};
  if (err.retryAfterMs !== undefined) {
    headers['retry-after'] = String(Math.max(1, Math.ceil(err.retryAfterMs / 1000)));
    headers['retry-after-ms'] = String(Math.max(0, Math.round(err.retryAfterMs)));
  }
  // The SDKs retry 429 and 5xx unless told otherwise; say so when no retry can help.
  if (err.noRetry) headers['x-should-retry'] = 'false';
  const rendered: RenderedError = { status: err.status, body: openAIErrorBody(err) };
  if (Object.keys(headers).length > 0) rendered.headers = headers;
  return rendered;
}
