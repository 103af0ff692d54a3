// The OpenAI Chat Completions dialect: POST /v1/chat/completions and the OpenAI model list.
import type { Dialect } from '../dialect.js';
import { renderOpenAIError } from '../openai-shared/render-openai-error.js';
import { parseChatRequest } from './parse-request.js';
import { renderModelList } from './render-model-list.js';
import { renderChatResponse } from './render-response.js';
import { renderChatStream } from './render-stream.js';

export const openaiChatDialect: Dialect = {
  name: 'openai-chat',
  routes: [
    { method: 'POST', path: '/v1/chat/completions', does: 'generate' },
    // Without anthropic-version (see the Anthropic dialect's route on the same path).
    { method: 'GET', path: '/v1/models', does: 'list-models' },
  ],
  parseRequest: parseChatRequest,
  encodings: { sse: { contentType: 'text/event-stream', render: renderChatStream } },
  renderResponse: renderChatResponse,
  renderError: renderOpenAIError,
  errorClaims: [{ prefix: '/v1/chat/' }, { prefix: '/v1/models' }],
  models: { list: renderModelList },
};
