import { describe, expect, it } from 'vitest';
import { renderTable, type BenchResults } from './render-report.js';
import type { LoadResult } from './run-load.js';

const load = (rps: number, cpu: number): LoadResult[] => [{ connections: 16, rps, p50Ms: 1, p99Ms: 2, failures: 0, cpuUsPerRequest: cpu }];

function results(gatewayRps: number): BenchResults {
  return {
    connections: [16],
    load: {
      'direct:json': load(20000, 50),
      'passthrough:json': load(10000, 80),
      'floor:json': load(5000, 180),
      'gateway-openai:json': load(gatewayRps, 300),
      'gateway-anthropic:json': load(gatewayRps, 310),
    },
    sequential: {},
    memory: { streams: 1000, open: 1000, idleMb: 60, peakMb: 150 },
    cold: { nodeBareMs: 60, versionMs: 90, startReadyMs: 260 },
  };
}

const row = (table: string, label: string): string[] =>
  (table.split('\n').find((l) => l.startsWith(`| ${label}`)) ?? '').split('|').map((c) => c.trim());

describe('renderTable', () => {
  it('compares the gateway with the pass-through and the floor, and the floor with the pass-through', () => {
    const cells = row(renderTable(results(3000)), 'non-streaming req/s, c=16');
    // measurement, direct, pass-through, floor, OpenAI, Anthropic, floor÷pass, gw÷pass, gw−pass, gw÷floor, gw−direct, budget, result
    expect(cells.slice(2, 7)).toEqual(['20000', '10000', '5000', '3000', '3000']);
    expect(cells[7]).toBe('0.50');
    expect(cells[8]).toBe('0.30 / 0.30');
    expect(cells[10]).toBe('0.60 / 0.60');
    expect(cells[13]).toBe('**FAIL**');
  });

  it('passes the throughput budget at 0.75 of the floor, streaming or not, and shows CPU as differences', () => {
    const table = renderTable(results(7000));
    expect(row(table, 'non-streaming req/s, c=16')[12]).toBe('≥ 0.75 of floor');
    expect(row(table, 'non-streaming req/s, c=16')[13]).toBe('**pass**');
    expect(row(renderTable(results(3700)), 'non-streaming req/s, c=16')[13]).toBe('**FAIL**');
    expect(row(renderTable(results(3800)), 'non-streaming req/s, c=16')[13]).toBe('**pass**');
    const cpu = row(table, 'non-streaming CPU µs per request of the serving process, c=16');
    expect(cpu[7]).toBe('+100');
    expect(cpu[9]).toBe('+220 / +230');
    expect(cpu[10]).toBe('+120 / +130');
  });

  it('judges memory and cold start against their budgets', () => {
    const table = renderTable(results(7000));
    expect(row(table, 'peak RSS MB')[13]).toBe('**pass**');
    expect(row(table, '`gateway --version` ms')[13]).toBe('**pass**');
    expect(row(table, '`gateway start` to ready ms')[13]).toBe('**pass**');
  });

  it('reports the soak: memory and open handles before and after, without a verdict', () => {
    const table = renderTable({
      ...results(9000),
      soak: { seconds: 300, concurrency: 16, completed: 1000, aborted: 150, failed: 3, rssBeforeMb: 70.2, rssAfterMb: 81.4, peakMb: 120, fdsBefore: 23, fdsAfter: 24 },
    });
    const rss = row(table, 'soak 300 s, c=16: 1000 completed, 150 aborted by the client, 3 failed; RSS MB idle before → idle after (peak)');
    expect(rss[5]).toBe('70 → 81 (120)');
    expect(rss.at(-2)).toBe('–');
    expect(row(table, 'soak: open handles (fds) idle before → idle after')[5]).toBe('23 → 24');
  });
});
