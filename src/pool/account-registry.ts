// The pool's live view of its accounts: records from the AccountStore (reloaded when they change),
// an access-token cache, and per-account quota discovery.
import { GatewayError, toGatewayError } from '../canonical/index.js';
import type { Logger } from '../log/logger.js';
import { sameStatus, statusOf, withStatus } from '../store/account-status.js';
import type { AccountRecord, AccountStatus } from '../store/types.js';
import type { AccessToken, AccountContext, Upstream } from '../upstreams/upstream.js';
import type { AccountStore } from './account-store.js';
import { QuotaState } from './quota-state.js';
import { createTokenCache, type TokenCache } from './token-cache.js';

export interface PoolAccount {
  record: AccountRecord;
  /** ms since the epoch; set when a request is sent with this account. */
  lastUsedAt?: number;
  /** The same, per model. */
  modelUsedAt: Map<string, number>;
}

export interface RegistryDeps {
  store: AccountStore;
  upstream: Upstream;
  /** The stored secret → an access token: the upstream's accessToken, or a test's. */
  accessToken: Upstream['accessToken'];
  log: Logger;
  now: () => number;
}

export class AccountRegistry {
  readonly tokens: TokenCache;
  readonly quota = new QuotaState();
  private accounts = new Map<string, PoolAccount>();
  private fingerprint: string | undefined;
  private syncing: Promise<void> | undefined;
  private again: Promise<void> | undefined;
  private readonly quotaInflight = new Map<string, Promise<void>>();
  private closed = false;

  constructor(private readonly deps: RegistryDeps) {
    this.tokens = createTokenCache({ now: deps.now, refresh: (id) => this.exchange(id) });
  }

  list(): PoolAccount[] {
    return [...this.accounts.values()];
  }

  get(id: string): PoolAccount | undefined {
    return this.accounts.get(id);
  }

  find(idOrEmail: string): PoolAccount | undefined {
    return this.accounts.get(idOrEmail) ?? this.list().find((a) => a.record.email.toLowerCase() === idOrEmail.toLowerCase());
  }

  /** Whether any account can serve now (per request: no copy of the list). */
  anyUsable(): boolean {
    for (const a of this.accounts.values()) if (this.usable(a)) return true;
    return false;
  }

  usable(a: PoolAccount): boolean {
    return a.record.state === 'active' && a.record.disabled !== true && this.deps.upstream.canServe(a.record);
  }

  /** The models an account serves: what quota discovery found, else the upstream's defaults. */
  models(a: PoolAccount): readonly string[] {
    const q = this.quota.account(a.record.id);
    if (q && q.models.size > 0) return [...q.models.keys()];
    return this.deps.upstream.defaultModels(a.record);
  }

  /** Whether `models(a)` holds `model`, without copying the list (asked per account per request). */
  servesModel(a: PoolAccount, model: string): boolean {
    const q = this.quota.account(a.record.id);
    if (q && q.models.size > 0) return q.models.has(model);
    return this.deps.upstream.defaultModels(a.record).includes(model);
  }

  /** Adds every model `a` serves to `into` (the pool's catalog, built per request). */
  addModels(a: PoolAccount, into: Set<string>): void {
    const q = this.quota.account(a.record.id);
    if (q && q.models.size > 0) for (const m of q.models.keys()) into.add(m);
    else for (const m of this.deps.upstream.defaultModels(a.record)) into.add(m);
  }

  context(a: PoolAccount, onToken?: (token: string) => void): AccountContext {
    const { id, email } = a.record;
    return {
      id,
      email,
      record: a.record,
      getAccessToken: async (signal) => {
        const token = await this.tokens.get(id, signal);
        onToken?.(token);
        return token;
      },
    };
  }

  /** Reloads when the store's fingerprint changed since the last load; cheap otherwise. */
  async sync(): Promise<void> {
    if (this.syncing) return this.syncing;
    this.syncing = (async () => {
      const fp = await this.deps.store.fingerprint();
      if (fp === this.fingerprint) return;
      const initial = this.fingerprint === undefined;
      try {
        await this.load(fp);
      } catch (e) {
        // A file broken by hand while serving: keep the accounts we have, say so, try again next time.
        if (initial) throw e;
        this.deps.log.warn('could not reload the accounts; keeping the previous ones', { error: (e as Error).message });
      }
    })().finally(() => (this.syncing = undefined));
    return this.syncing;
  }

  /**
   * The store says the accounts changed: sync now, or once more after the sync in flight (it may
   * have read the file before this change).
   */
  changed(): Promise<void> {
    const running = this.syncing;
    if (running === undefined) return this.sync();
    if (this.again === undefined) {
      const next = (): Promise<void> => {
        this.again = undefined;
        return this.sync();
      };
      this.again = running.then(next, next);
    }
    return this.again;
  }

  /** The reload in flight, if any (what a request must wait for when it skips sync()). */
  pending(): Promise<void> | undefined {
    return this.again ?? this.syncing;
  }

  private async load(fp: string): Promise<void> {
    const records = await this.deps.store.read();
    const initial = this.fingerprint === undefined;
    this.fingerprint = fp;
    const next = new Map<string, PoolAccount>();
    for (const record of records) {
      const old = this.accounts.get(record.id);
      // A changed record may be a fresh login (accounts add again) with a new refresh token.
      if (old && JSON.stringify(old.record) !== JSON.stringify(record)) this.tokens.forget(record.id);
      next.set(record.id, {
        ...(old?.lastUsedAt !== undefined ? { lastUsedAt: old.lastUsedAt } : {}),
        modelUsedAt: old?.modelUsedAt ?? new Map<string, number>(),
        record,
      });
      if (!initial && this.usable(next.get(record.id)!) && !(old && this.usable(old))) {
        // Not awaited: a new (or newly cleared) account serves with the upstream's default catalog until its quota is known.
        void this.refreshQuota(record.id);
      }
    }
    for (const id of this.accounts.keys()) {
      if (!next.has(id)) {
        this.tokens.forget(id);
        this.quota.forget(id);
      }
    }
    const added = records.filter((r) => !this.accounts.has(r.id)).length;
    const removed = [...this.accounts.keys()].filter((id) => !next.has(id)).length;
    this.accounts = next;
    if (added || removed) this.deps.log.info('accounts loaded', { accounts: records.length, added, removed });
  }

  private async exchange(id: string): Promise<AccessToken> {
    const a = this.accounts.get(id);
    if (!a) throw new GatewayError('auth', `The account ${id} is no longer configured.`);
    let refreshToken: string | undefined;
    try {
      refreshToken = await this.deps.store.refreshToken(a.record);
    } catch (e) {
      // A locked keychain hurts this account only; the pool moves on to the others.
      throw new GatewayError('auth', `Could not read the saved login of ${a.record.email}: ${(e as Error).message}`, { cause: e });
    }
    if (!refreshToken) {
      throw new GatewayError('auth', `No saved login for ${a.record.email}; run \`gateway accounts add\` again.`, {
        upstream: { status: 401, code: 'invalid_grant' },
      });
    }
    return this.deps.accessToken(a.record, refreshToken);
  }

  /** Marks an account (in memory and in the store) so it is skipped until the user acts. */
  async markState(id: string, status: AccountStatus): Promise<void> {
    const a = this.accounts.get(id);
    if (!a || sameStatus(statusOf(a.record), status)) return;
    const since = new Date(this.deps.now()).toISOString();
    a.record = withStatus(a.record, status, since);
    this.tokens.forget(id);
    this.deps.log.warn('account marked', {
      account: a.record.email,
      state: status.state,
      ...(status.state !== 'active' ? { reason: status.message } : {}),
      ...(status.state === 'needs-verification' && status.link ? { link: status.link.url } : {}),
    });
    try {
      await this.deps.store.setStatus(id, status, since);
    } catch (e) {
      this.deps.log.warn('could not save the account state', { account: a.record.email, error: (e as Error).message });
    }
  }

  /** Marks the account when the error says its owner must act (a verdict, a dead login); otherwise leaves it. */
  async markRefused(id: string, err: GatewayError): Promise<void> {
    if (err.account) await this.markState(id, err.account);
    else if (err.kind === 'auth' && err.upstream?.code === 'invalid_grant') await this.markState(id, { state: 'needs-login', message: err.message });
  }

  /** The user's own switch: a disabled account is skipped whatever Google says of it. */
  async setDisabled(id: string, disabled: boolean): Promise<void> {
    const a = this.accounts.get(id);
    if (!a || (a.record.disabled === true) === disabled) return;
    const { disabled: _old, ...rest } = a.record;
    a.record = disabled ? { ...rest, disabled: true } : rest;
    this.deps.log.info(disabled ? 'account disabled by the user' : 'account enabled by the user', { account: a.record.email });
    await this.deps.store.setDisabled(id, disabled);
  }

  /** Asks Google for one account's quota; one call in flight per account; never throws. */
  refreshQuota(id: string): Promise<void> {
    const running = this.quotaInflight.get(id);
    if (running) return running;
    const p = (async () => {
      const a = this.accounts.get(id);
      if (!a || !this.usable(a) || this.closed) return;
      try {
        const quotas = await this.deps.upstream.fetchQuota(this.context(a));
        this.quota.set(id, quotas, this.deps.now());
      } catch (e) {
        const err = toGatewayError(e);
        this.quota.setError(id, err.message, this.deps.now());
        this.deps.log.warn('quota discovery failed', { account: a.record.email, error: err.message });
        // Google can refuse the account on any call (403 VALIDATION_REQUIRED, a ban): not only on generation.
        await this.markRefused(id, err);
      }
    })().finally(() => this.quotaInflight.delete(id));
    this.quotaInflight.set(id, p);
    return p;
  }

  async refreshAllQuota(): Promise<void> {
    await Promise.all(this.list().map((a) => this.refreshQuota(a.record.id)));
  }

  close(): void {
    this.closed = true;
  }
}
