import { describe, expect, it } from 'vitest';
import type { StoredConversation } from './response-store.js';
import { createResponseStore } from './response-store.js';

const conv = (text: string): StoredConversation => ({ messages: [{ role: 'user', parts: [{ type: 'text', text }] }] });

describe('response store', () => {
  it('keeps at most maxEntries, dropping the least recently used first', () => {
    const store = createResponseStore(2);
    store.set('a', conv('a'));
    store.set('b', conv('b'));
    // Reading a makes b the least recently used.
    expect(store.get('a')).toEqual(conv('a'));
    store.set('c', conv('c'));
    expect(store.size).toBe(2);
    expect(store.get('b')).toBeUndefined();
    expect(store.get('a')).toEqual(conv('a'));
    expect(store.get('c')).toEqual(conv('c'));
  });

  it('replaces an entry stored again under the same id without growing', () => {
    const store = createResponseStore(5);
    store.set('a', conv('first'));
    store.set('a', conv('second'));
    expect(store.size).toBe(1);
    expect(store.get('a')).toEqual(conv('second'));
  });
});
