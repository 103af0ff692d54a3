// POST /v1/chat/completions body → CanonicalRequest.
import type { CanonicalRequest } from '../../canonical/index.js';
import type { ParseContext } from '../dialect.js';
import { invalidAt, validate } from '../validate.js';
import { parseMessages } from './parse-messages.js';
import { isResponsesShaped, parseResponsesShaped } from './parse-responses-shaped.js';
import { parseReasoningEffort, parseResponseFormat, parseToolChoice, parseTools } from './parse-options.js';
import { CHAT_HINTS_KEY } from './chat-hints.js';
import type { ChatHints } from './chat-hints.js';
import { chatRequestSchema } from './schema.js';

/**
 * Parses a Chat Completions request (or a Responses-shaped one, as Cursor's agent sends). Unknown
 * fields are ignored; a wrong one is a 400 naming its path.
 *
 * @example parseChatRequest({model: 'gemini-3-flash', messages: [{role: 'user', content: 'hi'}]}, ctx)
 */
export function parseChatRequest(body: unknown, ctx: ParseContext): CanonicalRequest {
  if (isResponsesShaped(body)) return parseResponsesShaped(body, ctx);
  const wire = validate(chatRequestSchema, body);
  const { system, messages } = parseMessages(wire.messages);
  const stream = wire.stream ?? false;
  const hints: ChatHints = { includeUsage: stream && wire.stream_options?.include_usage === true };
  const req: CanonicalRequest = {
    model: wire.model,
    messages,
    stream,
    requestId: ctx.requestId,
    hints: { [CHAT_HINTS_KEY]: { ...hints } },
  };
  if (system !== undefined) req.system = system;
  if (wire.tools) {
    const tools = parseTools(wire.tools);
    if (tools.length > 0) req.tools = tools;
  }
  if (wire.tool_choice) req.toolChoice = parseToolChoice(wire.tool_choice);
  if (wire.parallel_tool_calls !== undefined && wire.parallel_tool_calls !== null) req.parallelToolCalls = wire.parallel_tool_calls;
  if (wire.response_format) req.responseFormat = parseResponseFormat(wire.response_format);
  const stop = typeof wire.stop === 'string' ? [wire.stop] : (wire.stop ?? []);
  if (stop.some((s) => s !== '')) req.stopSequences = stop.filter((s) => s !== '');
  const maxTokens = wire.max_completion_tokens ?? wire.max_tokens;
  if (maxTokens !== null && maxTokens !== undefined) req.maxOutputTokens = maxTokens;
  if (wire.temperature !== null && wire.temperature !== undefined) req.temperature = wire.temperature;
  if (wire.top_p !== null && wire.top_p !== undefined) req.topP = wire.top_p;
  if (wire.seed !== null && wire.seed !== undefined) req.seed = wire.seed;
  // One choice is all the canonical stream carries; saying so beats silently dropping the rest.
  if (wire.n !== null && wire.n !== undefined && wire.n > 1) invalidAt(['n'], 'only n=1 is supported');
  if (wire.reasoning_effort) req.thinking = parseReasoningEffort(wire.reasoning_effort);
  const sessionKey = wire.prompt_cache_key ?? wire.user;
  if (sessionKey) req.sessionKey = sessionKey;
  return req;
}
