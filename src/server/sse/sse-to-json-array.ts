// Gemini's streamGenerateContent without `?alt=sse` answers one JSON array, streamed element by
// element. The Gemini dialect renders SSE `data:` frames; this turns them into array pieces.
import type { Dialect } from '../../dialects/dialect.js';

const DATA = 'data: ';

function payloadOf(frame: string): string | undefined {
  if (!frame.startsWith(DATA)) return undefined;
  return frame.slice(DATA.length).trimEnd();
}

export async function* sseToJsonArray(frames: AsyncIterable<string>): AsyncGenerator<string> {
  let first = true;
  for await (const frame of frames) {
    const payload = payloadOf(frame);
    // Comments (keep-alives) have no place in a JSON array; whitespace keeps the socket warm.
    if (payload === undefined) {
      yield '\r\n';
      continue;
    }
    yield first ? `[${payload}` : `,\r\n${payload}`;
    first = false;
  }
  yield first ? '[]' : ']';
}

/** The same dialect, streaming a JSON array instead of SSE. */
export function asJsonArrayStream(dialect: Dialect): Dialect {
  return {
    ...dialect,
    streamContentType: 'application/json; charset=utf-8',
    renderStream: (events, ctx) => sseToJsonArray(dialect.renderStream(events, ctx)),
  };
}
