// The Upstream seam is provider-neutral: an upstream of another kind, here one that calls with an
// API key (no OAuth exchange, no project, a fixed catalog, no quota to ask), runs through createPool
// as it is, with nothing in pool/ that knows it.
import { describe, expect, it } from 'vitest';
import { foldEvents, type CanonicalEvent } from '../canonical/index.js';
import type { AccountRecord } from '../store/types.js';
import type { AccessToken, ModelQuota, StoredAccount, Upstream, UpstreamCall } from '../upstreams/upstream.js';
import { createPool } from './create-pool.js';
import { answer, config, FakeStore, req, signal } from './test-support/fake-deps.js';

const CATALOG = ['gemini-2.5-pro', 'gemini-2.5-flash'];

class ApiKeyUpstream implements Upstream {
  id = 'api-key';
  calls: Array<{ account: string; key: string; model: string }> = [];
  async *stream(call: UpstreamCall): AsyncIterable<CanonicalEvent> {
    const key = await call.account.getAccessToken(call.signal);
    this.calls.push({ account: call.account.id, key, model: call.model });
    yield* answer(`${call.model} via a key`);
  }
  async countTokens(): Promise<number> {
    return 3;
  }
  async fetchQuota(): Promise<ModelQuota[]> {
    return [];
  }
  defaultModels(): readonly string[] {
    return CATALOG;
  }
  canServe(): boolean {
    return true;
  }
  // The stored secret is the key itself: nothing to exchange, nothing that expires.
  async accessToken(_account: StoredAccount, secret: string): Promise<AccessToken> {
    return { token: secret, expiresAt: Date.now() + 365 * 86_400_000 };
  }
}

// No project: the pool asks the upstream whether the account can serve. (accounts.json's record
// names a Google flavor still; the pool only shows it.)
const keyAccount = (id: string): AccountRecord => ({ id, email: `${id}@keys.example`, flavor: 'gemini-cli', addedAt: '2026-01-01T00:00:00Z', state: 'active' });

describe('an API-key upstream through createPool', () => {
  it('serves with the stored key, offers the upstream catalog and reports its accounts', async () => {
    const upstream = new ApiKeyUpstream();
    const pool = await createPool({ config: config({ aliases: { 'gpt-5': 'gemini-2.5-pro' } }), upstream, accounts: new FakeStore([keyAccount('k1'), keyAccount('k2')]) });
    await pool.ready();

    expect(pool.listModels().map((m) => m.id)).toEqual(['gemini-2.5-flash', 'gemini-2.5-pro']);
    const res = await foldEvents(await pool.generate(req('gpt-5'), signal));
    expect(res.content).toEqual([{ type: 'text', text: 'gemini-2.5-pro via a key' }]);
    // FakeStore's secret for an account is `rt-<id>`: the key the upstream was given.
    expect(upstream.calls).toEqual([{ account: expect.stringMatching(/^k[12]$/), key: `rt-${upstream.calls[0]!.account}`, model: 'gemini-2.5-pro' }]);
    expect(await pool.countTokens(req('gemini-2.5-flash'), signal)).toBe(3);

    expect(pool.health()).toMatchObject({ status: 'ok', accounts: 2, activeAccounts: 2, available: 2 });
    const limits = await pool.limits();
    expect(limits.accounts.map((a) => Object.keys(a.models))).toEqual([CATALOG.toSorted(), CATALOG.toSorted()]);
    await pool.close();
  });
});
