// Gemini response chunks (each holding only new parts) → the canonical event stream: one block
// per run of text or thought parts, one whole block per functionCall, signatures on block ends,
// usage and finish reason from the last chunks.
import { GatewayError, type CanonicalEvent, type Usage } from '../../canonical/index.js';
import type { GeminiGenerateContentResponse, GeminiPart } from '../../protocols/gemini.js';
import type { ToolNames } from './build-tools.js';
import { explainsNoContent, mapFinishReason } from './map-finish-reason.js';
import { mapUsage } from './map-usage.js';
import type { ModelFamily } from './model-family.js';
import type { SignatureCache } from './signature-cache.js';

export interface ReadOptions {
  model: string;
  family: ModelFamily;
  names: ToolNames;
  /** Ids for function calls Google sent without one, and for the message when it has none. */
  newId(prefix: 'toolu' | 'msg'): string;
  signatures?: SignatureCache;
}

const EMPTY_ANSWER = 'EMPTY_ANSWER';

/** The answer had no parts and no reason for that: worth one more try. */
export const isEmptyAnswer = (e: unknown): boolean => e instanceof GatewayError && e.upstream?.reason === EMPTY_ANSWER;

type Open = { kind: 'text' | 'thinking'; index: number; signature?: string; text: string };

/**
 * The reader as push functions: each Gemini chunk in, the canonical events it completes out.
 * Upstreams call it per chunk from their one read loop, with no generator per stage. Nothing comes
 * out until the first content part (or a finish that explains its absence), so an empty answer
 * surfaces as the thrown `isEmptyAnswer` error of end(), before any event.
 */
export interface GeminiReader {
  push(chunk: GeminiGenerateContentResponse): CanonicalEvent[];
  /** The closing events; throws the `isEmptyAnswer` error when nothing came that explains silence. */
  end(): CanonicalEvent[];
}

export function createGeminiReader(opts: ReadOptions): GeminiReader {
  let started = false;
  let messageId: string | undefined;
  let next = 0;
  let open: Open | undefined;
  let lastThinking: { text: string; signature: string } | undefined;
  let sawToolCall = false;
  let finishRaw: string | undefined;
  let usage: Usage | undefined;
  let out: CanonicalEvent[] = [];

  const start = (): void => {
    if (started) return;
    started = true;
    out.push({ type: 'message-start', id: messageId ?? opts.newId('msg'), model: opts.model });
  };
  const close = (): void => {
    if (!open) return;
    const o = open;
    open = undefined;
    if (o.signature !== undefined) {
      opts.signatures?.rememberSignature(o.signature, opts.family);
      if (o.kind === 'thinking') lastThinking = { text: o.text, signature: o.signature };
    }
    out.push(o.signature === undefined ? { type: 'block-end', index: o.index } : { type: 'block-end', index: o.index, signature: o.signature });
  };
  const openBlock = (kind: Open['kind']): Open => {
    close();
    start();
    const o: Open = { kind, index: next++, text: '' };
    out.push({ type: 'block-start', index: o.index, block: { type: kind } });
    open = o;
    return o;
  };

  const onText = (part: GeminiPart, text: string): void => {
    const kind = part.thought === true ? 'thinking' : 'text';
    const signature = part.thoughtSignature || undefined;
    if (text === '') {
      // A bare signature (often on a trailing empty part) belongs to the block it follows.
      if (!signature) return;
      if (open && open.signature === undefined) open.signature = signature;
      else openBlock('thinking').signature = signature;
      return;
    }
    // Thinking interrupted by text or a call starts a new block; a run of one kind stays one block.
    const block = open && open.kind === kind ? open : openBlock(kind);
    block.text += text;
    out.push(kind === 'text' ? { type: 'text-delta', index: block.index, text } : { type: 'thinking-delta', index: block.index, text });
    if (signature) block.signature = signature;
  };

  const onCall = (part: GeminiPart): void => {
    const call = part.functionCall!;
    close();
    start();
    sawToolCall = true;
    const index = next++;
    const id = call.id || opts.newId('toolu');
    const signature = part.thoughtSignature || undefined;
    out.push({ type: 'block-start', index, block: { type: 'tool-call', id, name: opts.names.fromWire(call.name) } });
    out.push({ type: 'tool-input-delta', index, json: JSON.stringify(call.args ?? {}) });
    out.push(signature === undefined ? { type: 'block-end', index } : { type: 'block-end', index, signature });
    if (opts.signatures && (signature || lastThinking)) {
      if (signature) opts.signatures.rememberSignature(signature, opts.family);
      opts.signatures.rememberToolCall(id, {
        family: opts.family,
        ...(signature ? { signature } : {}),
        ...(lastThinking ? { thinking: lastThinking } : {}),
      });
    }
  };

  // Each call hands back the events gathered since the last; `out` is then a fresh array.
  const take = (): CanonicalEvent[] => {
    const events = out;
    out = [];
    return events;
  };

  return {
    push(chunk) {
      if (messageId === undefined && chunk.responseId) messageId = chunk.responseId;
      if (chunk.usageMetadata) usage = mapUsage(chunk.usageMetadata);
      if (chunk.promptFeedback?.blockReason) finishRaw = chunk.promptFeedback.blockReason;
      const candidate = chunk.candidates?.[0];
      for (const part of candidate?.content?.parts ?? []) {
        if (part.functionCall) onCall(part);
        else if (typeof part.text === 'string') onText(part, part.text);
        else if (part.thoughtSignature) onText(part, '');
      }
      if (candidate?.finishReason) finishRaw = candidate.finishReason;
      return take();
    },
    end() {
      if (!started) {
        if (!explainsNoContent(finishRaw)) {
          throw new GatewayError('upstream', `${opts.model} returned an empty answer.`, {
            upstream: { status: 200, reason: EMPTY_ANSWER },
          });
        }
        start();
      }
      close();
      out.push({
        type: 'finish',
        reason: mapFinishReason(finishRaw, sawToolCall),
        usage: usage ?? { inputTokens: 0, outputTokens: 0 },
        ...(finishRaw === undefined ? {} : { rawReason: finishRaw }),
      });
      return take();
    },
  };
}
