// Throughput under load with autocannon, one (scenario, concurrency) at a time.
import autocannon from 'autocannon';
import type { Scenario } from './scenarios.js';

export interface LoadResult {
  connections: number;
  /** Successful (2xx) responses per second. */
  rps: number;
  /** Whole-response latency; autocannon's histogram has millisecond resolution. */
  p50Ms: number;
  p99Ms: number;
  /** Non-2xx answers, socket errors and timeouts: any of these makes the row suspect. */
  failures: number;
}

export async function runLoad(s: Scenario, connections: number, durationSec: number): Promise<LoadResult> {
  const r = await autocannon({
    url: s.url,
    method: 'POST',
    headers: s.headers,
    body: s.body,
    connections,
    duration: durationSec,
    pipelining: 1,
    timeout: 30,
  });
  return {
    connections,
    rps: r.duration > 0 ? r['2xx'] / r.duration : 0,
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    failures: r.non2xx + r.errors + r.timeouts,
  };
}
