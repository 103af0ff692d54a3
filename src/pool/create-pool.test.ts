import { describe, expect, it } from 'vitest';
import { GatewayError, foldEvents } from '../canonical/index.js';
import { createPool } from './create-pool.js';
import { make, record, req, signal } from './test-support/fake-deps.js';

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

  it('with no account answers auth with a hint', async () => {
    const { deps } = await make([]);
    const pool = await createPool(deps);
    const err = (await pool.generate(req('gemini-3-flash'), signal).catch((e: unknown) => e)) as GatewayError;
    expect(err.kind).toBe('auth');
    expect(err.message).toMatch(/gateway accounts add/);
    expect(pool.health()).toMatchObject({ status: 'no-accounts', accounts: 0 });
    await pool.close();
  });
});
