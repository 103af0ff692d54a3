// The Anthropic Messages dialect: POST /v1/messages (and count_tokens through parseCountTokensRequest).
import type { Dialect } from '../dialect.js';
import { parseRequest } from './parse-request.js';
import { renderError } from './render-error.js';
import { renderResponse } from './render-response.js';
import { renderStream } from './render-stream.js';

export const anthropicDialect: Dialect = {
  name: 'anthropic',
  parseRequest,
  renderStream,
  streamContentType: 'text/event-stream',
  renderResponse,
  renderError,
};

export { parseCountTokensRequest } from './parse-request.js';
export { anthropicErrorType } from './render-error.js';
