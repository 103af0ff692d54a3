// Anthropic Messages request → CanonicalRequest. Validation names the bad path; unknown fields pass.
import type {
  CanonicalRequest,
  Message,
  ThinkingSettings,
  ToolChoice,
  ToolSpec,
} from '../../canonical/index.js';
import { assertNever } from '../../canonical/index.js';
import type { ParseContext } from '../dialect.js';
import { toReasoningEffort } from '../reasoning-effort.js';
import { parseBlock } from './parse-content.js';
import type { ToolNames } from './parse-content.js';
import { countTokensRequestSchema, messagesRequestSchema } from './request-schema.js';
import type { MessagesRequestBody, WireMessage, WireThinking, WireTool, WireToolChoice } from './request-schema.js';
import { toInvalidRequest } from './to-invalid-request.js';

/** Parses `POST /v1/messages`; throws an invalid_request GatewayError naming the bad field. */
export function parseRequest(body: unknown, ctx: ParseContext): CanonicalRequest {
  const parsed = messagesRequestSchema.safeParse(body);
  if (!parsed.success) throw toInvalidRequest(parsed.error, body);
  return toCanonical(parsed.data, ctx);
}

/** Parses `POST /v1/messages/count_tokens`: the same body, `max_tokens` optional, never streamed. */
export function parseCountTokensRequest(body: unknown, ctx: ParseContext): CanonicalRequest {
  const parsed = countTokensRequestSchema.safeParse(body);
  if (!parsed.success) throw toInvalidRequest(parsed.error, body);
  return { ...toCanonical(parsed.data, ctx), stream: false };
}

function toCanonical(body: MessagesRequestBody, ctx: ParseContext): CanonicalRequest {
  const systemTexts = typeof body.system === 'string' ? [body.system] : (body.system ?? []).map((b) => b.text);
  const messages: Message[] = [];
  const toolNames: ToolNames = new Map();
  for (const m of body.messages) {
    // Claude Code puts system text mid-conversation; it joins the system instruction at that point.
    if (m.role === 'system') {
      systemTexts.push(...systemMessageTexts(m));
      continue;
    }
    const parts = typeof m.content === 'string'
      ? [{ type: 'text' as const, text: m.content }]
      : m.content.flatMap((b) => parseBlock(b, toolNames));
    if (parts.length > 0) messages.push({ role: m.role, parts });
  }

  const req: CanonicalRequest = { model: body.model, messages, stream: body.stream ?? false, requestId: ctx.requestId };
  const system = systemTexts.filter((t) => t.trim() !== '').join('\n\n');
  if (system !== '') req.system = system;
  const tools = body.tools?.filter(isCustomTool).map(toToolSpec);
  if (tools && tools.length > 0) req.tools = tools;
  if (body.tool_choice) {
    req.toolChoice = toToolChoice(body.tool_choice);
    if ('disable_parallel_tool_use' in body.tool_choice && body.tool_choice.disable_parallel_tool_use) req.parallelToolCalls = false;
  }
  if (body.max_tokens != null) req.maxOutputTokens = body.max_tokens;
  if (body.temperature != null) req.temperature = body.temperature;
  if (body.top_p != null) req.topP = body.top_p;
  if (body.top_k != null) req.topK = body.top_k;
  if (body.stop_sequences && body.stop_sequences.length > 0) req.stopSequences = body.stop_sequences;
  if (body.thinking) req.thinking = toThinking(body.thinking, body.output_config?.effort);
  const sessionKey = ctx.headers['x-claude-code-session-id'] || sessionFromUserId(body.metadata?.user_id);
  if (sessionKey) req.sessionKey = sessionKey;
  return req;
}

function systemMessageTexts(m: WireMessage): string[] {
  if (typeof m.content === 'string') return [m.content];
  return m.content.flatMap((b) => (b.type === 'text' ? [b.text] : []));
}

/** Server tools (a dated `type` such as web_search_20250305) run at Anthropic; nothing here can run them. */
const isCustomTool = (t: WireTool): boolean => t.type == null || t.type === 'custom';

function toToolSpec(t: WireTool): ToolSpec {
  const spec: ToolSpec = { name: t.name, parameters: t.input_schema ?? { type: 'object', properties: {} } };
  if (t.description) spec.description = t.description;
  return spec;
}

function toToolChoice(c: WireToolChoice): ToolChoice {
  switch (c.type) {
    case 'auto':
      return { type: 'auto' };
    case 'any':
      return { type: 'required' };
    case 'none':
      return { type: 'none' };
    case 'tool':
      return { type: 'tool', name: c.name };
    default:
      return assertNever(c);
  }
}

function toThinking(t: WireThinking, effort: string | null | undefined): ThinkingSettings {
  if (t.type === 'disabled') return { enabled: false };
  const settings: ThinkingSettings = { enabled: true };
  if (t.type === 'enabled') settings.budgetTokens = t.budget_tokens;
  const level = effort ? toReasoningEffort(effort, ['xhigh', 'max']) : undefined;
  if (level) settings.effort = level;
  // display "omitted": the model thinks, the client wants no thinking text back.
  settings.includeThoughts = t.display !== 'omitted';
  return settings;
}

/**
 * metadata.user_id is either a JSON string with `session_id` (newer Claude Code) or
 * `user_<hash>_account_<uuid>_session_<uuid>` (older); anything else is used whole.
 * @internal
 */
export function sessionFromUserId(userId: string | null | undefined): string | undefined {
  if (!userId) return undefined;
  if (userId.startsWith('{')) {
    try {
      const v: unknown = JSON.parse(userId);
      if (v && typeof v === 'object' && 'session_id' in v && typeof v.session_id === 'string' && v.session_id !== '') return v.session_id;
    } catch {
      // not JSON after all: use it whole
    }
  }
  const m = /_session_([\w-]+)$/.exec(userId);
  return m?.[1] ?? userId;
}
