// A Responses request body → CanonicalRequest; previous_response_id pulls the stored conversation in.
import { invalidRequest } from '../../canonical/index.js';
import type {
  CanonicalRequest,
  Message,
  ResponseFormat,
  ThinkingSettings,
  ToolChoice,
  ToolSpec,
} from '../../canonical/index.js';
import type { ParseContext } from '../dialect.js';
import { parseInput } from './parse-input.js';
import { toReasoningEffort } from '../reasoning-effort.js';
import { validate } from '../validate.js';
import { FunctionTool, ResponsesRequest } from './request-schema.js';
import type { TextFormat, ToolChoiceWire } from './request-schema.js';
import type { ResponseStore } from './response-store.js';

const HINTS_KEY = 'openai-responses';

/** What the renderers and the store need back from the request (CanonicalRequest.hints). */
export interface ResponsesHints {
  /** false only when the client said `store: false`. */
  store: boolean;
  instructions?: string;
  /** System text from items, the stored conversation's included: what a follow-up inherits. */
  itemSystem?: string;
  previousResponseId?: string;
  reasoningSummary?: string;
}

export function readHints(req: CanonicalRequest): ResponsesHints {
  const h = req.hints?.[HINTS_KEY] as Partial<ResponsesHints> | undefined;
  return { ...h, store: h?.store !== false };
}

/**
 * @example parseResponsesRequest({model: 'gemini-2.5-pro', input: 'hi'}, {requestId: 'r1', headers: {}}, store)
 */
export function parseResponsesRequest(body: unknown, ctx: ParseContext, store: ResponseStore): CanonicalRequest {
  const b = validate(ResponsesRequest, body);

  let history: Message[] = [];
  let inheritedSystem: string | undefined;
  if (b.previous_response_id) {
    const prev = store.get(b.previous_response_id);
    if (!prev) {
      throw invalidRequest(`Previous response with id '${b.previous_response_id}' not found.`, 'previous_response_id');
    }
    // Shared, not copied: stored turns are never mutated, and sharing keeps long chains cheap.
    history = prev.messages;
    inheritedSystem = prev.system;
  }

  const callNames = new Map<string, string>();
  for (const m of history) for (const p of m.parts) if (p.type === 'tool-call') callNames.set(p.id, p.name);
  const input = parseInput(b.input, callNames);
  const messages = mergeTurns(history, input.messages);
  if (messages.length === 0) throw invalidRequest('input: the request has no input', 'input');

  const itemSystem = joinText([inheritedSystem, ...input.systemTexts]);
  const system = joinText([b.instructions ?? undefined, itemSystem]);
  const hints: ResponsesHints = {
    store: b.store !== false,
    ...(b.instructions ? { instructions: b.instructions } : {}),
    ...(itemSystem !== undefined ? { itemSystem } : {}),
    ...(b.previous_response_id ? { previousResponseId: b.previous_response_id } : {}),
    ...(b.reasoning?.summary ? { reasoningSummary: b.reasoning.summary } : {}),
  };

  const req: CanonicalRequest = {
    model: b.model,
    messages,
    stream: b.stream === true,
    requestId: ctx.requestId,
    hints: { [HINTS_KEY]: { ...hints } },
  };
  if (system !== undefined) req.system = system;
  const tools = functionTools(b.tools ?? []);
  if (tools.length > 0) req.tools = tools;
  const toolChoice = mapToolChoice(b.tool_choice ?? undefined);
  if (toolChoice) req.toolChoice = toolChoice;
  if (b.parallel_tool_calls != null) req.parallelToolCalls = b.parallel_tool_calls;
  if (b.max_output_tokens != null) req.maxOutputTokens = b.max_output_tokens;
  if (b.temperature != null) req.temperature = b.temperature;
  if (b.top_p != null) req.topP = b.top_p;
  const format = mapFormat(b.text?.format ?? undefined);
  if (format) req.responseFormat = format;
  const thinking = mapReasoning(b.reasoning ?? undefined);
  if (thinking) req.thinking = thinking;
  if (b.prompt_cache_key) req.sessionKey = b.prompt_cache_key;
  return req;
}

function joinText(parts: ReadonlyArray<string | undefined>): string | undefined {
  const kept = parts.filter((p): p is string => p !== undefined && p !== '');
  return kept.length > 0 ? kept.join('\n\n') : undefined;
}

/** The stored turns then the new ones, merging where one role continues across the seam. */
function mergeTurns(history: Message[], next: Message[]): Message[] {
  const out = [...history];
  for (const m of next) {
    const last = out[out.length - 1];
    if (last && last.role === m.role) out[out.length - 1] = { role: m.role, parts: [...last.parts, ...m.parts] };
    else out.push(m);
  }
  return out;
}

function functionTools(tools: ReadonlyArray<{ type: string }>): ToolSpec[] {
  const out: ToolSpec[] = [];
  tools.forEach((t, i) => {
    // web_search, namespace, custom, file_search, local_shell...: no Google equivalent, dropped.
    if (t.type !== 'function') return;
    const tool = validate(FunctionTool, t, ['tools', i]);
    const spec: ToolSpec = { name: tool.name, parameters: tool.parameters ?? { type: 'object', properties: {} } };
    if (tool.description) spec.description = tool.description;
    out.push(spec);
  });
  return out;
}

function mapToolChoice(choice: ToolChoiceWire | undefined): ToolChoice | undefined {
  if (choice === undefined) return undefined;
  if (typeof choice === 'string') return { type: choice === 'required' ? 'required' : choice };
  if (choice.type === 'function' && choice.name) return { type: 'tool', name: choice.name };
  if (choice.type === 'allowed_tools') return { type: choice.mode === 'required' ? 'required' : 'auto' };
  // A hosted tool (web_search, ...) was named: it was dropped, so let the model choose.
  return { type: 'auto' };
}

function mapFormat(format: TextFormat | undefined): ResponseFormat | undefined {
  if (!format) return undefined;
  switch (format.type) {
    case 'text':
      return undefined;
    case 'json_object':
      return { type: 'json' };
    case 'json_schema':
      return { type: 'json', ...(format.schema ? { schema: format.schema } : {}), ...(format.name ? { name: format.name } : {}) };
  }
}

function mapReasoning(r: { effort?: string | null; summary?: string | null } | undefined): ThinkingSettings | undefined {
  if (!r) return undefined;
  if (r.effort === 'none') return { enabled: false };
  const effort = r.effort ? toReasoningEffort(r.effort, ['xhigh']) : undefined;
  const wantsSummary = r.summary != null && r.summary !== 'none';
  if (!effort && !wantsSummary) return undefined;
  return { enabled: true, ...(effort ? { effort } : {}), includeThoughts: wantsSummary };
}
