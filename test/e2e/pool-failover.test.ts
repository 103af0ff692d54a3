// Failover seen from a client: a 429, a 500 or a dropped connection on the chosen account is
// retried on another one, transparently; when every account is exhausted the client gets a 429
// with Retry-After in its own dialect.
import Anthropic from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import type { LimitsReport } from '../../src/pool/index.js';
import { readAccounts } from '../../src/store/accounts-file.js';
import { A, B, C, MODEL, ask, generationAccounts, googleRateLimit, setFractions, usePoolGateway, type PoolGateway } from '../helpers/pool-gateway.js';

const startPool = usePoolGateway();

async function limitsOf(g: PoolGateway): Promise<LimitsReport> {
  return (await (await fetch(`${g.url}/account-limits`)).json()) as LimitsReport;
}

describe('pool failover', () => {
  const failures: Array<[string, Record<string, unknown>, string]> = [
    ['a 429', { status: 429, body: googleRateLimit('RATE_LIMIT_EXCEEDED', '30s') }, 'rate-limit'],
    ['a 500', { status: 500 }, 'server-error'],
    ['a dropped connection', { drop: 'before-headers' }, 'server-error'],
  ];
  for (const [name, reply, reason] of failures) {
    for (const stream of [false, true]) {
      it(`retries ${name} on another account (${stream ? 'streaming' : 'not streaming'})`, async () => {
        const gw = await startPool();
        await setFractions(gw, { [A]: 0.9, [B]: 0.2, [C]: 0.5 });
        gw.emulator.state.reset();
        gw.emulator.state.enqueue({ account: A, ...reply });
        expect(await ask(gw, 'hello', stream)).not.toBe('');
        expect(generationAccounts(gw)).toEqual([A, C]);
        const a = (await limitsOf(gw)).accounts.find((x) => x.email === A)!;
        expect(a.models[MODEL]).toMatchObject({ state: 'cooling-down', cooldownReason: reason });
        // The next request does not knock on A's door while it cools down.
        await ask(gw);
        expect(generationAccounts(gw)).toEqual([A, C, C]);
      });
    }
  }

  it('marks an account Google banned as banned, in accounts.json too, and answers from another', async () => {
    const gw = await startPool();
    await setFractions(gw, { [A]: 0.9, [B]: 0.2, [C]: 0.5 });
    gw.emulator.state.reset();
    gw.emulator.state.enqueue({
      account: A,
      method: 'streamGenerateContent',
      status: 403,
      body: { error: { code: 403, message: 'This account has been disabled for violation of Terms of Service.', status: 'PERMISSION_DENIED' } },
    });
    expect(await ask(gw)).not.toBe('');
    expect(generationAccounts(gw)).toEqual([A, C]);
    const saved = await readAccounts(gw.home);
    expect(saved.find((r) => r.email === A)).toMatchObject({ state: 'banned', stateReason: expect.stringContaining('Terms of Service') });
    await ask(gw);
    expect(generationAccounts(gw)).toEqual([A, C, C]);
    expect(await (await fetch(`${gw.url}/health`)).json()).toMatchObject({ accounts: 3, activeAccounts: 2, banned: 1 });
  });

  it('marks an account whose login was revoked as needing a login and serves from another', async () => {
    const gw = await startPool();
    await setFractions(gw, { [A]: 0.9, [B]: 0.2, [C]: 0.5 });
    gw.emulator.state.accounts.get(A)!.revoked = true;
    gw.emulator.state.expireAccessTokens(A);
    gw.emulator.state.reset();
    expect(await ask(gw)).not.toBe('');
    expect(generationAccounts(gw).at(-1)).toBe(C);
    const saved = await readAccounts(gw.home);
    expect(saved.find((r) => r.email === A)).toMatchObject({ state: 'needs-login' });
  });

  it('answers 429 with Retry-After in every dialect when every account is exhausted', async () => {
    const gw = await startPool();
    const resetIn = 2 * 3600_000;
    const resetTime = new Date(Date.now() + resetIn).toISOString();
    for (const email of [A, B, C]) gw.emulator.state.accounts.get(email)!.quota = { [MODEL]: { resetTime } };
    await gw.pool.refreshQuota();
    gw.emulator.state.reset();
    const json = { 'content-type': 'application/json' };
    const answers = await Promise.all([
      fetch(`${gw.url}/v1/chat/completions`, { method: 'POST', headers: json, body: JSON.stringify({ model: MODEL, messages: [{ role: 'user', content: 'hi' }] }) }),
      fetch(`${gw.url}/v1/messages`, {
        method: 'POST',
        headers: { ...json, 'anthropic-version': '2023-06-01' },
        body: JSON.stringify({ model: MODEL, max_tokens: 50, messages: [{ role: 'user', content: 'hi' }] }),
      }),
      fetch(`${gw.url}/v1beta/models/${MODEL}:generateContent`, { method: 'POST', headers: json, body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }] }) }),
      fetch(`${gw.url}/v1/responses`, { method: 'POST', headers: json, body: JSON.stringify({ model: MODEL, input: 'hi' }) }),
    ]);
    for (const res of answers) {
      expect(res.status).toBe(429);
      const retryAfter = Number(res.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(resetIn / 1000 - 120);
      expect(retryAfter).toBeLessThanOrEqual(resetIn / 1000 + 1);
      const text = await res.text();
      expect(text).toContain(MODEL);
      expect(text).toMatch(/resets in (1h5\dm|2h00m)/);
    }
    // Nothing was sent to Google: the pool knew every account was out.
    expect(generationAccounts(gw)).toEqual([]);
  });

  it('tells the SDK the reset time when Google says every account is out mid-way', async () => {
    const gw = await startPool();
    gw.emulator.state.reset();
    gw.emulator.state.enqueue({ method: 'streamGenerateContent', status: 429, body: googleRateLimit('QUOTA_EXHAUSTED', '3600s'), times: 3 });
    gw.emulator.state.enqueue({ method: 'generateContent', status: 429, body: googleRateLimit('QUOTA_EXHAUSTED', '3600s'), times: 3 });
    const anthropic = new Anthropic({ apiKey: 'test', baseURL: gw.url, maxRetries: 0 });
    const err = await anthropic.messages.create({ model: MODEL, max_tokens: 50, messages: [{ role: 'user', content: 'hi' }] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Anthropic.RateLimitError);
    const e = err as InstanceType<typeof Anthropic.RateLimitError>;
    expect(Number(e.headers?.get('retry-after'))).toBeGreaterThan(3500);
    expect(e.message).toContain(MODEL);
    expect(new Set(generationAccounts(gw))).toEqual(new Set([A, B, C]));
    const limits = await (await fetch(`${gw.url}/account-limits`)).json() as LimitsReport;
    for (const a of limits.accounts) expect(a.models[MODEL]?.cooldownReason).toBe('quota-exhausted');
  });
});
