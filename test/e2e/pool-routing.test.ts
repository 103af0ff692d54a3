// The pool over the real upstream and the emulator: quota-based choice, live accounts, model list.
import { describe, expect, it } from 'vitest';
import { updateAccounts } from '../../src/store/accounts-file.js';
import { seedAccount } from '../helpers/seed-accounts.js';
import { A, B, C, MODEL, ask, generationAccounts, setFractions, usePoolGateway } from '../helpers/pool-gateway.js';

const startPool = usePoolGateway();

describe('pool routing', () => {
  it('sends requests to the account with the most quota and follows the fractions', async () => {
    const gw = await startPool();
    await setFractions(gw, { [A]: 0.9, [B]: 0.2, [C]: 0.5 });
    gw.emulator.state.reset();
    expect(await ask(gw)).not.toBe('');
    await ask(gw, 'again', true);
    expect(generationAccounts(gw)).toEqual([A, A]);

    await setFractions(gw, { [A]: 0.3, [B]: 0.2, [C]: 0.5 });
    await ask(gw);
    expect(generationAccounts(gw).at(-1)).toBe(C);

    await setFractions(gw, { [A]: 0.3, [B]: 0.95, [C]: 0.5 });
    await ask(gw);
    expect(generationAccounts(gw).at(-1)).toBe(B);
  });

  it('lists the union of the accounts catalogs on /v1/models', async () => {
    const gw = await startPool();
    const resetTime = new Date(Date.now() + 3600_000).toISOString();
    gw.emulator.state.accounts.get(A)!.quota = { 'gemini-3-flash': { remainingFraction: 1, resetTime } };
    gw.emulator.state.accounts.get(B)!.quota = { 'claude-sonnet-4-6': { remainingFraction: 0.5, resetTime } };
    gw.emulator.state.accounts.get(C)!.quota = { 'gemini-3-flash': { resetTime } };
    await gw.pool.refreshQuota();
    const ids = (await gw.client.models.list()).data.map((m) => m.id).sort();
    expect(ids).toEqual(['claude-sonnet-4-6', 'gemini-3-flash']);
    gw.emulator.state.reset();
    await gw.client.chat.completions.create({ model: 'claude-sonnet-4-6', messages: [{ role: 'user', content: 'hi' }] });
    expect(generationAccounts(gw)).toEqual([B]);
  });

  it('serves gemini-cli models from a gemini-cli account next to antigravity ones', async () => {
    const gw = await startPool({ accounts: [A] });
    await seedAccount(gw.home, gw.emulator, 'cli@example.com', { flavor: 'gemini-cli' });
    const resetTime = new Date(Date.now() + 3600_000).toISOString();
    gw.emulator.state.accounts.get('cli@example.com')!.quota = { 'gemini-2.5-pro': { remainingFraction: 0.7, resetTime } };
    await gw.pool.refreshQuota();
    expect(gw.emulator.state.calls('retrieveUserQuota').length).toBeGreaterThan(0);
    const ids = (await gw.client.models.list()).data.map((m) => m.id);
    expect(ids).toContain('gemini-2.5-pro');
    expect(ids).toContain(MODEL);
    gw.emulator.state.reset();
    await gw.client.chat.completions.create({ model: 'gemini-2.5-pro', messages: [{ role: 'user', content: 'hi' }] });
    expect(generationAccounts(gw)).toEqual(['cli@example.com']);
  });

  it('serves with an account added while the server runs, without a restart', async () => {
    const gw = await startPool({ accounts: [] });
    const before = await gw.client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'hi' }] }).catch((e: unknown) => e);
    expect(before).toBeInstanceOf(Error);
    expect(String((before as Error).message)).toMatch(/gateway accounts add/);
    // 503 with x-should-retry: false, not 401: the client's own key is fine.
    expect((before as { status?: number }).status).toBe(503);
    await seedAccount(gw.home, gw.emulator, 'late@example.com');
    expect(await ask(gw)).not.toBe('');
    expect(generationAccounts(gw)).toEqual(['late@example.com']);
    const health = (await (await fetch(`${gw.url}/health`)).json()) as Record<string, unknown>;
    expect(health).toMatchObject({ status: 'ok', accounts: 1, activeAccounts: 1 });
  });

  it('follows accounts added and removed while it runs, from the next request on', async () => {
    // accounts.json exists from the start, so the pool relies on its folder watch (on Linux)
    // rather than a check per request: each request right after a write must see it.
    const gw = await startPool({ accounts: [A] });
    await ask(gw);
    expect(generationAccounts(gw).at(-1)).toBe(A);
    await seedAccount(gw.home, gw.emulator, B);
    await updateAccounts(gw.home, (accounts) => accounts.filter((a) => a.email !== A));
    await ask(gw);
    expect(generationAccounts(gw).at(-1)).toBe(B);
    await updateAccounts(gw.home, () => []);
    const after = await gw.client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'hi' }] }).catch((e: unknown) => e);
    expect((after as { status?: number }).status).toBe(503);
  });
});
