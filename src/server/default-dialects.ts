// The real dialects, one instance per server (the Responses dialect owns its response store).
import { anthropicDialect } from '../dialects/anthropic/index.js';
import { geminiDialect } from '../dialects/gemini/index.js';
import { openaiChatDialect } from '../dialects/openai-chat/index.js';
import { createResponsesDialect } from '../dialects/openai-responses/index.js';
import type { DialectSet } from './types.js';

export function defaultDialects(): DialectSet {
  return {
    anthropic: anthropicDialect,
    openaiChat: openaiChatDialect,
    openaiResponses: createResponsesDialect(),
    gemini: geminiDialect,
  };
}
