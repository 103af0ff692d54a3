// /account-limits, /refresh-token, /health and token refreshes under load, over the emulator.
import { describe, expect, it } from 'vitest';
import type { LimitsReport, RefreshResult } from '../../src/pool/index.js';
import { A, B, C, MODEL, ask, generationAccounts, refreshesByAccount, setFractions, usePoolGateway } from '../helpers/pool-gateway.js';

const startPool = usePoolGateway();

describe('pool admin routes', () => {
  it('/account-limits gives JSON per account and model, and a table on request', async () => {
    const gw = await startPool();
    await setFractions(gw, { [A]: 0.9, [B]: 0.2, [C]: 0.5 });
    await ask(gw);
    const res = await fetch(`${gw.url}/account-limits`);
    expect(res.status).toBe(200);
    const limits = (await res.json()) as LimitsReport;
    expect(limits.accounts.map((a) => a.email)).toEqual([A, B, C]);
    const a = limits.accounts[0]!;
    expect(a).toMatchObject({ state: 'active', flavor: 'antigravity', tier: 'free-tier', projectId: expect.stringContaining('project-') });
    expect(a.lastUsed).not.toBeNull();
    expect(a.models[MODEL]).toMatchObject({ remainingFraction: 0.9, state: 'ok', resetTime: expect.any(String) });
    expect(limits.accounts[1]!.models[MODEL]!.remainingFraction).toBe(0.2);
    const raw = JSON.stringify(limits);
    expect(raw).not.toMatch(/ya29\.|1\/\/refresh/);

    const table = await (await fetch(`${gw.url}/account-limits?format=table`)).text();
    for (const s of [A, B, C, MODEL, '90%', '20%', '50%', 'active']) expect(table).toContain(s);
    expect(table).toMatch(/resets in 2h5\dm|resets in 3h00m/);
    expect(table).not.toMatch(/\u001b\[/);
    expect(await (await fetch(`${gw.url}/account-limits?format=table&color=1`)).text()).toMatch(/\u001b\[/);
  });

  it('/refresh-token refreshes every account, or one, and reports each', async () => {
    const gw = await startPool();
    gw.emulator.state.reset();
    const all = (await (await fetch(`${gw.url}/refresh-token`, { method: 'POST' })).json()) as RefreshResult[];
    expect(all.map((r) => [r.email, r.ok])).toEqual([
      [A, true],
      [B, true],
      [C, true],
    ]);
    expect(JSON.stringify(all)).not.toMatch(/ya29\.|1\/\/refresh/);
    expect([...refreshesByAccount(gw).values()]).toEqual([1, 1, 1]);

    gw.emulator.state.accounts.get(B)!.revoked = true;
    const one = (await (await fetch(`${gw.url}/refresh-token?account=${encodeURIComponent(B)}`, { method: 'POST' })).json()) as RefreshResult[];
    expect(one).toHaveLength(1);
    expect(one[0]).toMatchObject({ email: B, ok: false });
    const health = (await (await fetch(`${gw.url}/health`)).json()) as Record<string, unknown>;
    expect(health).toMatchObject({ status: 'ok', accounts: 3, activeAccounts: 2, needsLogin: 1 });
    const unknown = await fetch(`${gw.url}/refresh-token?account=nobody@example.com`, { method: 'POST' });
    expect(unknown.status).toBe(404);
  });

  it('refreshes each account once when 50 concurrent requests meet an expired token', async () => {
    const gw = await startPool();
    // Every account has served once, so each holds a cached token.
    for (let i = 0; i < 3; i++) await ask(gw);
    expect(new Set(generationAccounts(gw))).toEqual(new Set([A, B, C]));
    gw.emulator.state.expireAccessTokens();
    gw.emulator.state.reset();
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => ask(gw, `q${i}`, i % 2 === 0)));
    expect(answers.every((t) => t.length > 0)).toBe(true);
    const refreshes = refreshesByAccount(gw);
    expect([...refreshes.keys()].sort()).toEqual([A, B, C].sort());
    expect([...refreshes.values()]).toEqual([1, 1, 1]);
  });
});
