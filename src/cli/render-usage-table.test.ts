import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { createUsageAggregator, type UsageRow } from '../usage/usage-report.js';
import { renderUsageTable, shortCount, shortMs, shortUsd } from './render-usage-table.js';

const plain = new Chalk({ level: 0 });
const row = (over: Partial<UsageRow>): UsageRow => ({
  at: Date.UTC(2026, 0, 5, 12), dialect: 'anthropic', modelAsked: 'claude-opus-4-6-thinking', modelServed: 'claude-opus-4-6-thinking', failovers: 0,
  status: 200, inputTokens: 12_345, outputTokens: 678, thinkingTokens: 100, cachedTokens: 2000, latencyMs: 1234, streamed: true, costUsd: 1.5, ...over,
});

describe('usage table', () => {
  it('writes counts, durations and dollars short', () => {
    expect([0, 999, 1000, 1234, 12_345, 999_999, 1_234_567, 2_500_000_000].map(shortCount)).toEqual(['0', '999', '1k', '1.23k', '12.3k', '1000k', '1.23M', '2.5B']);
    expect([null, 0, 850, 1000, 1234, 12_345].map(shortMs)).toEqual(['-', '0ms', '850ms', '1s', '1.23s', '12.3s']);
    expect([0, 0.004, 0.01, 1.5, 1234.567].map(shortUsd)).toEqual(['$0', '<$0.01', '$0.01', '$1.50', '$1,234.57']);
  });

  it('shows a row per group, a total, the rates and the cost', async () => {
    const agg = createUsageAggregator({ since: Date.UTC(2026, 0, 1), by: 'model' }, Date.UTC(2026, 0, 8));
    agg.add(row({}));
    agg.add(row({ modelServed: 'gemini-3-flash', status: 429, errorKind: 'rate_limited', failovers: 1, costUsd: 0.25 }));
    const text = await renderUsageTable(agg.report(), { color: plain, sinceText: '7d' });
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^Usage since 2026-01-0\d \d\d:\d\d \(7d\), by model$/);
    expect(text).toMatch(/│ model\s+│ requests │ errors │ failover │ input │ output │ cached │ thinking │ p50\s+│ p95\s+│ cost\s+│/);
    expect(lines.find((l) => l.includes('gemini-3-flash'))).toMatch(/│ 1\s+│ 100%\s+│ 100%\s+│ 12.3k/);
    expect(lines.find((l) => l.includes('total'))).toMatch(/│ total\s+│ 2\s+│ 50%\s+│ 50%\s+│ 24.7k │ 1.36k\s+│ 4k\s+│ 200\s+│ 1.23s │ 1.23s │ \$1.75 │/);
    expect(text).toContain("cost: at the providers' list prices; input includes cached tokens, output thinking");
  });

  it('drops the least useful columns to fit a narrow terminal, and says so', async () => {
    const agg = createUsageAggregator({ since: 0, by: 'model' }, 1);
    agg.add(row({}));
    const text = await renderUsageTable(agg.report(), { color: plain, width: 80 });
    const widest = Math.max(...text.split('\n').filter((l) => l.startsWith('│') || l.startsWith('┌')).map((l) => l.length));
    expect(widest).toBeLessThanOrEqual(80);
    expect(text).not.toContain('│ thinking');
    expect(text).toContain('│ cost');
    expect(text).toMatch(/\d columns? hidden to fit the terminal; --json shows everything/);
  });
});
