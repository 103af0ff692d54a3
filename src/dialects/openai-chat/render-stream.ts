// Canonical events → Chat Completions SSE chunks, in the order openai-node's accumulator expects.
import type { CanonicalEvent } from '../../canonical/index.js';
import { assertNever, GatewayError, toGatewayError } from '../../canonical/index.js';
import { sseComment, sseData } from '../../util/sse-frame.js';
import type { RenderContext } from '../dialect.js';
import { openAIErrorBody } from '../openai-shared/render-openai-error.js';
import { readChatHints } from './chat-hints.js';
import { mapFinishReason } from './map-finish-reason.js';
import type { ChatFinishReason } from './map-finish-reason.js';
import { completionId, renderUsage } from './render-usage.js';

const DONE_FRAME = 'data: [DONE]\n\n';

/**
 * Renders a canonical stream as `data:` chunks ending with `data: [DONE]`, or with
 * `data: {"error": ...}` when the stream fails (the SDK throws on it). Never throws itself.
 */
export async function* renderChatStream(events: AsyncIterable<CanonicalEvent>, ctx: RenderContext): AsyncGenerator<string> {
  const { includeUsage } = readChatHints(ctx.request);
  const created = ctx.now();
  let id = completionId('', ctx.requestId);
  let started = false;
  // Tool-call slots count tool calls only; canonical block indexes also count text and thinking.
  const slots = new Map<number, number>();
  // Blocks of tool calls that have not sent any arguments yet: they get "{}" at their end,
  // as OpenAI sends for a call without parameters, so clients can JSON.parse what they collect.
  const silentCalls = new Set<number>();
  const envelope = () => ({ id, object: 'chat.completion.chunk', created, model: ctx.model });
  const chunk = (delta: Record<string, unknown>, finish: ChatFinishReason | null = null): string =>
    sseData({
      ...envelope(),
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
      // With include_usage, every chunk but the last carries usage: null.
      ...(includeUsage ? { usage: null } : {}),
    });
  // The first chunk names the role; callers test `started` first, because `yield*` of an empty
  // array would still cost an async step on every delta.
  const opening = (): string => {
    started = true;
    return chunk({ role: 'assistant', content: '' });
  };

  try {
    for await (const ev of events) {
      switch (ev.type) {
        case 'message-start':
          if (!started) id = completionId(ev.id, ctx.requestId);
          if (!started) yield opening();
          break;
        case 'block-start':
          if (ev.block.type !== 'tool-call') break;
          if (!started) yield opening();
          slots.set(ev.index, slots.size);
          silentCalls.add(ev.index);
          yield chunk({
            tool_calls: [{ index: slots.size - 1, id: ev.block.id, type: 'function', function: { name: ev.block.name, arguments: '' } }],
          });
          break;
        case 'text-delta':
          if (ev.text === '') break;
          if (!started) yield opening();
          yield chunk({ content: ev.text });
          break;
        case 'thinking-delta':
          if (ev.text === '') break;
          if (!started) yield opening();
          // content: null as DeepSeek sends it; agents written against it look for the key.
          yield chunk({ content: null, reasoning_content: ev.text });
          break;
        case 'tool-input-delta': {
          const slot = slots.get(ev.index);
          if (slot === undefined || ev.json === '') break;
          silentCalls.delete(ev.index);
          yield chunk({ tool_calls: [{ index: slot, function: { arguments: ev.json } }] });
          break;
        }
        case 'block-end': {
          const slot = slots.get(ev.index);
          if (slot === undefined || !silentCalls.delete(ev.index)) break;
          yield chunk({ tool_calls: [{ index: slot, function: { arguments: '{}' } }] });
          break;
        }
        case 'usage':
          break;
        case 'finish':
          if (!started) yield opening();
          yield chunk({}, mapFinishReason(ev.reason, slots.size > 0));
          if (includeUsage) yield sseData({ ...envelope(), choices: [], usage: renderUsage(ev.usage) });
          yield DONE_FRAME;
          return;
        case 'error':
          yield sseData(openAIErrorBody(ev.error));
          return;
        case 'ping':
          yield sseComment('ping');
          break;
        default:
          assertNever(ev);
      }
    }
    yield sseData(openAIErrorBody(new GatewayError('upstream', 'The upstream stream ended before the answer was complete.')));
  } catch (e) {
    yield sseData(openAIErrorBody(toGatewayError(e)));
  }
}
