// What Google last said about each account's quota per model, and when we asked.
import type { ModelQuota } from '../upstreams/upstream.js';

export interface QuotaEntry {
  remainingFraction: number;
  resetTime?: string;
  /** resetTime in ms since the epoch */
  resetAt?: number;
  displayName?: string;
}

export interface AccountQuota {
  fetchedAt: number;
  models: Map<string, QuotaEntry>;
}

export class QuotaState {
  private readonly byAccount = new Map<string, AccountQuota>();
  private readonly errors = new Map<string, { at: number; message: string }>();

  set(accountId: string, quotas: readonly ModelQuota[], now: number): void {
    const models = new Map<string, QuotaEntry>();
    for (const q of quotas) {
      const entry: QuotaEntry = { remainingFraction: q.remainingFraction };
      if (q.resetTime) {
        entry.resetTime = q.resetTime;
        const at = Date.parse(q.resetTime);
        if (Number.isFinite(at)) entry.resetAt = at;
      }
      if (q.displayName) entry.displayName = q.displayName;
      models.set(q.model, entry);
    }
    this.byAccount.set(accountId, { fetchedAt: now, models });
    this.errors.delete(accountId);
  }

  setError(accountId: string, message: string, now: number): void {
    this.errors.set(accountId, { at: now, message });
  }

  error(accountId: string): { at: number; message: string } | undefined {
    return this.errors.get(accountId);
  }

  account(accountId: string): AccountQuota | undefined {
    return this.byAccount.get(accountId);
  }

  get(accountId: string, model: string): QuotaEntry | undefined {
    return this.byAccount.get(accountId)?.models.get(model);
  }

  /**
   * The fraction to rank by: Google's number, except that a reset time already past means the
   * quota has come back (1). Undefined when unknown.
   */
  fraction(accountId: string, model: string, now: number): number | undefined {
    const q = this.get(accountId, model);
    if (!q) return undefined;
    if (q.resetAt !== undefined && q.resetAt <= now) return 1;
    return q.remainingFraction;
  }

  forget(accountId: string): void {
    this.byAccount.delete(accountId);
    this.errors.delete(accountId);
  }
}
