// Peak resident memory of the gateway while many streams are open at once: the emulator answers
// slowly (one event every few hundred ms), so every stream stays open while we sample.
import { request, type ClientRequest } from 'node:http';
import { readRss } from './children.js';
import type { Scenario } from './scenarios.js';

export interface MemoryResult {
  streams: number;
  /** Streams that had delivered their first byte when we took the peak. */
  open: number;
  idleMb: number;
  peakMb: number;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function measureMemory(pid: number, s: Scenario, streams: number, maxWaitMs = 20_000): Promise<MemoryResult> {
  const idle = await readRss(pid);
  const requests: ClientRequest[] = [];
  let open = 0;
  let failed = 0;
  for (let i = 0; i < streams; i++) {
    // agent:false gives each stream its own socket, as 1,000 separate clients would.
    const req = request(s.url, { method: 'POST', headers: s.headers, agent: false }, (res) => {
      if ((res.statusCode ?? 500) >= 300) failed++;
      res.once('data', () => open++);
      res.on('data', () => undefined);
      res.on('error', () => undefined);
    });
    req.on('error', () => undefined);
    req.end(s.body);
    requests.push(req);
  }
  const deadline = Date.now() + maxWaitMs;
  while (open + failed < streams && Date.now() < deadline) await sleep(100);
  // Hold them open a little: buffers and per-stream state are allocated as events flow.
  let peak = idle.peakMb;
  for (let i = 0; i < 10; i++) {
    await sleep(100);
    peak = Math.max(peak, (await readRss(pid)).peakMb);
  }
  const openAtPeak = open;
  for (const req of requests) req.destroy();
  return { streams, open: openAtPeak, idleMb: idle.rssMb, peakMb: peak };
}
