import { afterEach, describe, expect, it, vi } from 'vitest';
import { GatewayError, foldEvents, type CanonicalEvent } from '../canonical/index.js';
import { createPool } from './create-pool.js';
import { classifyFailure } from './failover.js';
import type { UpstreamCall } from '../upstreams/upstream.js';
import { answer, make, q, record, req, signal } from './test-support/fake-deps.js';

const three = () => [record('a@x.com'), record('b@x.com'), record('c@x.com')];
const M = 'gemini-3-flash';
const rateLimited = (reason = 'RATE_LIMIT_EXCEEDED', retryAfterMs?: number) =>
  new GatewayError('rate_limited', 'Resource exhausted', {
    upstream: { status: 429, reason },
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  });

/** Follows an answer without awaiting it: outcome() is undefined until it settles, then 'answered' or the error. */
function track(answer: Promise<unknown>): { done: Promise<unknown>; outcome: () => unknown } {
  let settled: unknown;
  const done = answer.then(
    () => (settled = 'answered'),
    (e: unknown) => (settled = e),
  );
  return { done, outcome: () => settled };
}

async function run(pool: Awaited<ReturnType<typeof createPool>>, model = M, sessionKey?: string) {
  return foldEvents(await pool.generate(req(model, sessionKey), signal));
}

describe('pool selection', () => {
  it('sends to the highest fraction and follows it as it changes', async () => {
    const { deps, upstream } = await make(three());
    upstream.quota.set('a', [q(M, 0.9)]);
    upstream.quota.set('b', [q(M, 0.2)]);
    upstream.quota.set('c', [q(M, 0.5)]);
    const pool = await createPool(deps);
    await run(pool);
    await run(pool);
    expect(upstream.calls).toEqual(['a', 'a']);
    upstream.quota.set('a', [q(M, 0.1)]);
    upstream.quota.set('b', [q(M, 0.7)]);
    await pool.refreshQuota();
    await run(pool);
    expect(upstream.calls.at(-1)).toBe('b');
    await pool.close();
  });

  it('lists the union of the accounts catalogs', async () => {
    const { deps, upstream } = await make([record('a@x.com'), record('b@x.com')]);
    upstream.quota.set('a', [q('m1', 1)]);
    upstream.quota.set('b', [q('m2', 1), { model: 'm1', remainingFraction: 1, displayName: 'Model One' }]);
    const pool = await createPool(deps);
    expect(pool.listModels()).toEqual([
      { id: 'm1', ownedBy: 'antigravity', displayName: 'Model One' },
      { id: 'm2', ownedBy: 'antigravity' },
    ]);
    // Only b serves m2.
    await run(pool, 'm2');
    expect(upstream.calls).toEqual(['b']);
    await pool.close();
  });

  it('keeps a conversation on its account while that costs little', async () => {
    const { deps, upstream } = await make([record('a@x.com'), record('b@x.com')]);
    const pool = await createPool(deps);
    await run(pool, M, 's1');
    const first = upstream.calls[0];
    for (let i = 0; i < 3; i++) await run(pool, M, 's1');
    expect(new Set(upstream.calls)).toEqual(new Set([first]));
    // Without a session the least recently used account takes the next request.
    await run(pool);
    expect(upstream.calls.at(-1)).not.toBe(first);
    await pool.close();
  });

  it('takes accounts added and removed while running', async () => {
    const { deps, upstream, store } = await make([]);
    const pool = await createPool(deps);
    await expect(run(pool)).rejects.toMatchObject({ kind: 'unavailable' });
    store.records.push(record('n@x.com'));
    store.version++;
    await run(pool);
    expect(upstream.calls).toEqual(['n']);
    expect(pool.health()).toMatchObject({ status: 'ok', accounts: 1, activeAccounts: 1 });
    store.records = [];
    store.version++;
    await expect(run(pool)).rejects.toMatchObject({ kind: 'unavailable' });
    await pool.close();
  });
});

describe('pool failover', () => {
  it('moves on after a 429 and cools the first account down', async () => {
    const { deps, upstream } = await make(three());
    upstream.quota.set('a', [q(M, 0.9)]);
    upstream.quota.set('b', [q(M, 0.2)]);
    upstream.quota.set('c', [q(M, 0.5)]);
    upstream.behaviour = (call) => (call.account.id === 'a' ? rateLimited() : answer(`from ${call.account.id}`));
    const pool = await createPool(deps);
    const res = await run(pool);
    expect(res.content).toEqual([{ type: 'text', text: 'from c' }]);
    expect(upstream.calls).toEqual(['a', 'c']);
    const limits = await pool.limits();
    const a = limits.accounts.find((x) => x.id === 'a')!;
    expect(a.models[M]).toMatchObject({ state: 'cooling-down', cooldownReason: 'rate-limit' });
    expect(a.models[M]!.cooldownUntil).not.toBeNull();
    // While a cools down, the next request goes straight to c.
    await run(pool);
    expect(upstream.calls).toEqual(['a', 'c', 'c']);
    await pool.close();
  });

  it.each([
    ['5xx', new GatewayError('upstream', 'Google answered 500')],
    ['network', new GatewayError('upstream', 'socket hang up')],
    ['timeout', new GatewayError('timeout', 'no answer')],
    ['capacity', new GatewayError('overloaded', 'no capacity')],
  ])('moves on after %s', async (_name, error) => {
    const { deps, upstream } = await make([record('a@x.com'), record('b@x.com')]);
    upstream.quota.set('a', [q(M, 0.9)]);
    upstream.quota.set('b', [q(M, 0.5)]);
    upstream.behaviour = (call) => (call.account.id === 'a' ? error : answer('ok'));
    const pool = await createPool(deps);
    await run(pool);
    expect(upstream.calls).toEqual(['a', 'b']);
    await pool.close();
  });

  it('fails over when the first event is an error', async () => {
    const { deps, upstream } = await make([record('a@x.com'), record('b@x.com')]);
    upstream.quota.set('a', [q(M, 0.9)]);
    upstream.quota.set('b', [q(M, 0.5)]);
    upstream.behaviour = (call) => (call.account.id === 'a' ? [{ type: 'error', error: rateLimited() }] : answer('ok'));
    const pool = await createPool(deps);
    expect((await run(pool)).content).toEqual([{ type: 'text', text: 'ok' }]);
    expect(upstream.calls).toEqual(['a', 'b']);
    await pool.close();
  });

  it('on a 401 refreshes once and retries the same account', async () => {
    const { deps, upstream, refreshes } = await make([record('a@x.com'), record('b@x.com')]);
    upstream.quota.set('a', [q(M, 0.9)]);
    upstream.quota.set('b', [q(M, 0.5)]);
    const pool = await createPool(deps);
    await pool.refreshTokens('a');
    const before = refreshes();
    const refusedToken = new Set<string>();
    upstream.behaviour = (call, token) => {
      if (call.account.id === 'a' && refusedToken.size === 0) {
        refusedToken.add(token);
        return new GatewayError('auth', 'Request had invalid authentication credentials.', { upstream: { status: 401 } });
      }
      return answer(`ok ${call.account.id}`);
    };
    const res = await run(pool);
    expect(res.content).toEqual([{ type: 'text', text: 'ok a' }]);
    expect(upstream.calls).toEqual(['a', 'a']);
    expect(refreshes() - before).toBe(1);
    await pool.close();
  });

  it('a second 401 on the same account moves on', async () => {
    const { deps, upstream } = await make([record('a@x.com'), record('b@x.com')]);
    upstream.quota.set('a', [q(M, 0.9)]);
    upstream.quota.set('b', [q(M, 0.5)]);
    upstream.behaviour = (call) => (call.account.id === 'a' ? new GatewayError('auth', 'no', { upstream: { status: 401 } }) : answer('ok'));
    const pool = await createPool(deps);
    await run(pool);
    expect(upstream.calls).toEqual(['a', 'a', 'b']);
    // ... and a itself is out of the pool until its owner logs in again.
    await run(pool);
    expect(upstream.calls).toEqual(['a', 'a', 'b', 'b']);
    await pool.close();
  });

  it('marks an account whose login is dead as needs-login and skips it', async () => {
    const { deps, upstream, store } = await make([record('a@x.com'), record('b@x.com')]);
    upstream.quota.set('a', [q(M, 0.9)]);
    upstream.quota.set('b', [q(M, 0.5)]);
    const pool = await createPool(deps);
    upstream.behaviour = (call) =>
      call.account.id === 'a'
        ? new GatewayError('auth', 'Google refused the saved login', { upstream: { status: 400, code: 'invalid_grant' } })
        : answer('ok');
    await run(pool);
    expect(store.states).toEqual([['a', 'needs-login']]);
    await run(pool);
    expect(upstream.calls).toEqual(['a', 'b', 'b']);
    expect(pool.health()).toMatchObject({ accounts: 2, activeAccounts: 1, needsLogin: 1 });
    await pool.close();
  });

  it('marks an account Google banned and skips it', async () => {
    const { deps, upstream, store } = await make([record('a@x.com'), record('b@x.com')]);
    upstream.quota.set('a', [q(M, 0.9)]);
    upstream.quota.set('b', [q(M, 0.5)]);
    upstream.behaviour = (call) =>
      call.account.id === 'a'
        ? new GatewayError('permission', 'This account has been disabled for violation of Terms of Service.', {
            upstream: { status: 403, reason: 'ACCOUNT_DISABLED' },
            account: { state: 'banned', message: 'This account has been disabled for violation of Terms of Service.' },
          })
        : answer('ok');
    const pool = await createPool(deps);
    await run(pool);
    expect(store.states).toEqual([['a', 'banned']]);
    expect(pool.health()).toMatchObject({ banned: 1, attention: [{ email: 'a@x.com', state: 'banned', reason: expect.stringContaining('Terms of Service') }] });
    await run(pool);
    expect(upstream.calls).toEqual(['a', 'b', 'b']);
    await pool.close();
  });

  it('marks an account Google wants verified, with its link, and fails over', async () => {
    const { deps, upstream, store } = await make([record('a@x.com'), record('b@x.com')]);
    upstream.quota.set('a', [q(M, 0.9)]);
    upstream.quota.set('b', [q(M, 0.5)]);
    const link = { url: 'https://accounts.google.com/verify', text: 'Verify your account' };
    upstream.behaviour = (call) =>
      call.account.id === 'a'
        ? new GatewayError('permission', 'Verify your account to continue.', {
            upstream: { status: 403, reason: 'VALIDATION_REQUIRED' },
            account: { state: 'needs-verification', message: 'Verify your account to continue.', link },
          })
        : answer('ok');
    const pool = await createPool(deps);
    expect((await run(pool)).content).toEqual([{ type: 'text', text: 'ok' }]);
    expect(store.statuses).toEqual([['a', { state: 'needs-verification', message: 'Verify your account to continue.', link }]]);
    expect(pool.health()).toMatchObject({ needsVerification: 1, activeAccounts: 1, attention: [{ state: 'needs-verification', link }] });
    const limits = await pool.limits();
    expect(limits.accounts.find((a) => a.id === 'a')).toMatchObject({ state: 'needs-verification', stateLink: link, stateSince: expect.any(String) });
    await pool.close();
  });

  it.each(['quota', 'round-robin', 'sticky'] as const)('the %s strategy skips a marked account from then on', async (strategy) => {
    const { deps, upstream } = await make([record('a@x.com'), record('b@x.com'), record('c@x.com')], {}, { strategy });
    upstream.behaviour = (call) =>
      call.account.id === 'a'
        ? new GatewayError('permission', 'Verify.', { upstream: { status: 403 }, account: { state: 'needs-verification', message: 'Verify.' } })
        : answer('ok');
    const pool = await createPool(deps);
    for (let i = 0; i < 6; i++) await run(pool, M, i % 2 ? 'session-1' : undefined);
    expect(upstream.calls.filter((id) => id === 'a').length).toBeLessThanOrEqual(1);
    expect(upstream.calls.length).toBe(6 + upstream.calls.filter((id) => id === 'a').length);
    await pool.close();
  });

  it('a 401 on a freshly refreshed token marks the account as needing a login, not the client', async () => {
    const { deps, upstream, store } = await make([record('a@x.com'), record('b@x.com')]);
    upstream.quota.set('a', [q(M, 0.9)]);
    upstream.quota.set('b', [q(M, 0.5)]);
    upstream.behaviour = (call) => (call.account.id === 'a' ? new GatewayError('auth', 'Request had invalid authentication credentials.', { upstream: { status: 401 } }) : answer('ok'));
    const pool = await createPool(deps);
    expect((await run(pool)).content).toEqual([{ type: 'text', text: 'ok' }]);
    expect(store.statuses).toEqual([['a', { state: 'needs-login', message: expect.stringMatching(/freshly refreshed access token .*gateway accounts add/) }]]);
    await pool.close();
  });

  it('with the only account refused, the client gets 503 (not 401 or 403) that says what to do', async () => {
    const { deps, upstream } = await make([record('a@x.com')]);
    upstream.behaviour = () =>
      new GatewayError('permission', 'Verify your account to continue.', {
        upstream: { status: 403, reason: 'VALIDATION_REQUIRED' },
        account: { state: 'needs-verification', message: 'Verify your account to continue.', link: { url: 'https://accounts.google.com/verify' } },
      });
    const pool = await createPool(deps);
    const err = await run(pool).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'unavailable', status: 503 });
    expect((err as Error).message).toContain('https://accounts.google.com/verify');
    expect((err as Error).message).toMatch(/gateway accounts (verify|add)/);
    await pool.close();
  });

  it('never retries a bad request', async () => {
    const { deps, upstream } = await make(three());
    upstream.behaviour = () => new GatewayError('invalid_request', 'Invalid JSON payload received.');
    const pool = await createPool(deps);
    await expect(run(pool)).rejects.toMatchObject({ kind: 'invalid_request', message: 'Invalid JSON payload received.' });
    expect(upstream.calls).toHaveLength(1);
    await pool.close();
  });

  it('waits out a short cooldown of every account instead of failing', async () => {
    let clock = Date.now();
    const slept: number[] = [];
    const { deps, upstream } = await make([record('a@x.com')], {
      now: () => clock,
      sleep: async (ms) => {
        slept.push(ms);
        clock += ms;
      },
    });
    let first = true;
    upstream.behaviour = () => {
      if (!first) return answer('ok');
      first = false;
      return rateLimited('RATE_LIMIT_EXCEEDED', 3000);
    };
    const pool = await createPool(deps);
    expect((await run(pool)).content).toEqual([{ type: 'text', text: 'ok' }]);
    expect(slept).toEqual([3000]);
    expect(upstream.calls).toEqual(['a', 'a']);
    await pool.close();
  });

  it('a 429 asking for under 3 s is waited out on the same account; a longer one switches', async () => {
    const slept: number[] = [];
    const { deps, upstream } = await make([record('a@x.com'), record('b@x.com')], { sleep: async (ms) => void slept.push(ms) });
    upstream.quota.set('a', [q(M, 0.9)]);
    upstream.quota.set('b', [q(M, 0.5)]);
    let n = 0;
    upstream.behaviour = (call) => (call.account.id === 'a' && n++ === 0 ? rateLimited('RATE_LIMIT_EXCEEDED', 1200) : answer(`from ${call.account.id}`));
    const pool = await createPool(deps);
    expect((await run(pool)).content).toEqual([{ type: 'text', text: 'from a' }]);
    expect(slept).toEqual([1200]);
    expect(upstream.calls).toEqual(['a', 'a']);
    // Twice short on the same account within one request: the second time it moves on.
    upstream.behaviour = (call) => (call.account.id === 'a' ? rateLimited('RATE_LIMIT_EXCEEDED', 500) : answer(`from ${call.account.id}`));
    upstream.calls.length = 0;
    const pool2 = await createPool(deps);
    expect((await run(pool2)).content).toEqual([{ type: 'text', text: 'from b' }]);
    expect(upstream.calls).toEqual(['a', 'a', 'b']);
    await pool.close();
    await pool2.close();
  });

  it('a 429 asking for more than 5 minutes is a quota gone until then', async () => {
    const { deps, upstream } = await make([record('a@x.com'), record('b@x.com')]);
    upstream.quota.set('a', [q(M, 0.9)]);
    upstream.quota.set('b', [q(M, 0.5)]);
    upstream.behaviour = (call) => (call.account.id === 'a' ? rateLimited('RATE_LIMIT_EXCEEDED', 40 * 60_000) : answer('ok'));
    const pool = await createPool(deps);
    await run(pool);
    const a = (await pool.limits()).accounts.find((x) => x.id === 'a')!;
    expect(a.models[M]).toMatchObject({ state: 'cooling-down', cooldownReason: 'quota-exhausted' });
    await pool.close();
  });

  it('a refused client version fails the request at once, without walking the accounts', async () => {
    const { deps, upstream } = await make(three());
    upstream.behaviour = () =>
      new GatewayError('upstream', 'Google refused the Antigravity version', { noRetry: true, noFailover: true, upstream: { status: 200, reason: 'CLIENT_VERSION_REFUSED' } });
    const pool = await createPool(deps);
    await expect(run(pool)).rejects.toMatchObject({ kind: 'upstream', noRetry: true });
    expect(upstream.calls).toHaveLength(1);
    await pool.close();
  });

  it('does not wait when the soonest account is far away', async () => {
    const slept: number[] = [];
    const { deps, upstream } = await make([record('a@x.com')], { sleep: async (ms) => void slept.push(ms) });
    upstream.behaviour = () => rateLimited('RATE_LIMIT_EXCEEDED', 30_000);
    const pool = await createPool(deps);
    await expect(run(pool)).rejects.toMatchObject({ kind: 'rate_limited' });
    expect(slept).toEqual([]);
    expect(upstream.calls).toEqual(['a']);
    await pool.close();
  });

  it('stops after maxAttempts', async () => {
    const records = ['a', 'b', 'c', 'd', 'e'].map((n) => record(`${n}@x.com`));
    const { deps, upstream } = await make(records, {}, { maxAttempts: 3 });
    upstream.behaviour = () => new GatewayError('upstream', 'Google answered 503');
    const pool = await createPool(deps);
    await expect(run(pool)).rejects.toMatchObject({ kind: 'upstream' });
    expect(upstream.calls).toHaveLength(3);
    await pool.close();
  });

  it('a refresh-and-retry does not count as an attempt: every healthy account is tried (issue 11 row 3)', async () => {
    const records = ['a', 'b', 'c'].map((n) => record(`${n}@x.com`));
    const { deps, upstream } = await make(records, {}, { maxAttempts: 2 });
    upstream.quota.set('a', [q(M, 0.9)]);
    upstream.quota.set('b', [q(M, 0.5)]);
    upstream.quota.set('c', [q(M, 0.2)]);
    const unauthorized = () => new GatewayError('auth', 'Request had invalid authentication credentials.', { upstream: { status: 401 } });
    upstream.behaviour = (call) => (call.account.id === 'c' ? answer('from c') : unauthorized());
    const pool = await createPool(deps);
    expect((await run(pool)).content).toEqual([{ type: 'text', text: 'from c' }]);
    expect(upstream.calls).toEqual(['a', 'a', 'b', 'b', 'c']);
    await pool.close();
  });

  it('account-bound refusals (403, 404, 429) do not use up maxAttempts either', async () => {
    const records = ['a', 'b', 'c', 'd'].map((n) => record(`${n}@x.com`));
    const { deps, upstream } = await make(records, {}, { maxAttempts: 1 });
    ['a', 'b', 'c', 'd'].forEach((id, i) => upstream.quota.set(id, [q(M, 0.9 - i / 10)]));
    const refusals: Record<string, GatewayError> = {
      a: new GatewayError('permission', 'The caller does not have permission', { upstream: { status: 403 } }),
      b: new GatewayError('not_found', 'Requested entity was not found.', { upstream: { status: 404 } }),
      c: rateLimited(),
    };
    upstream.behaviour = (call) => refusals[call.account.id] ?? answer('from d');
    const pool = await createPool(deps);
    expect((await run(pool)).content).toEqual([{ type: 'text', text: 'from d' }]);
    expect(upstream.calls).toEqual(['a', 'b', 'c', 'd']);
    await pool.close();
  });

  it.each([
    ['401 after a refresh', () => new GatewayError('auth', 'Request had invalid authentication credentials.', { upstream: { status: 401 } })],
    ['403', () => new GatewayError('permission', 'The caller does not have permission', { upstream: { status: 403 } })],
  ])('when every account answers %s the client hears 503, never an auth error about its own key', async (_name, refusal) => {
    const { deps, upstream } = await make(three());
    upstream.behaviour = () => refusal();
    const pool = await createPool(deps);
    const err = (await run(pool).catch((e: unknown) => e)) as GatewayError;
    expect(err).toBeInstanceOf(GatewayError);
    expect(err.kind).toBe('unavailable');
    expect(err.status).toBe(503);
    expect(err.message).toMatch(/Google refused/);
    expect(err.message).toMatch(/gateway accounts (verify|add)/);
    expect(new Set(upstream.calls)).toEqual(new Set(['a', 'b', 'c']));
    await pool.close();
  });

  it('when every account is exhausted answers rate_limited with the soonest reset', async () => {
    const { deps, upstream } = await make([record('a@x.com'), record('b@x.com')]);
    upstream.behaviour = (call) => rateLimited('QUOTA_EXHAUSTED', call.account.id === 'a' ? 3_600_000 : 600_000);
    const pool = await createPool(deps);
    const err = (await run(pool).catch((e: unknown) => e)) as GatewayError;
    expect(err).toBeInstanceOf(GatewayError);
    expect(err.kind).toBe('rate_limited');
    expect(err.retryAfterMs).toBeGreaterThan(590_000);
    expect(err.retryAfterMs).toBeLessThanOrEqual(600_000);
    expect(err.noRetry).toBe(true);
    expect(err.message).toContain(M);
    expect(err.message).toMatch(/resets in 10m00s|resets in 9m5\ds/);
    // Now nothing is tried at all until a reset.
    const calls = upstream.calls.length;
    await expect(run(pool)).rejects.toMatchObject({ kind: 'rate_limited' });
    expect(upstream.calls.length).toBe(calls);
    await pool.close();
  });

  it('skips accounts whose quota is at zero until the reset', async () => {
    const { deps, upstream } = await make([record('a@x.com'), record('b@x.com')]);
    const reset = new Date(Date.now() + 3_600_000).toISOString();
    upstream.quota.set('a', [q(M, 0, reset)]);
    upstream.quota.set('b', [q(M, 0, reset)]);
    const pool = await createPool(deps);
    const err = (await run(pool).catch((e: unknown) => e)) as GatewayError;
    expect(err.kind).toBe('rate_limited');
    expect(err.retryAfterMs).toBeGreaterThan(3_500_000);
    expect(upstream.calls).toHaveLength(0);
    await pool.close();
  });
});

describe('pool tokens and reports', () => {
  it('refreshTokens reports per account and marks dead logins', async () => {
    const { deps } = await make([record('a@x.com'), record('b@x.com')], {
      accessToken: async (_account, rt) => {
        if (rt === 'rt-b') throw new GatewayError('auth', 'revoked', { upstream: { status: 400, code: 'invalid_grant' } });
        return { token: 't', expiresAt: Date.now() + 3600_000 };
      },
    });
    const pool = await createPool(deps);
    const results = await pool.refreshTokens();
    expect(results).toEqual([
      { id: 'a', email: 'a@x.com', ok: true, expiresAt: expect.any(String) },
      { id: 'b', email: 'b@x.com', ok: false, error: 'revoked' },
    ]);
    expect(JSON.stringify(results)).not.toContain('"t"');
    expect(await pool.refreshTokens('a@x.com')).toHaveLength(1);
    await expect(pool.refreshTokens('zzz')).rejects.toMatchObject({ kind: 'not_found' });
    expect(pool.health()).toMatchObject({ needsLogin: 1 });
    await pool.close();
  });

  it('limits() reports every account and model without secrets', async () => {
    const { deps, upstream } = await make([record('a@x.com')]);
    upstream.quota.set('a', [q(M, 0.25, '2030-01-01T00:00:00Z')]);
    const pool = await createPool(deps);
    const limits = await pool.limits();
    expect(limits.accounts).toEqual([
      expect.objectContaining({
        id: 'a',
        email: 'a@x.com',
        state: 'active',
        projectId: 'p-a@x.com',
        models: { [M]: { remainingFraction: 0.25, resetTime: '2030-01-01T00:00:00Z', state: 'ok', cooldownUntil: null, cooldownReason: null, lastUsed: null } },
      }),
    ]);
    expect(JSON.stringify(limits)).not.toMatch(/rt-a|tok-/);
    await pool.close();
  });

  it('counts tokens through an account', async () => {
    const { deps } = await make([record('a@x.com')]);
    const pool = await createPool(deps);
    expect(await pool.countTokens(req(M), signal)).toBe(7);
    await pool.close();
  });
});

describe('classifyFailure', () => {
  it.each([
    ['auth', {}, 'x', 'refresh-and-retry'],
    ['auth', { upstream: { status: 400, code: 'invalid_grant' } }, 'x', 'needs-login'],
    // Without the upstream's mark, words alone do not ban an account.
    ['permission', {}, 'This account has been disabled for violation of Terms of Service.', 'next'],
    ['permission', { upstream: { status: 403, reason: 'ACCOUNT_DISABLED' } }, 'x', 'next'],
    ['permission', { account: { state: 'banned', message: 'x' } }, 'x', 'blocked'],
    ['permission', { account: { state: 'needs-verification', message: 'x' } }, 'x', 'blocked'],
    ['invalid_request', { account: { state: 'unsupported-client', message: 'x' } }, 'x', 'blocked'],
    ['permission', {}, 'Cloud AI Companion API has not been used in project p before or it is disabled.', 'next'],
    ['rate_limited', {}, 'x', 'cool-and-next'],
    ['overloaded', {}, 'x', 'cool-and-next'],
    ['upstream', {}, 'x', 'cool-and-next'],
    ['timeout', {}, 'x', 'cool-and-next'],
    ['invalid_request', {}, 'x', 'fatal'],
    ['not_found', {}, 'x', 'next'],
    ['too_large', {}, 'x', 'fatal'],
    ['internal', {}, 'x', 'fatal'],
  ] as const)('%s %j %s → %s', (kind, opts, message, expected) => {
    expect(classifyFailure(new GatewayError(kind, message, opts))).toBe(expected);
  });

  it('a 401 after this request refreshed the token needs a login', () => {
    const err = new GatewayError('auth', 'x', { upstream: { status: 401 } });
    expect(classifyFailure(err, { afterRefresh: false })).toBe('refresh-and-retry');
    expect(classifyFailure(err, { afterRefresh: true })).toBe('needs-login');
  });
});

describe('pool secret store trouble', () => {
  it('an unreadable secret sends the request to another account', async () => {
    const { deps, upstream, store } = await make([record('a@x.com'), record('b@x.com')]);
    upstream.quota.set('a', [q(M, 0.9)]);
    upstream.quota.set('b', [q(M, 0.5)]);
    store.refreshToken = async (r) => {
      if (r.id === 'a') throw new Error('The keychain is locked');
      return `rt-${r.id}`;
    };
    const pool = await createPool(deps);
    expect((await run(pool)).content).toEqual([{ type: 'text', text: 'hi' }]);
    expect(upstream.calls).toEqual(['b']);
    await pool.close();
  });
});

describe('the request budget (issue 11 row 6)', () => {
  afterEach(() => vi.useRealTimers());

  /** Until its signal fires: an upstream that accepted the call and sends nothing. */
  const silent = (call: UpstreamCall): Promise<never> =>
    new Promise((_resolve, reject) => call.signal.addEventListener('abort', () => reject(call.signal.reason), { once: true }));

  it('is shared by every attempt: a silent account after a slow failure gets only what is left', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const { deps, upstream } = await make(three(), {}, { requestBudgetMs: 1000 });
    upstream.quota.set('a', [q(M, 0.9)]);
    upstream.quota.set('b', [q(M, 0.5)]);
    upstream.quota.set('c', [q(M, 0.2)]);
    const aborted: string[] = [];
    upstream.stream = async function* (call: UpstreamCall): AsyncGenerator<CanonicalEvent> {
      upstream.calls.push(call.account.id);
      call.signal.addEventListener('abort', () => aborted.push(call.account.id));
      if (call.account.id === 'a') {
        await new Promise((r) => setTimeout(r, 700));
        throw new GatewayError('upstream', 'Google answered 500');
      }
      await silent(call);
    };
    const pool = await createPool(deps);
    const pending = track(run(pool));
    await vi.advanceTimersByTimeAsync(700);
    expect(upstream.calls).toEqual(['a', 'b']);
    await vi.advanceTimersByTimeAsync(299);
    expect(pending.outcome()).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    await pending.done;
    expect(pending.outcome()).toBeInstanceOf(GatewayError);
    expect(pending.outcome()).toMatchObject({ kind: 'timeout' });
    expect((pending.outcome() as GatewayError).status).toBe(504);
    expect((pending.outcome() as GatewayError).message).toMatch(/request budget of 1 s .*requestBudgetMs.*tried 2 accounts, the last said: Google answered 500/);
    // The silent call was given up, and nobody else was started after the budget ran out.
    expect(aborted).toEqual(['b']);
    expect(upstream.calls).toEqual(['a', 'b']);
    await pool.close();
  });

  it("with the request's controller: the first attempt runs under the request's own signal, which the budget aborts; a later attempt gets its own", async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const { deps, upstream } = await make(three(), {}, { requestBudgetMs: 1000 });
    upstream.quota.set('a', [q(M, 0.9)]);
    upstream.quota.set('b', [q(M, 0.5)]);
    upstream.quota.set('c', [q(M, 0.2)]);
    const request = new AbortController();
    const signals: AbortSignal[] = [];
    upstream.stream = async function* (call: UpstreamCall): AsyncGenerator<CanonicalEvent> {
      upstream.calls.push(call.account.id);
      signals.push(call.signal);
      if (call.account.id === 'a') throw new GatewayError('upstream', 'Google answered 500');
      await silent(call);
    };
    const pool = await createPool(deps);
    const pending = track(pool.generate({ ...req(M), stream: false }, request.signal, undefined, request));
    await vi.advanceTimersByTimeAsync(1000);
    await pending.done;
    expect(upstream.calls).toEqual(['a', 'b']);
    expect(signals[0]).toBe(request.signal);
    expect(signals[1]).not.toBe(request.signal);
    expect(signals[1]!.aborted).toBe(true);
    // b was the attempt under way: its own signal ended, not the request's.
    expect(request.signal.aborted).toBe(false);
    expect(pending.outcome()).toMatchObject({ kind: 'timeout', status: 504 });
    await pool.close();
  });

  it("aborts the request's own signal when the budget runs out on the first attempt, and still answers 504", async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const { deps, upstream } = await make([record('a@x.com')], {}, { requestBudgetMs: 1000 });
    const request = new AbortController();
    upstream.stream = async function* (call: UpstreamCall): AsyncGenerator<CanonicalEvent> {
      upstream.calls.push(call.account.id);
      await silent(call);
    };
    const pool = await createPool(deps);
    const pending = track(pool.generate({ ...req(M), stream: false }, request.signal, undefined, request));
    await vi.advanceTimersByTimeAsync(999);
    expect(pending.outcome()).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    await pending.done;
    expect(request.signal.aborted).toBe(true);
    expect(pending.outcome()).toMatchObject({ kind: 'timeout', status: 504, message: expect.stringMatching(/request budget of 1 s/) });
    await pool.close();
  });

  it('stops counting once the answer began, so a long folded answer is not cut', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const { deps, upstream } = await make([record('a@x.com')], {}, { requestBudgetMs: 1000 });
    upstream.stream = async function* (call: UpstreamCall): AsyncGenerator<CanonicalEvent> {
      upstream.calls.push(call.account.id);
      const [first, ...rest] = answer('long');
      yield first!;
      await new Promise((r) => setTimeout(r, 5000));
      if (call.signal.aborted) throw call.signal.reason;
      yield* rest;
    };
    const pool = await createPool(deps);
    const pending = pool.generate({ ...req(M), stream: false }, signal).then(foldEvents);
    await vi.advanceTimersByTimeAsync(5000);
    expect((await pending).content).toEqual([{ type: 'text', text: 'long' }]);
    await pool.close();
  });
});
