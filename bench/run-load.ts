// Throughput under load with autocannon, one (scenario, concurrency) at a time.
import autocannon from 'autocannon';
import { readCpuMs } from './children.js';
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
  /**
   * CPU time (user + system) the serving process spent per successful request: robust against
   * other work on the machine, which skews the wall-clock numbers.
   */
  cpuUsPerRequest?: number;
}

/** `servingPid`: the process whose CPU time is charged to the requests (the emulator for direct). */
export async function runLoad(s: Scenario, connections: number, durationSec: number, servingPid?: number): Promise<LoadResult> {
  const cpuBefore = servingPid === undefined ? undefined : await readCpuMs(servingPid);
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
  const cpuAfter = servingPid === undefined ? undefined : await readCpuMs(servingPid);
  const ok = r['2xx'];
  return {
    ...(cpuBefore !== undefined && cpuAfter !== undefined && ok > 0 ? { cpuUsPerRequest: ((cpuAfter - cpuBefore) * 1000) / ok } : {}),
    connections,
    rps: r.duration > 0 ? r['2xx'] / r.duration : 0,
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    failures: r.non2xx + r.errors + r.timeouts,
  };
}
