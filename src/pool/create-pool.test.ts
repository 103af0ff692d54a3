import { describe, expect, it } from 'vitest';
import { GatewayError, foldEvents } from '../canonical/index.js';
import { createPool } from './create-pool.js';
import { make, q, record, req, signal } from './test-support/fake-deps.js';

describe('createPool', () => {
  it('serves through an account and resolves aliases', async () => {
    const { deps, upstream } = await make([record('a@x.com')]);
    const pool = await createPool(deps);
    const res = await foldEvents(await pool.generate(req('claude-opus-4-5'), signal));
    expect(res.content).toEqual([{ type: 'text', text: 'hi' }]);
    expect(upstream.calls).toEqual(['a']);
    await pool.close();
  });

  it('answers an unknown model with not_found listing the models', async () => {
    const { deps } = await make([record('a@x.com')]);
    const pool = await createPool(deps);
    const err = await pool.generate(req('gpt-9'), signal).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GatewayError);
    expect((err as GatewayError).kind).toBe('not_found');
    expect((err as GatewayError).message).toMatch(/gpt-9.*gemini-3-flash/);
    await pool.close();
  });

  it('with no account answers 503 unavailable (not 401) with a hint', async () => {
    const { deps } = await make([]);
    const pool = await createPool(deps);
    const err = (await pool.generate(req('gemini-3-flash'), signal).catch((e: unknown) => e)) as GatewayError;
    expect(err.kind).toBe('unavailable');
    expect(err.status).toBe(503);
    expect(err.message).toMatch(/gateway accounts add/);
    expect(pool.health()).toMatchObject({ status: 'no-accounts', accounts: 0 });
    await pool.close();
  });
});

describe('createPool catalog and reloads', () => {
  it('falls back to the flavor defaults when quota discovery fails, and says so in limits', async () => {
    const { deps, upstream } = await make([record('a@x.com')]);
    upstream.fetchQuota = async () => {
      throw new GatewayError('upstream', 'Google answered 500');
    };
    const pool = await createPool(deps);
    expect(pool.listModels().map((m) => m.id)).toContain('claude-sonnet-4-6');
    const limits = await pool.limits();
    expect(limits.accounts[0]).toMatchObject({ quotaError: 'Google answered 500' });
    expect(limits.accounts[0]!.models['claude-sonnet-4-6']).toMatchObject({ state: 'unknown', remainingFraction: null });
    await pool.close();
  });

  it('marks the account needs-login when quota discovery meets a dead login', async () => {
    const { deps, store } = await make([record('a@x.com')], {
      accessToken: async () => {
        throw new GatewayError('auth', 'revoked', { upstream: { status: 400, code: 'invalid_grant' } });
      },
    });
    deps.upstream.fetchQuota = async (account) => {
      await account.getAccessToken();
      return [];
    };
    const pool = await createPool(deps);
    await pool.ready();
    expect(store.states).toEqual([['a', 'needs-login']]);
    expect(pool.health()).toMatchObject({ status: 'degraded', activeAccounts: 0, needsLogin: 1 });
    await pool.close();
  });

  it('keeps the previous accounts when a reload fails', async () => {
    const { deps, store, upstream } = await make([record('a@x.com')]);
    const pool = await createPool(deps);
    store.read = async () => {
      throw new Error('accounts.json is not valid JSON');
    };
    store.version++;
    await foldEvents(await pool.generate(req('gemini-3-flash'), signal));
    expect(upstream.calls).toEqual(['a']);
    await pool.close();
  });

  it('reports degraded health when every account is cooling down', async () => {
    const { deps, upstream } = await make([record('a@x.com')]);
    upstream.quota.set('a', [{ model: 'gemini-3-flash', remainingFraction: 1 }]);
    upstream.behaviour = () => new GatewayError('rate_limited', 'slow down', { retryAfterMs: 60_000 });
    const pool = await createPool(deps);
    expect(pool.health()).toMatchObject({ status: 'ok', rateLimited: 0 });
    await pool.generate(req('gemini-3-flash'), signal).catch(() => undefined);
    expect(pool.health()).toMatchObject({ status: 'degraded', rateLimited: 1, available: 0 });
    await pool.close();
  });

  it('while the store watch is trusted, follows its change calls, including one made during a reload', async () => {
    const { deps, store, upstream } = await make([record('a@x.com')]);
    let onChange = (): void => {};
    Object.assign(store, {
      watch: (cb: () => void) => {
        onChange = cb;
        return () => {};
      },
      watching: () => true,
    });
    const pool = await createPool(deps);
    const ask = async (): Promise<string | undefined> => {
      await foldEvents(await pool.generate(req('gemini-3-flash'), signal));
      return upstream.calls.at(-1);
    };
    expect(await ask()).toBe('a');
    // No per-request check: a change nobody reported is not seen.
    store.records = [record('b@x.com')];
    store.version++;
    expect(await ask()).toBe('a');
    onChange();
    expect(await ask()).toBe('b');

    // A change reported while a reload is reading the previous file is read again.
    let release = (): void => {};
    const gate = new Promise<void>((r) => (release = r));
    const read = store.read;
    store.read = async () => {
      const snapshot = await read();
      await gate;
      return snapshot;
    };
    store.records = [record('c@x.com')];
    store.version++;
    onChange();
    // Let the reload read the file (it then waits at the gate).
    await new Promise((r) => setImmediate(r));
    store.records = [record('d@x.com')];
    store.version++;
    onChange();
    release();
    expect(await ask()).toBe('d');
    await pool.close();
  });
});

describe('createPool start-up', () => {
  it('returns before the first quota answer, and a request waits for that answer', async () => {
    const { deps } = await make([record('a@x.com')]);
    let answer: (() => void) | undefined;
    const quotaCalled = new Promise<void>((called) => {
      deps.upstream.fetchQuota = () =>
        new Promise((resolve) => {
          answer = () => resolve([q('late-model', 0.5)]);
          called();
        });
    });
    const pool = await createPool(deps);
    await quotaCalled;
    // Served only once the late quota answer has put the model in the catalog.
    const pending = pool.generate(req('late-model'), signal);
    answer?.();
    await expect(foldEvents(await pending)).resolves.toMatchObject({ finishReason: 'stop' });
    await pool.close();
  });
});
