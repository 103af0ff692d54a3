import type { TextPart, ThinkingPart, ToolCallPart } from './content.js';
import type { FinishReason } from './finish-reason.js';
import type { Usage } from './usage.js';

/** A whole answer: what foldEvents makes of a stream, for non-streaming replies. */
export interface CanonicalResponse {
  id: string;
  model: string;
  content: Array<TextPart | ThinkingPart | ToolCallPart>;
  finishReason: FinishReason;
  rawFinishReason?: string;
  usage: Usage;
}
