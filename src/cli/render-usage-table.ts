// `gateway usage` for a terminal: one row per group and a total, rates as percentages, tokens and
// latency in short units; columns of least use are dropped when the terminal is too narrow.
import type { ChalkInstance } from 'chalk';
import type { UsageReport, UsageStats } from '../usage/usage-report.js';
import { createTable } from './create-table.js';

export interface UsageTableOptions {
  color: ChalkInstance;
  /** Terminal columns; the table fits them when set. */
  width?: number;
  /** How the user wrote --since, shown in the title (7d when left out). */
  sinceText?: string | undefined;
}

/** 1234 → 1.2k, 1234567 → 1.23M. @internal */
export function shortCount(n: number): string {
  if (n < 1000) return String(n);
  if (n < 1e6) return `${(n / 1e3).toFixed(n < 1e4 ? 2 : 1).replace(/\.?0+$/, '')}k`;
  if (n < 1e9) return `${(n / 1e6).toFixed(2).replace(/\.?0+$/, '')}M`;
  return `${(n / 1e9).toFixed(2).replace(/\.?0+$/, '')}B`;
}

/** @internal */
export function shortMs(ms: number | null): string {
  if (ms === null) return '-';
  if (ms < 1000) return `${ms}ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1).replace(/\.?0+$/, '')}s`;
}

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** @internal */
export function shortUsd(x: number): string {
  if (x === 0) return '$0';
  if (x < 0.01) return '<$0.01';
  return usd.format(x);
}

const percent = (rate: number): string => (rate === 0 ? '0%' : `${(rate * 100).toFixed(rate < 0.1 ? 1 : 0)}%`);

interface Column {
  head: string;
  cell(s: UsageStats, c: ChalkInstance): string;
  /** Dropped first when the terminal is narrow (higher goes sooner); 0: always shown. */
  dropOrder: number;
}

const COLUMNS: Column[] = [
  { head: 'requests', cell: (s) => String(s.requests), dropOrder: 0 },
  {
    head: 'errors',
    cell: (s, c) => (s.errors === 0 ? c.dim('0%') : s.errorRate >= 0.05 ? c.red(percent(s.errorRate)) : c.yellow(percent(s.errorRate))),
    dropOrder: 0,
  },
  { head: 'failover', cell: (s, c) => (s.failedOver === 0 ? c.dim('0%') : percent(s.failoverRate)), dropOrder: 1 },
  { head: 'input', cell: (s) => shortCount(s.inputTokens), dropOrder: 0 },
  { head: 'output', cell: (s) => shortCount(s.outputTokens), dropOrder: 0 },
  { head: 'cached', cell: (s, c) => (s.cachedTokens === 0 ? c.dim('0') : shortCount(s.cachedTokens)), dropOrder: 4 },
  { head: 'thinking', cell: (s, c) => (s.thinkingTokens === 0 ? c.dim('0') : shortCount(s.thinkingTokens)), dropOrder: 5 },
  { head: 'p50', cell: (s) => shortMs(s.latencyP50Ms), dropOrder: 3 },
  { head: 'p95', cell: (s) => shortMs(s.latencyP95Ms), dropOrder: 2 },
  { head: 'cost', cell: (s) => shortUsd(s.costUsd), dropOrder: 0 },
];

const visibleWidth = (text: string): number => Math.max(...text.split('\n').map((l) => l.replace(/\u001b\[[0-9;]*m/g, '').length));

async function build(report: UsageReport, columns: Column[], c: ChalkInstance): Promise<string> {
  const first = report.by ?? '';
  const table = await createTable([first, ...columns.map((col) => col.head)], c, { compact: true });
  for (const g of report.groups) table.push([g.key, ...columns.map((col) => col.cell(g, c))]);
  table.push([c.bold(report.by ? 'total' : 'all'), ...columns.map((col) => c.bold(col.cell(report.totals, c)))]);
  return table.toString();
}

export async function renderUsageTable(report: UsageReport, options: UsageTableOptions): Promise<string> {
  const c = options.color;
  const since = new Date(report.since);
  const when = `${since.toLocaleDateString('en-CA')} ${since.toTimeString().slice(0, 5)}`;
  const title = `Usage since ${when} (${options.sinceText ?? '7d'})${report.by ? `, by ${report.by}` : ''}`;
  let columns = COLUMNS;
  let table = await build(report, columns, c);
  // Narrow terminal: drop the least useful columns, one at a time, until the table fits.
  const droppable = COLUMNS.filter((col) => col.dropOrder > 0).sort((a, b) => b.dropOrder - a.dropOrder);
  let hidden = 0;
  while (options.width !== undefined && visibleWidth(table) > options.width && hidden < droppable.length) {
    const drop = droppable[hidden++]!;
    columns = columns.filter((col) => col !== drop);
    table = await build(report, columns, c);
  }
  const notes = [c.dim("cost: at the providers' list prices; input includes cached tokens, output thinking.")];
  if (hidden > 0) notes.push(c.dim(`${hidden} column${hidden === 1 ? '' : 's'} hidden to fit the terminal; --json shows everything.`));
  if (report.totals.requests === 0) notes.unshift('No requests in this window.');
  return [title, table, ...notes].join('\n');
}
