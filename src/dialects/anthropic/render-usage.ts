// Canonical usage → Anthropic usage, whose input_tokens leaves the cached tokens out.
import type { Usage } from '../../canonical/index.js';

export interface AnthropicUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

export function renderUsage(u: Usage): AnthropicUsage {
  const cached = u.cachedInputTokens ?? 0;
  return {
    input_tokens: Math.max(0, u.inputTokens - cached),
    output_tokens: u.outputTokens,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: cached,
  };
}

/** Anthropic message ids start with msg_; upstream ids are kept inside for tracing. */
export const toMessageId = (id: string): string => (id.startsWith('msg_') ? id : `msg_${id || 'gateway'}`);
