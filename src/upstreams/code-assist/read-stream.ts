// A `streamGenerateContent?alt=sse` body → canonical events: frames the SSE, unwraps each event's
// `response`, and hands the Gemini chunks to the shared reader. An error object sent as an event
// becomes a GatewayError like an HTTP error would.
import { GatewayError, type CanonicalEvent } from '../../canonical/index.js';
import type { CodeAssistGenerateResponse } from '../../protocols/code-assist.js';
import type { GeminiGenerateContentResponse } from '../../protocols/gemini.js';
import { createSseParser, type SseMessage } from '../../util/sse-parse.js';
import { createGeminiReader, type ReadOptions } from '../gemini-wire/read-gemini-stream.js';
import { mapGoogleError } from './map-error.js';

const NO_HEADERS = { get: () => null };

/**
 * One generator for the whole read: SSE framing, unwrapping and the Gemini reader are push
 * functions called per socket chunk, so an event costs one generator resumption, not one per stage.
 */
export async function* readCodeAssistStream(body: AsyncIterable<Uint8Array>, opts: ReadOptions): AsyncGenerator<CanonicalEvent> {
  const sse = createSseParser();
  const reader = createGeminiReader(opts);
  // The events the messages complete; an error event stops there, after the events before it.
  const take = (messages: SseMessage[]): { events: CanonicalEvent[]; failure?: { error: unknown } } => {
    const events: CanonicalEvent[] = [];
    try {
      for (const msg of messages) {
        const data = msg.data.trim();
        if (data === '' || data === '[DONE]') continue;
        for (const ev of reader.push(unwrap(parseEvent(data), data))) events.push(ev);
      }
    } catch (error) {
      return { events, failure: { error } };
    }
    return { events };
  };
  for await (const bytes of body) {
    const { events, failure } = take(sse.push(bytes));
    for (const ev of events) yield ev;
    if (failure !== undefined) throw failure.error;
  }
  const { events, failure } = take(sse.end());
  for (const ev of events) yield ev;
  if (failure !== undefined) throw failure.error;
  for (const ev of reader.end()) yield ev;
}

function parseEvent(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    throw new GatewayError('upstream', 'Cloud Code Assist sent an event that is not JSON.', {
      upstream: { status: 200, body: data.slice(0, 200) },
    });
  }
}

// A hand-written narrowing: this runs per chunk, so no schema library here.
function unwrap(v: unknown, raw: string): GeminiGenerateContentResponse {
  if (!v || typeof v !== 'object') return {};
  const obj = v as CodeAssistGenerateResponse & { error?: { code?: unknown } };
  if (obj.error && typeof obj.error === 'object') {
    const code = typeof obj.error.code === 'number' ? obj.error.code : 500;
    throw mapGoogleError(code, raw, NO_HEADERS);
  }
  // Cloud Code wraps the Gemini answer; tolerate an unwrapped one too.
  const inner = obj.response && typeof obj.response === 'object' ? obj.response : (v as GeminiGenerateContentResponse);
  return inner;
}
