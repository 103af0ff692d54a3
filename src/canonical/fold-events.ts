import type { TextPart, ThinkingPart, ToolCallPart } from './content.js';
import { EventList } from './event-list.js';
import type { CanonicalEvent } from './events.js';
import { assertNever } from './assert-never.js';
import { GatewayError } from './gateway-error.js';
import { parseJsonObject } from './parse-json-object.js';
import type { CanonicalResponse } from './response.js';
import { emptyUsage } from './usage.js';

type Block =
  | { kind: 'text'; part: TextPart }
  | { kind: 'thinking'; part: ThinkingPart }
  | { kind: 'tool-call'; part: ToolCallPart; json: string };

/**
 * Folds a canonical stream into one response: the only way non-streaming answers are made.
 * An `error` event is thrown, so the caller answers with a real HTTP error. A stream already
 * read to its end (EventList) is folded without an async step per event.
 */
export async function foldEvents(events: AsyncIterable<CanonicalEvent>): Promise<CanonicalResponse> {
  const fold = createFold();
  if (events instanceof EventList) {
    for (const ev of events.events) fold.add(ev);
  } else {
    for await (const ev of events) fold.add(ev);
  }
  return fold.res;
}

function createFold(): { res: CanonicalResponse; add(ev: CanonicalEvent): void } {
  const res: CanonicalResponse = { id: '', model: '', content: [], finishReason: 'other', usage: emptyUsage() };
  const open = new Map<number, Block>();
  const add = (ev: CanonicalEvent): void => {
    switch (ev.type) {
      case 'message-start':
        res.id = ev.id;
        res.model = ev.model;
        break;
      case 'block-start': {
        const b = ev.block;
        const block: Block =
          b.type === 'text'
            ? { kind: 'text', part: { type: 'text', text: '' } }
            : b.type === 'thinking'
              ? { kind: 'thinking', part: { type: 'thinking', text: '', ...(b.redacted ? { redacted: true } : {}) } }
              : { kind: 'tool-call', part: { type: 'tool-call', id: b.id, name: b.name, input: {} }, json: '' };
        open.set(ev.index, block);
        res.content.push(block.part);
        break;
      }
      case 'text-delta':
      case 'thinking-delta': {
        const block = open.get(ev.index);
        if (block && block.kind !== 'tool-call') block.part.text += ev.text;
        break;
      }
      case 'tool-input-delta': {
        const block = open.get(ev.index);
        if (block?.kind === 'tool-call') block.json += ev.json;
        break;
      }
      case 'block-end': {
        const block = open.get(ev.index);
        if (!block) break;
        if (ev.signature !== undefined) block.part.signature = ev.signature;
        if (block.kind === 'tool-call') block.part.input = parseToolInput(block.json, block.part.name);
        open.delete(ev.index);
        break;
      }
      case 'usage':
        res.usage = ev.usage;
        break;
      case 'finish':
        res.finishReason = ev.reason;
        res.usage = ev.usage;
        if (ev.rawReason !== undefined) res.rawFinishReason = ev.rawReason;
        break;
      case 'error':
        throw ev.error;
      case 'ping':
        break;
      default:
        assertNever(ev);
    }
  };
  return { res, add };
}

function parseToolInput(json: string, name: string): Record<string, unknown> {
  const input = parseJsonObject(json);
  if (input !== undefined) return input;
  throw new GatewayError('upstream', `The model returned arguments for tool "${name}" that are not a JSON object.`);
}
