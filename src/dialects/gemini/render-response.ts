// A folded canonical response → one GenerateContentResponse (the same shape as a stream chunk).
import type { CanonicalResponse } from '../../canonical/index.js';
import type { GeminiGenerateContentResponse } from '../../protocols/gemini.js';
import type { RenderContext } from '../dialect.js';
import { toGeminiPart, toUsageMetadata } from './build-parts.js';
import { mapFinishReason } from './map-finish-reason.js';

export function renderGeminiResponse(res: CanonicalResponse, ctx: RenderContext): GeminiGenerateContentResponse {
  const parts = res.content.map(toGeminiPart);
  return {
    candidates: [
      {
        ...(parts.length > 0 ? { content: { role: 'model', parts } } : {}),
        finishReason: mapFinishReason(res.finishReason, res.rawFinishReason),
        index: 0,
      },
    ],
    usageMetadata: toUsageMetadata(res.usage),
    modelVersion: ctx.model,
    responseId: res.id || ctx.requestId,
  };
}
