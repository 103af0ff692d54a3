// Reads a byte stream as Server-Sent Events: decodes UTF-8 across chunk boundaries and frames
// on blank lines (LF or CRLF), never on chunk boundaries.

export interface SseMessage {
  event?: string;
  data: string;
}

/**
 * The parser as a push function: bytes in, the messages they complete out. Upstream readers
 * call it per socket chunk, so a chunk holding eight events costs one call, not eight generator
 * resumptions.
 */
export interface SseParser {
  push(chunk: Uint8Array): SseMessage[];
  /** The messages still pending once the body has ended (a last event without a blank line). */
  end(): SseMessage[];
}

export function createSseParser(): SseParser {
  const decoder = new TextDecoder('utf-8');
  let buffer = '';
  let event: string | undefined;
  let data: string[] = [];
  const takeLine = (line: string): SseMessage | undefined => {
    if (line === '') {
      const msg = data.length === 0 ? undefined : event === undefined ? { data: data.join('\n') } : { event, data: data.join('\n') };
      event = undefined;
      data = [];
      return msg;
    }
    if (line.charCodeAt(0) === 58 /* : */) return undefined;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32 /* space */) value = value.slice(1);
    if (field === 'data') data.push(value);
    else if (field === 'event') event = value;
    return undefined;
  };
  return {
    push(chunk) {
      const out: SseMessage[] = [];
      buffer += decoder.decode(chunk, { stream: true });
      let from = 0;
      let nl: number;
      while ((nl = buffer.indexOf('\n', from)) !== -1) {
        const end = nl > from && buffer.charCodeAt(nl - 1) === 13 /* \r */ ? nl - 1 : nl;
        const msg = takeLine(buffer.slice(from, end));
        from = nl + 1;
        if (msg !== undefined) out.push(msg);
      }
      if (from > 0) buffer = buffer.slice(from);
      return out;
    },
    end() {
      const out: SseMessage[] = [];
      buffer += decoder.decode();
      const last = buffer === '' ? undefined : takeLine(buffer.endsWith('\r') ? buffer.slice(0, -1) : buffer);
      buffer = '';
      if (last !== undefined) out.push(last);
      const tail = takeLine('');
      if (tail !== undefined) out.push(tail);
      return out;
    },
  };
}

/** @example for await (const msg of parseSse(res.body)) handle(JSON.parse(msg.data)); @internal */
export async function* parseSse(body: AsyncIterable<Uint8Array>): AsyncGenerator<SseMessage> {
  const parser = createSseParser();
  for await (const chunk of body) yield* parser.push(chunk);
  yield* parser.end();
}
