// In-process fakes of the pool's seams (accounts store, upstream, token exchange) for unit tests.
import { GatewayError, type CanonicalEvent, type CanonicalRequest } from '../../canonical/index.js';
import type { Config } from '../../config/schema.js';
import { defaultModelsOf } from '../../google/flavor-info.js';
import type { AccountRecord, AccountState, AccountStatus } from '../../store/types.js';
import type { AccessToken, AccountContext, ModelQuota, StoredAccount, Upstream, UpstreamCall } from '../../upstreams/upstream.js';
import type { AccountStore } from '../account-store.js';
import type { PoolDeps } from '../create-pool.js';

export const config = (over: Partial<Config> = {}): Config => ({
  home: '/nonexistent',
  port: 0,
  host: '127.0.0.1',
  strategy: 'quota',
  aliases: { 'claude-opus-4-5': 'claude-opus-4-6-thinking' },
  corsOrigins: [],
  bodyLimitBytes: 1e6,
  quotaRefreshSeconds: 0,
  maxAttempts: 4,
  upstreamTimeoutMs: 1000,
  bodyMemoryBytes: 1e8,
  requestBudgetMs: 60_000,
  keepAliveDelayMs: 2500,
  drainMs: 5000,
  antigravityVersion: '1',
  antigravityVersionUrl: 'http://127.0.0.1:9/feed.yml',
  antigravityAppPaths: [],
  geminiMaxOutputTokens: 16384,
  claudeMaxOutputTokens: 64000,
  secretStore: 'file',
  endpoints: { oauthAuthUrl: 'x', oauthTokenUrl: 'x', userinfoUrl: 'x' },
  proxy: {},
  debug: false,
  usageRetentionDays: 0,
  prices: {},
  ...over,
});

export const record = (email: string, state: AccountState = 'active'): AccountRecord => ({
  id: email.split('@')[0]!,
  email,
  flavor: 'antigravity',
  projectId: `p-${email}`,
  addedAt: '2026-01-01T00:00:00Z',
  state,
});

export class FakeStore implements AccountStore {
  version = 0;
  states: Array<[string, AccountState]> = [];
  statuses: Array<[string, AccountStatus]> = [];
  constructor(public records: AccountRecord[]) {}
  read = async () => this.records.map((r) => ({ ...r }));
  fingerprint = async () => String(this.version);
  refreshToken = async (r: AccountRecord) => `rt-${r.id}`;
  setStatus = async (id: string, status: AccountStatus) => {
    this.states.push([id, status.state]);
    this.statuses.push([id, status]);
  };
  setDisabled = async (id: string, disabled: boolean) => {
    const r = this.records.find((x) => x.id === id);
    if (r) r.disabled = disabled;
  };
  watch = () => () => {};
}

export type Behaviour = (call: UpstreamCall, token: string) => CanonicalEvent[] | GatewayError;

class FakeUpstream implements Upstream {
  id = 'fake';
  calls: string[] = [];
  quota = new Map<string, ModelQuota[]>();
  behaviour: Behaviour = () => answer('hi');
  async *stream(call: UpstreamCall): AsyncIterable<CanonicalEvent> {
    const token = await call.account.getAccessToken();
    this.calls.push(call.account.id);
    const r = this.behaviour(call, token);
    if (r instanceof GatewayError) throw r;
    yield* r;
  }
  async countTokens(): Promise<number> {
    return 7;
  }
  async fetchQuota(a: AccountContext): Promise<ModelQuota[]> {
    return this.quota.get(a.id) ?? [];
  }
  // As Code Assist does: the flavor's catalog, and a project needed to serve.
  defaultModels(a: StoredAccount): readonly string[] {
    return defaultModelsOf(a.flavor);
  }
  canServe(a: StoredAccount): boolean {
    return !!a.projectId;
  }
  async accessToken(): Promise<AccessToken> {
    throw new Error('the pool tests pass PoolDeps.accessToken');
  }
}

export const answer = (text: string): CanonicalEvent[] => [
  { type: 'message-start', id: 'm', model: 'x' },
  { type: 'block-start', index: 0, block: { type: 'text' } },
  { type: 'text-delta', index: 0, text },
  { type: 'block-end', index: 0 },
  { type: 'finish', reason: 'stop', usage: { inputTokens: 1, outputTokens: 1 } },
];

export const req = (model: string, sessionKey?: string): CanonicalRequest => ({
  model,
  messages: [{ role: 'user', parts: [{ type: 'text', text: 'hi' }] }],
  stream: true,
  requestId: 'r',
  ...(sessionKey ? { sessionKey } : {}),
});

export const q = (model: string, remainingFraction: number, resetTime?: string): ModelQuota => ({
  model,
  remainingFraction,
  ...(resetTime ? { resetTime } : {}),
});

export async function make(records: AccountRecord[], over: Partial<PoolDeps> = {}, cfg: Partial<Config> = {}) {
  const store = new FakeStore(records);
  const upstream = new FakeUpstream();
  let refreshes = 0;
  const deps: PoolDeps = {
    config: config(cfg),
    upstream,
    accounts: store,
    accessToken: async () => ({ token: `tok-${++refreshes}`, expiresAt: Date.now() + 3600_000 }),
    ...over,
  };
  return { store, upstream, deps, refreshes: () => refreshes };
}

export const signal = new AbortController().signal;

