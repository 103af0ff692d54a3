import { describe, expect, it } from 'vitest';
import { batchLines } from './batch-lines.js';

const nextTurn = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('batchLines', () => {
  it('writes the lines of one turn together, in order, each ended by a newline', async () => {
    const writes: string[] = [];
    const lines = batchLines((t) => writes.push(t));
    lines.write('a');
    lines.write('b');
    expect(writes).toEqual([]);
    await nextTurn();
    lines.write('c');
    await nextTurn();
    expect(writes).toEqual(['a\nb\n', 'c\n']);
  });

  it('flush() writes what is pending at once, and nothing twice', async () => {
    const writes: string[] = [];
    const lines = batchLines((t) => writes.push(t));
    lines.write('x');
    lines.flush();
    expect(writes).toEqual(['x\n']);
    await nextTurn();
    lines.flush();
    expect(writes).toEqual(['x\n']);
  });
});
