// Sums requests into a usage report: totals and, per group (day, model, account, client, key),
// requests, error and failover rates, tokens, latency percentiles and the cost equivalent. The same
// code serves `gateway usage` and GET /usage, so the two always agree.
import type { RequestRecord } from './request-record.js';
import { CLIENT_CLOSED } from './request-record.js';
import type { UsageFilters, UsageGrouping } from './usage-filters.js';

/** The fields of a record a report reads. */
export type UsageRow = Pick<
  RequestRecord,
  | 'at'
  | 'dialect'
  | 'keyLabel'
  | 'client'
  | 'modelAsked'
  | 'modelServed'
  | 'account'
  | 'failovers'
  | 'status'
  | 'errorKind'
  | 'inputTokens'
  | 'outputTokens'
  | 'thinkingTokens'
  | 'cachedTokens'
  | 'latencyMs'
  | 'streamed'
  | 'costUsd'
>;

export interface UsageStats {
  requests: number;
  /** Requests that failed: an error status, or an error midway through a stream (clients that left are not counted). */
  errors: number;
  errorRate: number;
  /** Requests whose client went away before the answer was complete (status 499). */
  cancelled: number;
  /** Requests the pool had to move to another account at least once. */
  failedOver: number;
  failoverRate: number;
  streamed: number;
  inputTokens: number;
  outputTokens: number;
  thinkingTokens: number;
  cachedTokens: number;
  /** What these tokens would have cost on the paid API (models with a known price only). */
  costUsd: number;
  /** Latency percentiles over all requests, in ms; null when there are none. */
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
}

export interface UsageGroup extends UsageStats {
  key: string;
}

export interface UsageReport {
  /** ISO times of the window. */
  since: string;
  until: string;
  by: UsageGrouping | null;
  totals: UsageStats;
  /** Per group; empty without `by`. Days oldest first, the others busiest first. */
  groups: UsageGroup[];
}

/** What the server hands GET /usage: a report of the ledger, for these filters. */
export interface UsageReports {
  report(filters: UsageFilters): UsageReport;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** The local calendar day, e.g. 2026-01-31. */
function localDay(at: number): string {
  const d = new Date(at);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

const NONE: Readonly<Record<UsageGrouping, string>> = {
  day: '',
  model: '(none)',
  account: '(no account)',
  client: '(unknown)',
  key: '(no key)',
};

function groupKey(row: UsageRow, by: UsageGrouping): string {
  switch (by) {
    case 'day':
      return localDay(row.at);
    case 'model':
      return row.modelServed ?? row.modelAsked;
    case 'account':
      return row.account ?? NONE.account;
    case 'client':
      return row.client ?? NONE.client;
    case 'key':
      return row.keyLabel ?? NONE.key;
  }
}

class Tally {
  requests = 0;
  errors = 0;
  cancelled = 0;
  failedOver = 0;
  streamed = 0;
  inputTokens = 0;
  outputTokens = 0;
  thinkingTokens = 0;
  cachedTokens = 0;
  costUsd = 0;
  readonly latencies: number[] = [];

  add(r: UsageRow): void {
    this.requests++;
    if (r.status === 499 || r.errorKind === CLIENT_CLOSED) this.cancelled++;
    else if (r.status >= 400 || r.errorKind !== undefined) this.errors++;
    if (r.failovers > 0) this.failedOver++;
    if (r.streamed) this.streamed++;
    this.inputTokens += r.inputTokens;
    this.outputTokens += r.outputTokens;
    this.thinkingTokens += r.thinkingTokens;
    this.cachedTokens += r.cachedTokens;
    if (r.costUsd !== undefined) this.costUsd += r.costUsd;
    this.latencies.push(r.latencyMs);
  }

  stats(): UsageStats {
    const n = this.requests;
    const sorted = Float64Array.from(this.latencies).sort();
    return {
      requests: n,
      errors: this.errors,
      errorRate: n === 0 ? 0 : round(this.errors / n, 4),
      cancelled: this.cancelled,
      failedOver: this.failedOver,
      failoverRate: n === 0 ? 0 : round(this.failedOver / n, 4),
      streamed: this.streamed,
      inputTokens: this.inputTokens,
      outputTokens: this.outputTokens,
      thinkingTokens: this.thinkingTokens,
      cachedTokens: this.cachedTokens,
      costUsd: round(this.costUsd, 6),
      latencyP50Ms: percentile(sorted, 0.5),
      latencyP95Ms: percentile(sorted, 0.95),
    };
  }
}

const round = (x: number, digits: number): number => Math.round(x * 10 ** digits) / 10 ** digits;

/** Nearest-rank percentile of sorted values; null for none. @internal */
export function percentile(sorted: ArrayLike<number>, p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[rank - 1]!;
}

export interface UsageAggregator {
  add(row: UsageRow): void;
  report(): UsageReport;
}

/** Feed it the rows of the window (in any order), then read the report. */
export function createUsageAggregator(filters: UsageFilters, until: number): UsageAggregator {
  const by = filters.by;
  const total = new Tally();
  const groups = new Map<string, Tally>();
  return {
    add(row) {
      total.add(row);
      if (by === undefined) return;
      const key = groupKey(row, by);
      let t = groups.get(key);
      if (t === undefined) groups.set(key, (t = new Tally()));
      t.add(row);
    },
    report() {
      const list = [...groups].map(([key, t]): UsageGroup => ({ key, ...t.stats() }));
      if (by === 'day') list.sort((a, b) => a.key.localeCompare(b.key));
      else list.sort((a, b) => b.requests - a.requests || a.key.localeCompare(b.key));
      return {
        since: new Date(filters.since).toISOString(),
        until: new Date(until).toISOString(),
        by: by ?? null,
        totals: total.stats(),
        groups: list,
      };
    },
  };
}
