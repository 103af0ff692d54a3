// The Gemini dialect (`/v1beta/models/{model}:generateContent` and friends).
import type { Dialect } from '../dialect.js';
import { parseGeminiRequest } from './parse-request.js';
import { renderGeminiError } from './render-error.js';
import { renderGeminiResponse } from './render-response.js';
import { renderGeminiSseStream } from './render-stream.js';

/**
 * `renderStream` is the `?alt=sse` form; a route serving streamGenerateContent without `alt=sse`
 * uses `renderJsonArrayStream` (content type application/json) instead.
 */
export const geminiDialect: Dialect = {
  name: 'gemini',
  parseRequest: parseGeminiRequest,
  renderStream: renderGeminiSseStream,
  streamContentType: 'text/event-stream',
  renderResponse: renderGeminiResponse,
  renderError: renderGeminiError,
};

export { renderJsonArrayStream, renderGeminiChunks } from './render-stream.js';
export type { GeminiStreamItem } from './render-stream.js';
export { parseGeminiCountTokens, renderGeminiCountTokens } from './count-tokens.js';
export { modelFromRoute } from './parse-request.js';
export const JSON_ARRAY_CONTENT_TYPE = 'application/json';
