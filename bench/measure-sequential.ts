// A small node:http client for what autocannon cannot give: time to the first body byte, and
// sub-millisecond whole-response latency at concurrency 1 (N requests one after another).
import { Agent, request } from 'node:http';
import type { Scenario } from './scenarios.js';

export interface SequentialResult {
  requests: number;
  ttfbP50Ms: number;
  ttfbP99Ms: number;
  totalP50Ms: number;
  totalP99Ms: number;
  failures: number;
}

interface Timing {
  ttfbMs: number;
  totalMs: number;
  ok: boolean;
}

function once(s: Scenario, agent: Agent): Promise<Timing> {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    let first: bigint | undefined;
    const req = request(s.url, { method: 'POST', headers: { ...s.headers, 'content-length': String(Buffer.byteLength(s.body)) }, agent }, (res) => {
      res.on('data', () => {
        first ??= process.hrtime.bigint();
      });
      res.on('end', () => {
        const end = process.hrtime.bigint();
        resolve({
          ttfbMs: Number((first ?? end) - started) / 1e6,
          totalMs: Number(end - started) / 1e6,
          ok: (res.statusCode ?? 500) < 300,
        });
      });
      res.on('error', () => resolve({ ttfbMs: 0, totalMs: 0, ok: false }));
    });
    req.on('error', () => resolve({ ttfbMs: 0, totalMs: 0, ok: false }));
    req.end(s.body);
  });
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

/**
 * N requests per scenario, one at a time, interleaved across the scenarios so that drift
 * (frequency scaling, GC, other load) lands on every target alike.
 */
export async function measureSequential(scenarios: Scenario[], requests: number): Promise<SequentialResult[]> {
  const agents = scenarios.map(() => new Agent({ keepAlive: true, maxSockets: 1 }));
  // Unmeasured requests open the connections and warm the code paths.
  for (let i = 0; i < Math.min(20, requests); i++) for (const [k, s] of scenarios.entries()) await once(s, agents[k]!);
  const ttfb: number[][] = scenarios.map(() => []);
  const total: number[][] = scenarios.map(() => []);
  const failures = scenarios.map(() => 0);
  for (let i = 0; i < requests; i++) {
    for (const [k, s] of scenarios.entries()) {
      const t = await once(s, agents[k]!);
      if (!t.ok) {
        failures[k]!++;
        continue;
      }
      ttfb[k]!.push(t.ttfbMs);
      total[k]!.push(t.totalMs);
    }
  }
  for (const a of agents) a.destroy();
  return scenarios.map((_, k) => {
    const f = ttfb[k]!.sort((a, b) => a - b);
    const t = total[k]!.sort((a, b) => a - b);
    return {
      requests,
      ttfbP50Ms: percentile(f, 50),
      ttfbP99Ms: percentile(f, 99),
      totalP50Ms: percentile(t, 50),
      totalP99Ms: percentile(t, 99),
      failures: failures[k]!,
    };
  });
}
