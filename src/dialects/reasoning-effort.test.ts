import { describe, expect, it } from 'vitest';
import { toReasoningEffort } from './reasoning-effort.js';

describe('toReasoningEffort', () => {
  it('keeps the four shared levels', () => {
    for (const w of ['minimal', 'low', 'medium', 'high'] as const) expect(toReasoningEffort(w)).toBe(w);
  });

  it("maps only the dialect's own words above high to high", () => {
    expect(toReasoningEffort('xhigh', ['xhigh'])).toBe('high');
    expect(toReasoningEffort('max', ['xhigh'])).toBeUndefined();
    expect(toReasoningEffort('max', ['xhigh', 'max'])).toBe('high');
  });

  it('knows no other word, including inherited object keys', () => {
    expect(toReasoningEffort('extreme')).toBeUndefined();
    expect(toReasoningEffort('toString')).toBeUndefined();
  });
});
