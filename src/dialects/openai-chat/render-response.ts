// A folded canonical response → a `chat.completion` object.
import type { CanonicalResponse } from '../../canonical/index.js';
import type { RenderContext } from '../dialect.js';
import { mapFinishReason } from './map-finish-reason.js';
import type { ChatFinishReason } from './map-finish-reason.js';
import { completionId, renderUsage } from './render-usage.js';
import type { ChatUsage } from './render-usage.js';

export interface ChatToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export interface ChatMessage {
  role: 'assistant';
  content: string | null;
  refusal: null;
  tool_calls?: ChatToolCall[];
  reasoning_content?: string;
}

export interface ChatCompletion {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  choices: Array<{ index: 0; message: ChatMessage; logprobs: null; finish_reason: ChatFinishReason }>;
  usage: ChatUsage;
}

export function renderChatResponse(res: CanonicalResponse, ctx: RenderContext): ChatCompletion {
  let text = '';
  let reasoning = '';
  const toolCalls: ChatToolCall[] = [];
  for (const part of res.content) {
    if (part.type === 'text') text += part.text;
    else if (part.type === 'thinking') reasoning += part.text;
    else toolCalls.push({ id: part.id, type: 'function', function: { name: part.name, arguments: JSON.stringify(part.input) } });
  }
  const message: ChatMessage = { role: 'assistant', content: text === '' && toolCalls.length > 0 ? null : text, refusal: null };
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  if (reasoning !== '') message.reasoning_content = reasoning;
  return {
    id: completionId(res.id, ctx.requestId),
    object: 'chat.completion',
    created: ctx.now(),
    model: ctx.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: mapFinishReason(res.finishReason, toolCalls.length > 0) }],
    usage: renderUsage(res.usage),
  };
}
