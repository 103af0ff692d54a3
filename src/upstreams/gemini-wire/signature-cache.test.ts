import { describe, expect, it } from 'vitest';
import { createSignatureCache } from './signature-cache.js';

describe('createSignatureCache', () => {
  it('forgets entries older than the TTL', () => {
    let now = 0;
    const cache = createSignatureCache({ ttlMs: 1000, now: () => now });
    cache.rememberToolCall('a', { family: 'gemini', signature: 's' });
    cache.rememberSignature('sig', 'claude');
    now = 999;
    expect(cache.toolCall('a')?.signature).toBe('s');
    expect(cache.familyOf('sig')).toBe('claude');
    now = 2100;
    expect(cache.toolCall('a')).toBeUndefined();
    expect(cache.familyOf('sig')).toBeUndefined();
  });

  it('evicts the least recently used entry when full', () => {
    const cache = createSignatureCache({ maxEntries: 2 });
    cache.rememberToolCall('a', { family: 'gemini' });
    cache.rememberToolCall('b', { family: 'gemini' });
    cache.toolCall('a');
    cache.rememberToolCall('c', { family: 'gemini' });
    expect(cache.toolCall('a')).toBeDefined();
    expect(cache.toolCall('b')).toBeUndefined();
    expect(cache.toolCall('c')).toBeDefined();
  });

  it('tells long signatures apart that share their ends only when lengths differ', () => {
    const cache = createSignatureCache();
    const long = 'A'.repeat(60) + 'middle' + 'B'.repeat(60);
    cache.rememberSignature(long, 'gemini');
    expect(cache.familyOf(long)).toBe('gemini');
    expect(cache.familyOf('A'.repeat(60) + 'B'.repeat(60))).toBeUndefined();
  });
});
