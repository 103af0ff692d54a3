import type { Usage } from '../../canonical/index.js';
import type { GeminiUsageMetadata } from '../../protocols/gemini.js';

/** promptTokenCount includes cached tokens; output is visible plus thinking tokens. */
export function mapUsage(meta: GeminiUsageMetadata): Usage {
  const thoughts = meta.thoughtsTokenCount ?? 0;
  const usage: Usage = {
    inputTokens: meta.promptTokenCount ?? 0,
    outputTokens: (meta.candidatesTokenCount ?? 0) + thoughts,
  };
  if (meta.cachedContentTokenCount) usage.cachedInputTokens = meta.cachedContentTokenCount;
  if (thoughts) usage.reasoningTokens = thoughts;
  return usage;
}
