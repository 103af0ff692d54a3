// Canonical events → Responses SSE (`event: <type>` + `data: {type, sequence_number, ...}`).
// Every item is announced (output_item.added, content_part.added) before its deltas: the SDK's
// ResponseStream throws "missing output at index N" otherwise (dialects-detail §3.3).
import { GatewayError, assertNever, parseJsonObject } from '../../canonical/index.js';
import type { CanonicalEvent, CanonicalResponse, FinishReason, Usage } from '../../canonical/index.js';
import { sseComment, sseEvent } from '../../util/sse-frame.js';
import type { RenderContext } from '../dialect.js';
import { openAIErrorBody } from '../openai-shared/render-openai-error.js';
import { itemIdFor, outputItems, outputText, renderUsage, responseIdFor, responseObject, statusOf } from './build-response.js';
import type { OutputItem } from './build-response.js';
import { rememberResponse } from './remember-response.js';
import type { ResponseStore } from './response-store.js';

type Content = CanonicalResponse['content'];

interface OpenBlock {
  index: number;
  itemId: string;
  kind: 'text' | 'thinking' | 'tool-call';
  text: string;
  /** reasoning only: whether reasoning_summary_part.added went out. */
  summaryOpen: boolean;
}

export async function* renderResponsesStream(
  events: AsyncIterable<CanonicalEvent>,
  ctx: RenderContext,
  store: ResponseStore,
): AsyncIterable<string> {
  let sequence = 0;
  const frame = (type: string, payload: Record<string, unknown>): string =>
    sseEvent(type, { type, sequence_number: sequence++, ...payload });
  const responseId = responseIdFor(ctx.requestId);
  const content: Content = [];
  let open: OpenBlock | undefined;

  const started = responseObject(ctx, { status: 'in_progress', output: [] });
  yield frame('response.created', { response: started });
  yield frame('response.in_progress', { response: started });

  for await (const ev of events) {
    switch (ev.type) {
      // The finish event carries the final usage; the response object shows only that.
      case 'message-start':
      case 'usage':
        break;
      case 'block-start': {
        const b = ev.block;
        const kind = b.type;
        const itemId = itemIdFor(responseId, kind === 'text' ? 'msg' : kind === 'thinking' ? 'rs' : 'fc', ev.index);
        open = { index: ev.index, itemId, kind, text: '', summaryOpen: false };
        const at = { output_index: ev.index };
        if (b.type === 'text') {
          content[ev.index] = { type: 'text', text: '' };
          yield frame('response.output_item.added', { ...at, item: { type: 'message', id: itemId, role: 'assistant', status: 'in_progress', content: [] } });
          yield frame('response.content_part.added', { item_id: itemId, ...at, content_index: 0, part: outputText('') });
        } else if (b.type === 'thinking') {
          content[ev.index] = { type: 'thinking', text: '' };
          yield frame('response.output_item.added', { ...at, item: { type: 'reasoning', id: itemId, summary: [] } });
        } else {
          content[ev.index] = { type: 'tool-call', id: b.id, name: b.name, input: {} };
          yield frame('response.output_item.added', {
            ...at,
            item: { type: 'function_call', id: itemId, call_id: b.id, name: b.name, arguments: '', status: 'in_progress' },
          });
        }
        break;
      }
      case 'text-delta':
        if (open?.index !== ev.index) break;
        open.text += ev.text;
        yield frame('response.output_text.delta', { item_id: open.itemId, output_index: ev.index, content_index: 0, delta: ev.text, logprobs: [] });
        break;
      case 'thinking-delta':
        if (open?.index !== ev.index) break;
        if (!open.summaryOpen) {
          open.summaryOpen = true;
          yield frame('response.reasoning_summary_part.added', { ...summaryAt(open), part: { type: 'summary_text', text: '' } });
        }
        open.text += ev.text;
        yield frame('response.reasoning_summary_text.delta', { ...summaryAt(open), delta: ev.text });
        break;
      case 'tool-input-delta':
        if (open?.index !== ev.index) break;
        open.text += ev.json;
        yield frame('response.function_call_arguments.delta', { item_id: open.itemId, output_index: ev.index, delta: ev.json });
        break;
      case 'block-end': {
        if (open?.index !== ev.index) break;
        const block = open;
        open = undefined;
        const part = finishPart(content, block, ev.signature);
        yield* closeFrames(block, frame);
        const item = outputItems([part], responseId, 'completed')[0] as OutputItem;
        yield frame('response.output_item.done', { output_index: block.index, item: { ...item, id: block.itemId } });
        break;
      }
      case 'finish': {
        yield frame(...finalEvent(ctx, ev.reason, content, ev.usage, responseId));
        if (statusOf(ev.reason).status !== 'failed') rememberResponse(store, ctx, content.filter(Boolean));
        return;
      }
      case 'error':
        // The half-written block still shows up in the failed response's output.
        if (open) finishPart(content, open, undefined);
        yield* failFrames(ev.error, ctx, content, responseId, frame);
        return;
      case 'ping':
        yield sseComment('keepalive');
        break;
      default:
        assertNever(ev);
    }
  }
  // The upstream stream stopped without saying how: tell the client instead of hanging up silently.
  if (open) finishPart(content, open, undefined);
  yield* failFrames(new GatewayError('upstream', 'The upstream stream ended before the response was complete.'), ctx, content, responseId, frame);
}

const summaryAt = (b: OpenBlock) => ({ item_id: b.itemId, output_index: b.index, summary_index: 0 });

function finishPart(content: Content, block: OpenBlock, signature: string | undefined): Content[number] {
  const part = content[block.index];
  if (!part) throw new GatewayError('internal', `block ${block.index} ended without a start`);
  // Bad JSON is kept as {}: the client still saw the raw text in the argument deltas.
  if (part.type === 'tool-call') part.input = parseJsonObject(block.text) ?? {};
  else part.text = block.text;
  if (signature !== undefined) part.signature = signature;
  return part;
}

function* closeFrames(block: OpenBlock, frame: (type: string, payload: Record<string, unknown>) => string): Iterable<string> {
  const at = { item_id: block.itemId, output_index: block.index };
  switch (block.kind) {
    case 'text':
      yield frame('response.output_text.done', { ...at, content_index: 0, text: block.text, logprobs: [] });
      yield frame('response.content_part.done', { ...at, content_index: 0, part: outputText(block.text) });
      return;
    case 'thinking':
      if (!block.summaryOpen) return;
      yield frame('response.reasoning_summary_text.done', { ...summaryAt(block), text: block.text });
      yield frame('response.reasoning_summary_part.done', { ...summaryAt(block), part: { type: 'summary_text', text: block.text } });
      return;
    case 'tool-call':
      yield frame('response.function_call_arguments.done', { ...at, arguments: block.text });
      return;
    default:
      assertNever(block.kind);
  }
}

function finalEvent(ctx: RenderContext, reason: FinishReason, content: Content, usage: Usage, responseId: string): [string, Record<string, unknown>] {
  const { status, incomplete_details } = statusOf(reason);
  const output = outputItems(content.filter(Boolean), responseId, status === 'incomplete' ? 'incomplete' : 'completed');
  const error = status === 'failed' ? { code: 'server_error', message: 'The model stopped with an error.' } : null;
  const response = responseObject(ctx, { status, incomplete_details, output, usage: renderUsage(usage), error });
  const type = status === 'completed' ? 'response.completed' : status === 'incomplete' ? 'response.incomplete' : 'response.failed';
  return [type, { response }];
}

function* failFrames(
  err: GatewayError,
  ctx: RenderContext,
  content: Content,
  responseId: string,
  frame: (type: string, payload: Record<string, unknown>) => string,
): Iterable<string> {
  const body = openAIErrorBody(err).error;
  const code = body.code ?? body.type;
  yield frame('error', { code, message: body.message, param: body.param });
  const output = outputItems(content.filter(Boolean), responseId, 'incomplete');
  yield frame('response.failed', { response: responseObject(ctx, { status: 'failed', output, error: { code, message: body.message } }) });
}
