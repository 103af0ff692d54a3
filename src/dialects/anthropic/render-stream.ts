// Canonical events → Anthropic SSE frames. Every frame carries its `event:` line: the SDK
// dispatches on the event name and silently drops frames without one.
import type { BlockStart, CanonicalEvent, Usage } from '../../canonical/index.js';
import { assertNever, emptyUsage, GatewayError, toGatewayError } from '../../canonical/index.js';
import { sseEvent } from '../../util/sse-frame.js';
import type { RenderContext } from '../dialect.js';
import { mapFinishReason } from './map-finish-reason.js';
import { anthropicErrorType } from './render-error.js';
import { renderUsage, toMessageId } from './render-usage.js';

interface StreamState {
  started: boolean;
  /** The open block, as Anthropic will see it. */
  open?: { index: number; block: BlockStart };
  sawToolCall: boolean;
  usage: Usage;
  /** The client asked for thinking without its text (display "omitted"). */
  hideThinking: boolean;
}

export async function* renderStream(events: AsyncIterable<CanonicalEvent>, ctx: RenderContext): AsyncGenerator<string> {
  const state: StreamState = {
    started: false,
    sawToolCall: false,
    usage: emptyUsage(),
    hideThinking: ctx.request.thinking?.includeThoughts === false,
  };
  try {
    const frames: string[] = [];
    for await (const ev of events) {
      renderEvent(ev, state, ctx, frames);
      for (const frame of frames) yield frame;
      frames.length = 0;
      if (ev.type === 'finish' || ev.type === 'error') return;
    }
  } catch (e) {
    // Before anything was written the caller can still answer with a real HTTP status.
    if (!state.started) throw e;
    yield errorFrame(toGatewayError(e));
    return;
  }
  yield errorFrame(new GatewayError('upstream', 'The upstream stream ended before the answer was complete.'));
}

/** Appends the frames one canonical event becomes to `out` (a plain function: no generator per event). */
function renderEvent(ev: CanonicalEvent, state: StreamState, ctx: RenderContext, out: string[]): void {
  switch (ev.type) {
    case 'message-start':
      state.started = true;
      out.push(sseEvent('message_start', {
        type: 'message_start',
        message: {
          id: toMessageId(ev.id),
          type: 'message',
          role: 'assistant',
          model: ctx.model,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: renderUsage(state.usage),
        },
      }));
      break;
    case 'block-start':
      state.open = { index: ev.index, block: ev.block };
      if (ev.block.type === 'tool-call') state.sawToolCall = true;
      // A redacted block's data is its signature, known only at block-end; it starts there.
      if (!(ev.block.type === 'thinking' && ev.block.redacted)) out.push(blockStart(ev.index, ev.block));
      break;
    case 'text-delta':
      out.push(delta(ev.index, { type: 'text_delta', text: ev.text }));
      break;
    case 'thinking-delta':
      if (!state.hideThinking && state.open?.block.type === 'thinking' && !state.open.block.redacted) {
        out.push(delta(ev.index, { type: 'thinking_delta', thinking: ev.text }));
      }
      break;
    case 'tool-input-delta':
      out.push(delta(ev.index, { type: 'input_json_delta', partial_json: ev.json }));
      break;
    case 'block-end':
      blockEnd(ev.index, ev.signature, state, out);
      break;
    case 'usage':
      state.usage = ev.usage;
      break;
    case 'finish':
      if (state.open) blockEnd(state.open.index, undefined, state, out);
      state.usage = ev.usage;
      out.push(sseEvent('message_delta', {
        type: 'message_delta',
        delta: { stop_reason: mapFinishReason(ev.reason, state.sawToolCall, ev.rawReason), stop_sequence: null },
        usage: renderUsage(ev.usage),
      }));
      out.push(sseEvent('message_stop', { type: 'message_stop' }));
      break;
    case 'error':
      out.push(errorFrame(ev.error));
      break;
    case 'ping':
      out.push(sseEvent('ping', { type: 'ping' }));
      break;
    default:
      assertNever(ev);
  }
}

function blockStart(index: number, block: BlockStart, redactedData = ''): string {
  const content_block =
    block.type === 'text'
      ? { type: 'text', text: '' }
      : block.type === 'tool-call'
        ? { type: 'tool_use', id: block.id, name: block.name, input: {} }
        : block.redacted
          ? { type: 'redacted_thinking', data: redactedData }
          : { type: 'thinking', thinking: '', signature: '' };
  return sseEvent('content_block_start', { type: 'content_block_start', index, content_block });
}

function blockEnd(index: number, signature: string | undefined, state: StreamState, out: string[]): void {
  const block = state.open?.index === index ? state.open.block : undefined;
  state.open = undefined;
  if (block?.type === 'thinking' && block.redacted) {
    out.push(blockStart(index, block, signature ?? ''));
  } else if (block?.type === 'thinking' && signature) {
    // Gemini signs text and function-call parts too; Anthropic has no field for those, and the
    // upstream keeps them by tool-call id, so only thinking signatures are sent.
    out.push(delta(index, { type: 'signature_delta', signature }));
  }
  out.push(sseEvent('content_block_stop', { type: 'content_block_stop', index }));
}

const delta = (index: number, d: Record<string, string>): string =>
  sseEvent('content_block_delta', { type: 'content_block_delta', index, delta: d });

function errorFrame(err: GatewayError): string {
  return sseEvent('error', { type: 'error', error: { type: anthropicErrorType(err.kind).type, message: err.message } });
}
