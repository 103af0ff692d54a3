import { describe, expect, it } from 'vitest';
import { collect } from '../../test/helpers/read-events.js';
import { parseSse } from './sse-parse.js';

async function* chunks(...parts: (string | Uint8Array)[]): AsyncGenerator<Uint8Array> {
  for (const p of parts) yield typeof p === 'string' ? new TextEncoder().encode(p) : p;
}


describe('parseSse', () => {
  it('frames on blank lines with CRLF and splits anywhere', async () => {
    const msgs = await collect(parseSse(chunks('data: {"a"', ':1}\r', '\n\r\n\r\nevent: x\r\ndata: 2\r\n', '\r\n')));
    expect(msgs).toEqual([{ data: '{"a":1}' }, { event: 'x', data: '2' }]);
  });

  it('decodes a multi-byte character split across chunks', async () => {
    const bytes = new TextEncoder().encode('data: héllo €\n\n');
    const cut = bytes.indexOf(0xe2) + 1; // inside the euro sign
    const msgs = await collect(parseSse(chunks(bytes.slice(0, cut), bytes.slice(cut))));
    expect(msgs).toEqual([{ data: 'héllo €' }]);
  });

  it('yields a last event that has no trailing blank line and ignores comments', async () => {
    const msgs = await collect(parseSse(chunks(': keepalive\n\ndata: last')));
    expect(msgs).toEqual([{ data: 'last' }]);
  });
});
