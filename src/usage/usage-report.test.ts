import { describe, expect, it } from 'vitest';
import { createUsageAggregator, percentile, type UsageRow } from './usage-report.js';

const DAY = 86_400_000;
const T0 = new Date(2026, 2, 10, 12).getTime();

const row = (over: Partial<UsageRow> = {}): UsageRow => ({
  at: T0, dialect: 'anthropic', modelAsked: 'claude-sonnet-4-5', modelServed: 'claude-sonnet-4-6', account: 'a@x', failovers: 0,
  status: 200, inputTokens: 100, outputTokens: 10, thinkingTokens: 4, cachedTokens: 50, latencyMs: 100, streamed: true, costUsd: 0.001,
  ...over,
});

describe('usage report', () => {
  it('sums totals: errors (not clients that left), failover and error rates, tokens, cost, latency percentiles', () => {
    const agg = createUsageAggregator({ since: T0 - DAY }, T0 + DAY);
    agg.add(row({ latencyMs: 100 }));
    agg.add(row({ latencyMs: 300, failovers: 2 }));
    agg.add(row({ latencyMs: 200, status: 429, errorKind: 'rate_limited', inputTokens: 0, outputTokens: 0, thinkingTokens: 0, cachedTokens: 0, costUsd: undefined }));
    agg.add(row({ latencyMs: 400, errorKind: 'upstream', streamed: true }));
    agg.add(row({ latencyMs: 50, status: 499, errorKind: 'client_closed', streamed: false }));
    const r = agg.report();
    expect(r).toMatchObject({ since: new Date(T0 - DAY).toISOString(), until: new Date(T0 + DAY).toISOString(), by: null, groups: [] });
    expect(r.totals).toEqual({
      requests: 5,
      errors: 2,
      errorRate: 0.4,
      cancelled: 1,
      failedOver: 1,
      failoverRate: 0.2,
      streamed: 4,
      inputTokens: 400,
      outputTokens: 40,
      thinkingTokens: 16,
      cachedTokens: 200,
      costUsd: 0.004,
      latencyP50Ms: 200,
      latencyP95Ms: 400,
    });
  });

  it('groups by model served (asked when none), account, client (unknown when none), key, and local day', () => {
    const rows = [
      row({ modelServed: 'gemini-3-flash', account: 'b@x', client: 'codex', keyLabel: 'default' }),
      row({ client: 'claude-code', keyLabel: 'default' }),
      row({ client: 'claude-code', at: T0 + DAY }),
      row({ modelServed: undefined, modelAsked: 'nope', account: undefined, at: T0 - DAY }),
    ];
    const by = (grouping: 'model' | 'account' | 'client' | 'key' | 'day') => {
      const agg = createUsageAggregator({ since: 0, by: grouping }, T0 + 2 * DAY);
      for (const r of rows) agg.add(r);
      return agg.report().groups.map((g) => [g.key, g.requests]);
    };
    expect(by('model')).toEqual([['claude-sonnet-4-6', 2], ['gemini-3-flash', 1], ['nope', 1]]);
    expect(by('account')).toEqual([['a@x', 2], ['(no account)', 1], ['b@x', 1]]);
    expect(by('client')).toEqual([['claude-code', 2], ['(unknown)', 1], ['codex', 1]]);
    expect(by('key')).toEqual([['(no key)', 2], ['default', 2]]);
    expect(by('day')).toEqual([['2026-03-09', 1], ['2026-03-10', 2], ['2026-03-11', 1]]);
  });

  it('reports an empty window with zeros and no latency', () => {
    const r = createUsageAggregator({ since: 0, by: 'model' }, 1).report();
    expect(r.totals).toMatchObject({ requests: 0, errorRate: 0, failoverRate: 0, costUsd: 0, latencyP50Ms: null, latencyP95Ms: null });
    expect(r.groups).toEqual([]);
  });

  it('takes nearest-rank percentiles', () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(percentile([7], 0.95)).toBe(7);
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(hundred, 0.5)).toBe(50);
    expect(percentile(hundred, 0.95)).toBe(95);
  });
});
