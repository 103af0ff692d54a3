// The OpenAI Chat Completions dialect: POST /v1/chat/completions.
import type { Dialect } from '../dialect.js';
import { renderOpenAIError } from '../openai-shared/render-openai-error.js';
import { parseChatRequest } from './parse-request.js';
import { renderChatResponse } from './render-response.js';
import { renderChatStream } from './render-stream.js';

export const openaiChatDialect: Dialect = {
  name: 'openai-chat',
  parseRequest: parseChatRequest,
  renderStream: renderChatStream,
  streamContentType: 'text/event-stream',
  renderResponse: renderChatResponse,
  renderError: renderOpenAIError,
};

export { parseChatRequest, renderChatStream, renderChatResponse };
export type { ChatHints } from './chat-hints.js';
export { readChatHints, CHAT_HINTS_KEY } from './chat-hints.js';
