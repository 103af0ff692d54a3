// One markdown table: every target side by side, the gateway's ratios and deltas against the
// pass-through proxy, the floor and the direct call, and the budgets with pass / fail.
import type { ColdStartResult } from './measure-cold-start.js';
import type { MemoryResult } from './measure-memory.js';
import type { SoakResult } from './measure-soak.js';
import type { SequentialResult } from './measure-sequential.js';
import type { LoadResult } from './run-load.js';
import type { Target } from './scenarios.js';

export type Key = `${Target}:${'stream' | 'json'}`;

export interface BenchResults {
  connections: number[];
  load: Partial<Record<Key, LoadResult[]>>;
  sequential: Partial<Record<Key, SequentialResult>>;
  memory?: MemoryResult;
  cold?: ColdStartResult;
  soak?: SoakResult;
}

type Cell = number | undefined;
const gateways = ['gateway-openai', 'gateway-anthropic'] as const;
const allTargets = ['direct', 'passthrough', 'floor', ...gateways] as const;

const fmt = (v: Cell, digits: number): string => (v === undefined || Number.isNaN(v) ? '–' : v.toFixed(digits));
const signed = (v: Cell, digits: number): string => (v === undefined || Number.isNaN(v) ? '–' : `${v >= 0 ? '+' : ''}${v.toFixed(digits)}`);
const pair = (a: string, b: string): string => (a === '–' && b === '–' ? '–' : `${a} / ${b}`);
const verdict = (ok: boolean | undefined): string => (ok === undefined ? '–' : ok ? '**pass**' : '**FAIL**');

interface Row {
  label: string;
  values: Record<Target, string>;
  ratio?: string;
  /** The floor against the pass-through: a ratio or a difference, as the row compares. */
  floorVsPass?: string;
  /** The gateway against the floor: what our server and pool add to translation. */
  overFloor?: string;
  minusPass?: string;
  minusDirect?: string;
  budget?: string;
  ok?: boolean | undefined;
}

function line(r: Row): string {
  const v = r.values;
  const cells = [r.label, v.direct, v.passthrough, v.floor, v['gateway-openai'], v['gateway-anthropic']];
  cells.push(r.floorVsPass ?? '–', r.ratio ?? '–', r.minusPass ?? '–', r.overFloor ?? '–', r.minusDirect ?? '–', r.budget ?? '', verdict(r.ok));
  return `| ${cells.join(' | ')} |`;
}

function flagFailures(n: number | undefined): string {
  return n ? ` ⚠${n} failed` : '';
}

/** A row of one number per target, with the gateway compared by ratio or by difference. */
function compareRow(label: string, get: (t: Target) => Cell, digits: number, compare: 'ratio' | 'delta', failures: (t: Target) => number | undefined): Row {
  const values = {} as Record<Target, string>;
  for (const t of allTargets) values[t] = fmt(get(t), digits) + flagFailures(failures(t));
  const pass = get('passthrough');
  const floor = get('floor');
  const direct = get('direct');
  const row: Row = { label, values };
  if (compare === 'ratio') {
    const r = (t: Target, base: Cell): Cell => (base ? (get(t) ?? NaN) / base : undefined);
    row.ratio = pair(fmt(r('gateway-openai', pass), 2), fmt(r('gateway-anthropic', pass), 2));
    row.floorVsPass = fmt(r('floor', pass), 2);
    row.overFloor = pair(fmt(r('gateway-openai', floor), 2), fmt(r('gateway-anthropic', floor), 2));
  } else {
    const d = (t: Target, base: Cell): Cell => (base === undefined ? undefined : (get(t) ?? NaN) - base);
    row.minusPass = pair(signed(d('gateway-openai', pass), digits), signed(d('gateway-anthropic', pass), digits));
    row.floorVsPass = signed(d('floor', pass), digits);
    row.overFloor = pair(signed(d('gateway-openai', floor), digits), signed(d('gateway-anthropic', floor), digits));
    row.minusDirect = pair(signed(d('gateway-openai', direct), digits), signed(d('gateway-anthropic', direct), digits));
  }
  return row;
}

function worst(values: Cell[], better: 'high' | 'low'): number | undefined {
  const xs = values.filter((v): v is number => v !== undefined && !Number.isNaN(v));
  if (xs.length !== values.length || xs.length === 0) return undefined;
  return better === 'high' ? Math.min(...xs) : Math.max(...xs);
}

function modeRows(res: BenchResults, mode: 'json' | 'stream'): Row[] {
  const name = mode === 'json' ? 'non-streaming' : 'streaming';
  const load = (t: Target, c: number): LoadResult | undefined => res.load[`${t}:${mode}`]?.find((r) => r.connections === c);
  const seq = (t: Target): SequentialResult | undefined => res.sequential[`${t}:${mode}`];
  const rows: Row[] = [];
  for (const c of res.connections) {
    if (!allTargets.some((t) => load(t, c))) continue;
    const row = compareRow(`${name} req/s, c=${c}`, (t) => load(t, c)?.rps, 0, 'ratio', (t) => load(t, c)?.failures);
    if (c === 16) {
      // The team's budget: the gateway keeps at least 0.75 of what our converters alone serve (the
      // floor). The pass-through, which translates nothing, is beyond any translating gateway here.
      const floor = load('floor', 16)?.rps;
      const w = worst(gateways.map((g) => (floor ? (load(g, 16)?.rps ?? NaN) / floor : undefined)), 'high');
      row.budget = '≥ 0.75 of floor';
      row.ok = w === undefined ? undefined : w >= 0.75;
    }
    rows.push(row);
  }
  for (const c of res.connections) {
    if (!allTargets.some((t) => load(t, c)?.cpuUsPerRequest !== undefined)) continue;
    // The direct column is the emulator's CPU; the others exclude it, so only − pass-through is meaningful.
    const cpu = compareRow(`${name} CPU µs per request of the serving process, c=${c}`, (t) => load(t, c)?.cpuUsPerRequest, 0, 'delta', () => undefined);
    cpu.minusDirect = '–';
    rows.push(cpu);
  }
  if (allTargets.some((t) => seq(t))) {
    const p50 = compareRow(`${name} latency p50 ms, c=1 (sequential)`, (t) => seq(t)?.totalP50Ms, 2, 'delta', (t) => seq(t)?.failures);
    if (mode === 'json') {
      const pass = seq('passthrough')?.totalP50Ms;
      const w = worst(gateways.map((g) => (pass === undefined ? undefined : (seq(g)?.totalP50Ms ?? NaN) - pass)), 'low');
      p50.budget = '≤ +1 ms over pass-through';
      p50.ok = w === undefined ? undefined : w <= 1;
    }
    rows.push(p50);
    rows.push(compareRow(`${name} latency p99 ms, c=1 (sequential)`, (t) => seq(t)?.totalP99Ms, 2, 'delta', () => undefined));
    if (mode === 'stream') {
      const ttfb = compareRow('time to first streamed byte p50 ms, c=1', (t) => seq(t)?.ttfbP50Ms, 2, 'delta', () => undefined);
      const pass = seq('passthrough')?.ttfbP50Ms;
      const w = worst(gateways.map((g) => (pass === undefined ? undefined : (seq(g)?.ttfbP50Ms ?? NaN) - pass)), 'low');
      ttfb.budget = '≤ +1 ms over pass-through';
      ttfb.ok = w === undefined ? undefined : w <= 1;
      rows.push(ttfb);
    }
  }
  for (const c of res.connections.filter((c) => c > 1)) {
    if (!allTargets.some((t) => load(t, c))) continue;
    rows.push(compareRow(`${name} latency p50 ms, c=${c}`, (t) => load(t, c)?.p50Ms, 0, 'delta', () => undefined));
    rows.push(compareRow(`${name} latency p99 ms, c=${c}`, (t) => load(t, c)?.p99Ms, 0, 'delta', () => undefined));
  }
  return rows;
}

function gatewayOnly(label: string, value: string, budget: string, ok: boolean | undefined, note = '–'): Row {
  return { label, values: { direct: note, passthrough: '–', floor: '–', 'gateway-openai': value, 'gateway-anthropic': '–' }, budget, ok };
}

export function renderTable(res: BenchResults): string {
  const rows = [...modeRows(res, 'json'), ...modeRows(res, 'stream')];
  if (res.memory) {
    const m = res.memory;
    const label = `peak RSS MB, ${m.streams} open streams (${m.open} open at peak; idle ${m.idleMb.toFixed(0)} MB)`;
    // The budget speaks of 1,000 streams; a smaller smoke run gets no verdict.
    const ok = m.streams < 1000 ? undefined : m.open === m.streams && m.peakMb <= 300;
    rows.push(gatewayOnly(label, fmt(m.peakMb, 0), '≤ 300 MB at 1,000 streams', ok));
  }
  if (res.cold) {
    const c = res.cold;
    rows.push(gatewayOnly('`gateway --version` ms (median)', fmt(c.versionMs, 0), '≤ 150 ms', c.versionMs <= 150, `node -e 0: ${fmt(c.nodeBareMs, 0)}`));
    rows.push(gatewayOnly('`gateway start` to ready ms (median)', fmt(c.startReadyMs, 0), '≤ 500 ms', c.startReadyMs <= 500));
  }
  if (res.soak) {
    const k = res.soak;
    const what = `soak ${k.seconds} s, c=${k.concurrency}: ${k.completed} completed, ${k.aborted} aborted by the client, ${k.failed} failed`;
    rows.push(gatewayOnly(`${what}; RSS MB idle before → idle after (peak)`, `${fmt(k.rssBeforeMb, 0)} → ${fmt(k.rssAfterMb, 0)} (${fmt(k.peakMb, 0)})`, 'reported', undefined));
    rows.push(gatewayOnly('soak: open handles (fds) idle before → idle after', `${k.fdsBefore} → ${k.fdsAfter}`, 'reported', undefined));
  }
  return [
    '| measurement | direct | pass-through | floor | gateway OpenAI | gateway Anthropic | floor ÷ or − pass-through | gateway ÷ pass-through (OpenAI / Anthropic) | gateway − pass-through | gateway ÷ or − floor | gateway − direct | budget | result |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|',
    ...rows.map(line),
  ].join('\n');
}
