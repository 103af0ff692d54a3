// Canonical parts and usage → Gemini wire parts and usageMetadata (shared by stream and response).
import { assertNever } from '../../canonical/index.js';
import type { CanonicalResponse, Usage } from '../../canonical/index.js';
import type { GeminiPart, GeminiUsageMetadata } from '../../protocols/gemini.js';

export function toGeminiPart(part: CanonicalResponse['content'][number]): GeminiPart {
  const sig = part.signature !== undefined ? { thoughtSignature: part.signature } : {};
  switch (part.type) {
    case 'text':
      return { text: part.text, ...sig };
    case 'thinking':
      return { text: part.text, thought: true, ...sig };
    case 'tool-call':
      return { functionCall: { id: part.id, name: part.name, args: part.input }, ...sig };
    default:
      return assertNever(part);
  }
}

export function toUsageMetadata(u: Usage): GeminiUsageMetadata {
  const thoughts = u.reasoningTokens ?? 0;
  return {
    promptTokenCount: u.inputTokens,
    candidatesTokenCount: Math.max(0, u.outputTokens - thoughts),
    ...(thoughts > 0 ? { thoughtsTokenCount: thoughts } : {}),
    ...(u.cachedInputTokens ? { cachedContentTokenCount: u.cachedInputTokens } : {}),
    totalTokenCount: u.inputTokens + u.outputTokens,
  };
}
