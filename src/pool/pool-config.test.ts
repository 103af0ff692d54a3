// The pool follows its configuration (the strategy config.json or --strategy chose) and learns
// the new quota of an account that Google just rate limited, and on the configured period.
import { describe, expect, it, vi } from 'vitest';
import { GatewayError, foldEvents } from '../canonical/index.js';
import type { AccountContext } from '../upstreams/upstream.js';
import type { GenerationTrace } from './backend.js';
import { createPool } from './create-pool.js';
import { answer, make, q, record, req, signal } from './test-support/fake-deps.js';

const M = 'gemini-3-flash';
const three = () => [record('a@x.com'), record('b@x.com'), record('c@x.com')];

async function run(pool: Awaited<ReturnType<typeof createPool>>, times = 1): Promise<void> {
  for (let i = 0; i < times; i++) await foldEvents(await pool.generate(req(M), signal));
}

describe('the strategy from the config', () => {
  const fractions = async (strategy: 'quota' | 'round-robin' | 'sticky') => {
    const made = await make(three(), {}, { strategy });
    made.upstream.quota.set('a', [q(M, 0.9)]);
    made.upstream.quota.set('b', [q(M, 0.2)]);
    made.upstream.quota.set('c', [q(M, 0.5)]);
    return made;
  };

  it('quota keeps to the fullest account; round-robin visits every account', async () => {
    const quota = await fractions('quota');
    const qp = await createPool(quota.deps);
    await run(qp, 3);
    expect(quota.upstream.calls).toEqual(['a', 'a', 'a']);
    expect((await qp.limits()).strategy).toBe('quota');
    await qp.close();

    const rr = await fractions('round-robin');
    const rp = await createPool(rr.deps);
    await run(rp, 3);
    expect(new Set(rr.upstream.calls)).toEqual(new Set(['a', 'b', 'c']));
    expect((await rp.limits()).strategy).toBe('round-robin');
    await rp.close();
  });

  it('sticky stays on its account when another one gets fuller', async () => {
    const sticky = await fractions('sticky');
    const pool = await createPool(sticky.deps);
    await run(pool);
    const first = sticky.upstream.calls[0]!;
    for (const id of ['a', 'b', 'c']) sticky.upstream.quota.set(id, [q(M, id === first ? 0.1 : 1)]);
    await pool.refreshQuota();
    await run(pool, 2);
    expect(sticky.upstream.calls).toEqual([first, first, first]);
    await pool.close();
  });

  it('a strategy config.json changes while running is the one each request records', async () => {
    const made = await fractions('quota');
    const pool = await createPool(made.deps);
    const trace = (): GenerationTrace => ({ strategy: '', attempts: 0, failovers: 0 });
    const before = trace();
    await foldEvents(await pool.generate(req(M), signal, before));
    pool.applyConfig({ aliases: {}, strategy: 'round-robin' });
    const after = trace();
    await foldEvents(await pool.generate(req(M), signal, after));
    expect([before.strategy, after.strategy]).toEqual(['quota', 'round-robin']);
    expect((await pool.limits()).strategy).toBe('round-robin');
    await pool.close();
  });
});

describe('quota after a 429', () => {
  it('asks Google again for the quota of the rate-limited account, and only that one', async () => {
    const { deps, upstream } = await make([record('a@x.com'), record('b@x.com')]);
    upstream.quota.set('a', [q(M, 0.9)]);
    upstream.quota.set('b', [q(M, 0.5)]);
    const fetched: string[] = [];
    let refetchedA!: () => void;
    const aFetchedTwice = new Promise<void>((r) => (refetchedA = r));
    const fetchQuota = upstream.fetchQuota.bind(upstream);
    upstream.fetchQuota = async (a: AccountContext) => {
      fetched.push(a.id);
      const result = await fetchQuota(a);
      if (fetched.filter((id) => id === 'a').length === 2) queueMicrotask(refetchedA);
      return result;
    };
    upstream.behaviour = (call) =>
      call.account.id === 'a'
        ? new GatewayError('rate_limited', 'Resource exhausted', { upstream: { status: 429, reason: 'QUOTA_EXHAUSTED' } })
        : answer('from b');
    const pool = await createPool(deps);
    expect(fetched.sort()).toEqual(['a', 'b']);

    // What Google reports once a is out: the refresh must bring this in without waiting for the timer.
    upstream.quota.set('a', [q(M, 0, new Date(Date.now() + 3_600_000).toISOString())]);
    await run(pool);
    expect(upstream.calls).toEqual(['a', 'b']);
    await aFetchedTwice;
    expect(fetched.filter((id) => id === 'b')).toHaveLength(1);
    const a = (await pool.limits()).accounts.find((x) => x.id === 'a')!;
    expect(a.models[M]?.remainingFraction).toBe(0);
    await pool.close();
  });
});

describe('periodic quota refresh', () => {
  it('asks every account for its quota again every quotaRefreshSeconds, and not when it is 0', async () => {
    vi.useFakeTimers();
    try {
      const periodic = await make([record('a@x.com'), record('b@x.com')], {}, { quotaRefreshSeconds: 60 });
      let fetches = 0;
      periodic.upstream.fetchQuota = async () => (fetches++, [q(M, 1)]);
      const pool = await createPool(periodic.deps);
      expect(fetches).toBe(2);
      await vi.advanceTimersByTimeAsync(60_000);
      expect(fetches).toBe(4);
      await vi.advanceTimersByTimeAsync(60_000);
      expect(fetches).toBe(6);
      await pool.close();

      const never = await make([record('a@x.com')], {}, { quotaRefreshSeconds: 0 });
      let none = 0;
      never.upstream.fetchQuota = async () => (none++, [q(M, 1)]);
      const quiet = await createPool(never.deps);
      await vi.advanceTimersByTimeAsync(3_600_000);
      expect(none).toBe(1);
      await quiet.close();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('every account cooling down after server errors', () => {
  it('says Google failed with server errors, not that the accounts are out of quota', async () => {
    const t = Date.parse('2026-01-01T12:00:00Z');
    const { deps, upstream } = await make([record('a@x.com'), record('b@x.com')], { now: () => t, sleep: async () => {} });
    upstream.behaviour = () => new GatewayError('upstream', 'Internal error encountered.', { upstream: { status: 500 } });
    const pool = await createPool(deps);
    await expect(run(pool)).rejects.toMatchObject({ kind: 'upstream', message: 'Internal error encountered.' });
    expect(upstream.calls.sort()).toEqual(['a', 'b']);

    // Both accounts now cool down; the next request tries none of them.
    const err = await run(pool).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(upstream.calls).toHaveLength(2);
    expect(err).toBeInstanceOf(GatewayError);
    const g = err as GatewayError;
    expect(g.kind).toBe('upstream');
    expect(g.message).toMatch(/server errors/);
    expect(g.message).not.toMatch(/quota|rate-limited/);
    expect(g.retryAfterMs).toBeGreaterThan(0);
    await pool.close();
  });
});
