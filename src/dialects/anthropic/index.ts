// The Anthropic Messages dialect: POST /v1/messages, count_tokens, its model list, Claude Code's telemetry.
import type { Dialect } from '../dialect.js';
import { parseCountTokensRequest, parseRequest } from './parse-request.js';
import { renderError } from './render-error.js';
import { renderModelList } from './render-model-list.js';
import { renderResponse } from './render-response.js';
import { renderStream } from './render-stream.js';
import { errorClaims, routes } from './routes.js';

export const anthropicDialect: Dialect = {
  name: 'anthropic',
  routes,
  parseRequest,
  encodings: { sse: { contentType: 'text/event-stream', render: renderStream } },
  renderResponse,
  renderError,
  errorClaims,
  countTokens: { parse: parseCountTokensRequest, render: (tokens) => ({ input_tokens: tokens }) },
  models: { list: renderModelList },
};
