import { describe, expect, it, vi } from 'vitest';
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

  it('with maxDelayMs, gathers the lines of many turns into one write after the delay', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const writes: string[] = [];
      const lines = batchLines((t) => writes.push(t), { maxDelayMs: 30 });
      lines.write('a');
      await nextTurn();
      lines.write('b');
      await nextTurn();
      vi.advanceTimersByTime(29);
      expect(writes).toEqual([]);
      vi.advanceTimersByTime(1);
      expect(writes).toEqual(['a\nb\n']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('writes at once when maxLines are pending, without waiting for the delay', () => {
    const writes: string[] = [];
    const lines = batchLines((t) => writes.push(t), { maxDelayMs: 10_000, maxLines: 3 });
    lines.write('1');
    lines.write('2');
    expect(writes).toEqual([]);
    lines.write('3');
    expect(writes).toEqual(['1\n2\n3\n']);
    lines.write('4');
    lines.flush();
    expect(writes).toEqual(['1\n2\n3\n', '4\n']);
  });
});
