import type { Usage } from '../../canonical/index.js';

export interface ChatUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details: { cached_tokens: number };
  completion_tokens_details: { reasoning_tokens: number };
}

/** Canonical usage already counts cached tokens in input and reasoning in output, as OpenAI does. */
export function renderUsage(usage: Usage): ChatUsage {
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
    prompt_tokens_details: { cached_tokens: usage.cachedInputTokens ?? 0 },
    completion_tokens_details: { reasoning_tokens: usage.reasoningTokens ?? 0 },
  };
}

/** `chatcmpl-` + the upstream's message id (or our request id when it has none). */
export function completionId(messageId: string, requestId: string): string {
  const base = messageId || requestId;
  return base.startsWith('chatcmpl-') ? base : `chatcmpl-${base}`;
}
