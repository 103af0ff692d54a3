// The Responses answer objects, built once and used by both the stream and the folded answer.
import { assertNever } from '../../canonical/index.js';
import type { CanonicalResponse, FinishReason, ToolChoice, Usage } from '../../canonical/index.js';
import type { RenderContext } from '../dialect.js';
import { readHints } from './parse-request.js';

export type ItemStatus = 'in_progress' | 'completed' | 'incomplete';

export interface OutputText {
  type: 'output_text';
  text: string;
  annotations: unknown[];
  logprobs: unknown[];
}

export type OutputItem =
  | { type: 'message'; id: string; role: 'assistant'; status: ItemStatus; content: OutputText[] }
  | { type: 'reasoning'; id: string; summary: Array<{ type: 'summary_text'; text: string }>; encrypted_content?: string }
  | { type: 'function_call'; id: string; call_id: string; name: string; arguments: string; status: ItemStatus };

export type ResponseStatus = 'in_progress' | 'completed' | 'incomplete' | 'failed';

export interface ResponsesUsage {
  input_tokens: number;
  input_tokens_details: { cached_tokens: number };
  output_tokens: number;
  output_tokens_details: { reasoning_tokens: number };
  total_tokens: number;
}

export interface ResponseObject {
  id: string;
  object: 'response';
  created_at: number;
  status: ResponseStatus;
  error: { code: string; message: string } | null;
  incomplete_details: { reason: 'max_output_tokens' | 'content_filter' } | null;
  instructions: string | null;
  model: string;
  output: OutputItem[];
  parallel_tool_calls: boolean;
  previous_response_id: string | null;
  reasoning: { effort: string | null; summary: string | null };
  store: boolean;
  temperature: number | null;
  text: { format: Record<string, unknown> };
  tool_choice: string | { type: 'function'; name: string };
  tools: Array<{ type: 'function'; name: string; description: string | null; parameters: Record<string, unknown>; strict: boolean }>;
  top_p: number | null;
  max_output_tokens: number | null;
  usage: ResponsesUsage | null;
  metadata: Record<string, string>;
}

/** Stable for one request, so the stream's ids and the stored id agree. */
export const responseIdFor = (requestId: string): string => `resp_${requestId.replace(/[^A-Za-z0-9]/g, '')}`;

export const itemIdFor = (responseId: string, kind: 'msg' | 'rs' | 'fc', outputIndex: number): string =>
  `${kind}_${responseId.slice('resp_'.length)}_${outputIndex}`;

export const outputText = (text: string): OutputText => ({ type: 'output_text', text, annotations: [], logprobs: [] });

/** One output item per canonical part; the output index is the part's (= block's) index. */
export function outputItems(content: CanonicalResponse['content'], responseId: string, status: ItemStatus): OutputItem[] {
  return content.map((part, i): OutputItem => {
    switch (part.type) {
      case 'text':
        return { type: 'message', id: itemIdFor(responseId, 'msg', i), role: 'assistant', status, content: [outputText(part.text)] };
      case 'thinking':
        return {
          type: 'reasoning',
          id: itemIdFor(responseId, 'rs', i),
          summary: part.text === '' ? [] : [{ type: 'summary_text', text: part.text }],
          ...(part.signature !== undefined ? { encrypted_content: part.signature } : {}),
        };
      case 'tool-call':
        return {
          type: 'function_call',
          id: itemIdFor(responseId, 'fc', i),
          call_id: part.id,
          name: part.name,
          arguments: JSON.stringify(part.input),
          status,
        };
      default:
        return assertNever(part);
    }
  });
}

export function renderUsage(u: Usage): ResponsesUsage {
  return {
    input_tokens: u.inputTokens,
    input_tokens_details: { cached_tokens: u.cachedInputTokens ?? 0 },
    output_tokens: u.outputTokens,
    output_tokens_details: { reasoning_tokens: u.reasoningTokens ?? 0 },
    total_tokens: u.inputTokens + u.outputTokens,
  };
}

export function statusOf(reason: FinishReason): Pick<ResponseObject, 'status' | 'incomplete_details'> {
  switch (reason) {
    case 'stop':
    case 'tool-calls':
    case 'other':
      return { status: 'completed', incomplete_details: null };
    case 'length':
      return { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } };
    case 'content-filter':
      return { status: 'incomplete', incomplete_details: { reason: 'content_filter' } };
    case 'error':
      return { status: 'failed', incomplete_details: null };
    default:
      return assertNever(reason);
  }
}

function renderToolChoice(choice: ToolChoice | undefined): ResponseObject['tool_choice'] {
  if (!choice) return 'auto';
  return choice.type === 'tool' ? { type: 'function', name: choice.name } : choice.type;
}

/** The envelope around `output`, echoing the request the way OpenAI does. */
export function responseObject(
  ctx: RenderContext,
  fields: Pick<ResponseObject, 'status' | 'output'> & Partial<Pick<ResponseObject, 'error' | 'incomplete_details' | 'usage'>>,
): ResponseObject {
  const req = ctx.request;
  const hints = readHints(req);
  const format = req.responseFormat;
  return {
    id: responseIdFor(ctx.requestId),
    object: 'response',
    created_at: ctx.now(),
    status: fields.status,
    error: fields.error ?? null,
    incomplete_details: fields.incomplete_details ?? null,
    instructions: hints.instructions ?? null,
    model: ctx.model,
    output: fields.output,
    parallel_tool_calls: req.parallelToolCalls ?? true,
    previous_response_id: hints.previousResponseId ?? null,
    reasoning: { effort: req.thinking?.effort ?? null, summary: hints.reasoningSummary ?? null },
    store: hints.store,
    temperature: req.temperature ?? null,
    text: {
      format:
        format?.type === 'json'
          ? format.schema
            ? { type: 'json_schema', name: format.name ?? 'response', schema: format.schema, strict: false }
            : { type: 'json_object' }
          : { type: 'text' },
    },
    tool_choice: renderToolChoice(req.toolChoice),
    tools: (req.tools ?? []).map((t) => ({
      type: 'function',
      name: t.name,
      description: t.description ?? null,
      parameters: t.parameters,
      strict: false,
    })),
    top_p: req.topP ?? null,
    max_output_tokens: req.maxOutputTokens ?? null,
    usage: fields.usage ?? null,
    metadata: {},
  };
}
