// The OpenAI Responses dialect (`POST /v1/responses`), with its in-memory previous_response_id store.
import type { Dialect } from '../dialect.js';
import { renderOpenAIError } from '../openai-shared/render-openai-error.js';
import { parseResponsesRequest } from './parse-request.js';
import { renderResponsesResponse } from './render-response.js';
import { renderResponsesStream } from './render-stream.js';
import { createResponseStore, DEFAULT_MAX_STORED } from './response-store.js';

export interface ResponsesDialectOptions {
  /** How many responses previous_response_id can refer to; the least recently used go first. */
  maxStored?: number;
}

/**
 * One instance per server: it owns the store that previous_response_id reads.
 *
 * @example const responses = createResponsesDialect({ maxStored: 500 });
 */
export function createResponsesDialect(opts: ResponsesDialectOptions = {}): Dialect {
  const store = createResponseStore(opts.maxStored ?? DEFAULT_MAX_STORED);
  return {
    name: 'openai-responses',
    routes: [{ method: 'POST', path: '/v1/responses', does: 'generate' }],
    parseRequest: (body, ctx) => parseResponsesRequest(body, ctx, store),
    encodings: { sse: { contentType: 'text/event-stream', render: (events, ctx) => renderResponsesStream(events, ctx, store) } },
    renderResponse: (res, ctx) => renderResponsesResponse(res, ctx, store),
    renderError: renderOpenAIError,
    errorClaims: [{ prefix: '/v1/responses' }],
  };
}
