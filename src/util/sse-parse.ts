// Reads a byte stream as Server-Sent Events: decodes UTF-8 across chunk boundaries and frames
// on blank lines (LF or CRLF), never on chunk boundaries.

export interface SseMessage {
  event?: string;
  data: string;
}

export async function* parseSse(body: AsyncIterable<Uint8Array>): AsyncGenerator<SseMessage> {
  const decoder = new TextDecoder('utf-8');
  let buffer = '';
  let event: string | undefined;
  let data: string[] = [];
  // A plain function per line, not a generator: this runs for every line of every upstream stream.
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
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true });
    let from = 0;
    let nl: number;
    while ((nl = buffer.indexOf('\n', from)) !== -1) {
      const end = nl > from && buffer.charCodeAt(nl - 1) === 13 /* \r */ ? nl - 1 : nl;
      const msg = takeLine(buffer.slice(from, end));
      from = nl + 1;
      if (msg !== undefined) yield msg;
    }
    if (from > 0) buffer = buffer.slice(from);
  }
  buffer += decoder.decode();
  const last = buffer === '' ? undefined : takeLine(buffer.endsWith('\r') ? buffer.slice(0, -1) : buffer);
  if (last !== undefined) yield last;
  const tail = takeLine('');
  if (tail !== undefined) yield tail;
}
