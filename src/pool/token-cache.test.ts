import { describe, expect, it } from 'vitest';
import { REFRESH_AHEAD_MS, createTokenCache } from './token-cache.js';

function setup() {
  let t = 0;
  const calls: string[] = [];
  const gates: Array<() => void> = [];
  const cache = createTokenCache({
    now: () => t,
    refresh: (id) => {
      calls.push(id);
      const n = calls.length;
      return new Promise((resolve) => gates.push(() => resolve({ token: `${id}-${n}`, expiresAt: t + 3600_000 })));
    },
  });
  return { cache, calls, open: () => gates.splice(0).forEach((g) => g()), setTime: (v: number) => (t = v) };
}

describe('token cache', () => {
  it('shares one refresh among every waiter of one account', async () => {
    const { cache, calls, open } = setup();
    const waiting = [...Array.from({ length: 50 }, () => cache.get('a')), cache.get('b')];
    open();
    const tokens = await Promise.all(waiting);
    expect(calls).toEqual(['a', 'b']);
    expect(new Set(tokens.slice(0, 50))).toEqual(new Set(['a-1']));
    expect(await cache.get('a')).toBe('a-1');
    expect(calls).toHaveLength(2);
  });

  it('refreshes shortly before expiry', async () => {
    const { cache, calls, open, setTime } = setup();
    const p = cache.get('a');
    open();
    await p;
    setTime(3600_000 - REFRESH_AHEAD_MS - 1);
    expect(await cache.get('a')).toBe('a-1');
    setTime(3600_000 - REFRESH_AHEAD_MS + 1);
    const q = cache.get('a');
    open();
    expect(await q).toBe('a-2');
    expect(calls).toEqual(['a', 'a']);
  });

  it('invalidates only the token that was refused', async () => {
    const { cache, calls, open } = setup();
    const p = cache.get('a');
    open();
    const first = await p;
    cache.invalidate('a', 'stale-other');
    expect(await cache.get('a')).toBe(first);
    // Many requests refused with the same token: still one refresh.
    for (let i = 0; i < 10; i++) cache.invalidate('a', first);
    const again = Promise.all([cache.get('a'), cache.get('a')]);
    open();
    expect(await again).toEqual(['a-2', 'a-2']);
    expect(calls).toHaveLength(2);
  });

  it('a failed refresh is not cached', async () => {
    let n = 0;
    const cache = createTokenCache({
      refresh: async () => {
        if (++n === 1) throw new Error('boom');
        return { token: 't', expiresAt: Date.now() + 3600_000 };
      },
    });
    await expect(cache.get('a')).rejects.toThrow('boom');
    expect(await cache.get('a')).toBe('t');
  });
});
