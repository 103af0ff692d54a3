// Stands in for the Gemini dialect until it lands: its routes answer a Gemini-shaped 501-style error.
import { GatewayError, type ErrorKind } from '../canonical/index.js';
import type { Dialect } from '../dialects/dialect.js';

const STATUS_WORD: Record<ErrorKind, string> = {
  invalid_request: 'INVALID_ARGUMENT',
  auth: 'UNAUTHENTICATED',
  permission: 'PERMISSION_DENIED',
  not_found: 'NOT_FOUND',
  too_large: 'INVALID_ARGUMENT',
  rate_limited: 'RESOURCE_EXHAUSTED',
  overloaded: 'UNAVAILABLE',
  upstream: 'UNAVAILABLE',
  timeout: 'DEADLINE_EXCEEDED',
  internal: 'INTERNAL',
};

const unavailable = (): never => {
  throw new GatewayError('not_found', 'The Gemini dialect is not available in this build yet.');
};

export const geminiPlaceholder: Dialect = {
  name: 'gemini',
  parseRequest: unavailable,
  renderStream: unavailable,
  streamContentType: 'text/event-stream',
  renderResponse: unavailable,
  renderError: (err) => ({ status: err.status, body: { error: { code: err.status, message: err.message, status: STATUS_WORD[err.kind] } } }),
};
