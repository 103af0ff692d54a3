// The Gemini dialect: `models/{model}:generateContent | :streamGenerateContent | :countTokens` and the model list.
import type { Dialect } from '../dialect.js';
import { parseCountTokensRequest } from './parse-count-tokens.js';
import { parseGeminiRequest } from './parse-request.js';
import { renderGeminiError } from './render-error.js';
import { renderModel, renderModelList } from './render-models.js';
import { renderGeminiResponse } from './render-response.js';
import { renderGeminiJsonArrayStream, renderGeminiSseStream } from './render-stream.js';
import { errorClaims, routes } from './routes.js';

export const geminiDialect: Dialect = {
  name: 'gemini',
  routes,
  parseRequest: parseGeminiRequest,
  encodings: {
    sse: { contentType: 'text/event-stream', render: renderGeminiSseStream },
    'json-array': { contentType: 'application/json; charset=utf-8', render: renderGeminiJsonArrayStream },
  },
  renderResponse: renderGeminiResponse,
  renderError: renderGeminiError,
  errorClaims,
  countTokens: { parse: parseCountTokensRequest, render: (tokens) => ({ totalTokens: tokens }) },
  models: { list: renderModelList, get: renderModel },
};
