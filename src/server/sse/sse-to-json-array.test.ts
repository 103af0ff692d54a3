import { describe, expect, it } from 'vitest';
import { sseToJsonArray } from './sse-to-json-array.js';

async function join(frames: string[]): Promise<string> {
  async function* src() {
    yield* frames;
  }
  let out = '';
  for await (const piece of sseToJsonArray(src())) out += piece;
  return out;
}

describe('sseToJsonArray', () => {
  it('turns data frames into one JSON array, element by element', async () => {
    const text = await join(['data: {"a":1}\n\n', ': keep-alive\n\n', 'data: {"b":2}\r\n\r\n']);
    expect(JSON.parse(text)).toEqual([{ a: 1 }, { b: 2 }]);
  });

  it('gives an empty array for a stream without data', async () => {
    expect(JSON.parse(await join([]))).toEqual([]);
  });
});
