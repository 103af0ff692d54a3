// The Gemini dialect (`/v1beta/models/{model}:generateContent` and friends).
import type { Dialect } from '../dialect.js';
import { parseGeminiRequest } from './parse-request.js';
import { renderGeminiError } from './render-error.js';
import { renderGeminiResponse } from './render-response.js';
import { renderGeminiSseStream } from './render-stream.js';

/** `renderStream` is the `?alt=sse` form; server/sse/sse-to-json-array.ts makes the JSON-array form. */
export const geminiDialect: Dialect = {
  name: 'gemini',
  parseRequest: parseGeminiRequest,
  renderStream: renderGeminiSseStream,
  streamContentType: 'text/event-stream',
  renderResponse: renderGeminiResponse,
  renderError: renderGeminiError,
};

export { renderGeminiChunks } from './render-stream.js';
export type { GeminiStreamItem } from './render-stream.js';
