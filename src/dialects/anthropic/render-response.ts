// The folded CanonicalResponse → an Anthropic Message object.
import type { CanonicalResponse, TextPart, ThinkingPart, ToolCallPart } from '../../canonical/index.js';
import { assertNever } from '../../canonical/index.js';
import type { RenderContext } from '../dialect.js';
import { mapFinishReason } from './map-finish-reason.js';
import type { StopReason } from './map-finish-reason.js';
import { renderUsage, toMessageId } from './render-usage.js';
import type { AnthropicUsage } from './render-usage.js';

export type ResponseBlock =
  | { type: 'text'; text: string }
  | { type: 'thinking'; thinking: string; signature: string }
  | { type: 'redacted_thinking'; data: string }
  | { type: 'tool_use'; id: string; name: string; input: Record<string, unknown> };

export interface AnthropicMessage {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: ResponseBlock[];
  stop_reason: StopReason;
  stop_sequence: null;
  usage: AnthropicUsage;
}

export function renderResponse(res: CanonicalResponse, ctx: RenderContext): AnthropicMessage {
  const hideThinking = ctx.request.thinking?.includeThoughts === false;
  return {
    id: toMessageId(res.id),
    type: 'message',
    role: 'assistant',
    model: ctx.model,
    content: res.content.map((p) => toBlock(p, hideThinking)),
    stop_reason: mapFinishReason(res.finishReason, res.content.some((p) => p.type === 'tool-call'), res.rawFinishReason),
    stop_sequence: null,
    usage: renderUsage(res.usage),
  };
}

function toBlock(p: TextPart | ThinkingPart | ToolCallPart, hideThinking: boolean): ResponseBlock {
  switch (p.type) {
    case 'text':
      return { type: 'text', text: p.text };
    case 'thinking':
      if (p.redacted) return { type: 'redacted_thinking', data: p.signature ?? '' };
      return { type: 'thinking', thinking: hideThinking ? '' : p.text, signature: p.signature ?? '' };
    case 'tool-call':
      return { type: 'tool_use', id: p.id, name: p.name, input: p.input };
    default:
      return assertNever(p);
  }
}
