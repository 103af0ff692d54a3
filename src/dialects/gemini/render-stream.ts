// Canonical events → streamGenerateContent chunks, written as SSE `data:` frames (`?alt=sse`) or as
// one JSON array streamed element by element (without it).
// Parts go out one chunk behind: the last content chunk can then carry finishReason and usage,
// and a block's signature lands on its own last part, as Gemini itself sends them.
import { GatewayError, assertNever, parseJsonObject } from '../../canonical/index.js';
import type { CanonicalEvent, Usage } from '../../canonical/index.js';
import type { GeminiFinishReason, GeminiGenerateContentResponse, GeminiPart, GoogleErrorBody } from '../../protocols/gemini.js';
import type { RenderContext } from '../dialect.js';
import { toUsageMetadata } from './build-parts.js';
import { mapFinishReason } from './map-finish-reason.js';
import { renderGeminiError } from './render-error.js';

export type GeminiStreamItem =
  | { kind: 'chunk'; body: GeminiGenerateContentResponse }
  | { kind: 'error'; body: GoogleErrorBody }
  | { kind: 'ping' };

interface Open {
  index: number;
  type: 'text' | 'thinking' | 'tool-call';
  id: string;
  name: string;
  json: string;
}

async function* renderGeminiChunks(events: AsyncIterable<CanonicalEvent>, ctx: RenderContext): AsyncIterable<GeminiStreamItem> {
  let responseId = ctx.requestId;
  let usage: Usage | undefined;
  let open: Open | undefined;
  let pending: { part: GeminiPart; block: number } | undefined;

  const chunk = (parts: GeminiPart[], finishReason?: GeminiFinishReason): GeminiStreamItem => ({
    kind: 'chunk',
    body: {
      candidates: [{ ...(parts.length > 0 ? { content: { role: 'model', parts } } : {}), ...(finishReason ? { finishReason } : {}), index: 0 }],
      ...(usage ? { usageMetadata: toUsageMetadata(usage) } : {}),
      modelVersion: ctx.model,
      responseId,
    },
  });
  // Holds the newest part back (a signature may still join it) and returns the one it replaces.
  const push = (part: GeminiPart, block: number): GeminiStreamItem | undefined => {
    const out = pending ? chunk([pending.part]) : undefined;
    pending = { part, block };
    return out;
  };

  for await (const ev of events) {
    switch (ev.type) {
      case 'message-start':
        if (ev.id) responseId = ev.id;
        break;
      case 'block-start':
        open = { index: ev.index, type: ev.block.type, id: '', name: '', json: '' };
        if (ev.block.type === 'tool-call') Object.assign(open, { id: ev.block.id, name: ev.block.name });
        break;
      case 'text-delta':
      case 'thinking-delta': {
        const released = push(ev.type === 'text-delta' ? { text: ev.text } : { text: ev.text, thought: true }, ev.index);
        if (released) yield released;
        break;
      }
      case 'tool-input-delta':
        if (open?.index === ev.index) open.json += ev.json;
        break;
      case 'block-end': {
        const block = open?.index === ev.index ? open : undefined;
        open = undefined;
        if (!block) break;
        const sig = ev.signature !== undefined ? { thoughtSignature: ev.signature } : {};
        let released: GeminiStreamItem | undefined;
        if (block.type === 'tool-call') {
          released = push({ functionCall: { id: block.id, name: block.name, args: parseJsonObject(block.json) ?? {} }, ...sig }, ev.index);
        } else if (ev.signature !== undefined) {
          if (pending?.block === ev.index) pending.part.thoughtSignature = ev.signature;
          else released = push({ text: '', ...(block.type === 'thinking' ? { thought: true } : {}), ...sig }, ev.index);
        }
        if (released) yield released;
        break;
      }
      case 'usage':
        usage = ev.usage;
        break;
      case 'finish':
        usage = ev.usage;
        yield chunk(pending ? [pending.part] : [], mapFinishReason(ev.reason, ev.rawReason));
        return;
      case 'error':
        if (pending) yield chunk([pending.part]);
        yield { kind: 'error', body: renderGeminiError(ev.error, ctx.requestId).body };
        return;
      case 'ping':
        yield { kind: 'ping' };
        break;
      default:
        assertNever(ev);
    }
  }
  if (pending) yield chunk([pending.part]);
  const cut = new GatewayError('upstream', 'The upstream stream ended before the response was complete.');
  yield { kind: 'error', body: renderGeminiError(cut, ctx.requestId).body };
}

/**
 * `?alt=sse`: one `data:` event per chunk. CRLF line ends satisfy both @google/genai and the older
 * Google SDK regex (dialects-detail §5.9); an error is a chunk of its own, which genai throws as ApiError.
 */
export async function* renderGeminiSseStream(events: AsyncIterable<CanonicalEvent>, ctx: RenderContext): AsyncIterable<string> {
  for await (const item of renderGeminiChunks(events, ctx)) {
    yield item.kind === 'ping' ? ': keepalive\r\n\r\n' : `data: ${JSON.stringify(item.body)}\r\n\r\n`;
  }
}

/**
 * Without `?alt=sse`: one JSON array, element by element, as Google streams it. A keep-alive has no
 * place in an array; whitespace between elements keeps the socket warm instead.
 */
export async function* renderGeminiJsonArrayStream(events: AsyncIterable<CanonicalEvent>, ctx: RenderContext): AsyncIterable<string> {
  let first = true;
  for await (const item of renderGeminiChunks(events, ctx)) {
    if (item.kind === 'ping') {
      yield '\r\n';
      continue;
    }
    const json = JSON.stringify(item.body);
    yield first ? `[${json}` : `,\r\n${json}`;
    first = false;
  }
  yield first ? '[]' : ']';
}
