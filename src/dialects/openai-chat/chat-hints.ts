// What the chat dialect keeps in request.hints for its own renderer.
import type { CanonicalRequest } from '../../canonical/index.js';

export const CHAT_HINTS_KEY = 'openai-chat';

export interface ChatHints {
  /** stream_options.include_usage: one extra chunk with usage before [DONE]. */
  includeUsage: boolean;
}

export function readChatHints(req: CanonicalRequest): ChatHints {
  return { includeUsage: req.hints?.[CHAT_HINTS_KEY]?.['includeUsage'] === true };
}
