// Benchmark settings: defaults, then BENCH_* environment, then flags. Only this file reads them.
import { targets as allTargets, type Target } from './scenarios.js';

export type Section = 'load' | 'latency' | 'memory' | 'cold' | 'soak';
const allSections: readonly Section[] = ['load', 'latency', 'memory', 'cold', 'soak'];

export interface BenchOptions {
  quick: boolean;
  /** Seconds of autocannon load per (scenario, concurrency). */
  durationSec: number;
  /** Seconds of warm-up load per scenario, all of them before any measurement (JIT, pools). */
  warmupSec: number;
  connections: number[];
  /**
   * Emulator: latency before every generation answer, events per stream, delay between events.
   * The delay stays 0 by default: the gateway always streams from upstream, also for a
   * non-streaming client, so any delay would be charged to its non-streaming rows only.
   */
  latencyMs: number;
  streamChunks: number;
  chunkDelayMs: number;
  /** Sequential requests per scenario for the precise c=1 latency and time to first byte. */
  sequentialRequests: number;
  /** Concurrent open streams for the memory measurement, and how the emulator keeps them open. */
  streams: number;
  memoryChunkDelayMs: number;
  versionRuns: number;
  startRuns: number;
  /** Seconds of mixed streams, aborts and failovers for the soak row, and how many at once. */
  soakSec: number;
  soakConcurrency: number;
  /**
   * Pin the process under test alone on cpu 1, the emulator and load generator on cpu 0. Off by
   * default: on this VM an idle pinned core wakes slowly, which adds about a millisecond to every
   * sequential request through the pinned process and hides the gateway's own cost.
   */
  pin: boolean;
  /** Run the gateway under `node --cpu-prof` and summarize the profile. */
  profile: boolean;
  sections: Section[];
  /** Which targets the latency and load sections measure (all by default; fewer for profiling). */
  targets: Target[];
  /** The gateway launcher to measure (another checkout's bin/gateway.js, to compare a change). */
  gatewayBin: string | undefined;
  /** Where the report goes; the generated part of the file is replaced, the rest kept. */
  out: string;
}

const usage = `npm run bench -- [options]
  --quick                 smoke run: short durations, fewer requests and streams
  --duration <s>          load seconds per scenario and concurrency   (BENCH_DURATION, 4)
  --warmup <s>            warm-up seconds per scenario                (BENCH_WARMUP, 2)
  --connections <list>    concurrencies, comma separated             (BENCH_CONNECTIONS, 1,16,64)
  --latency <ms>          emulator latency per generation            (BENCH_LATENCY_MS, 0)
  --chunks <n>            emulator SSE events per stream             (BENCH_CHUNKS, 8)
  --chunk-delay <ms>      emulator delay between events              (BENCH_CHUNK_DELAY_MS, 0)
  --requests <n>          sequential requests for c=1 latency / TTFB (BENCH_REQUESTS, 300)
  --streams <n>           concurrent streams for peak RSS            (BENCH_STREAMS, 1000)
  --soak <s>              soak seconds: mixed streams, aborts, failovers (BENCH_SOAK_SEC, 300)
  --soak-concurrency <n>  requests at once during the soak            (BENCH_SOAK_CONCURRENCY, 16)
  --only <list>           sections: load,latency,memory,cold,soak    (BENCH_ONLY, all)
  --targets <list>        direct,passthrough,floor,gateway-openai,gateway-anthropic (BENCH_TARGETS, all)
  --pin                   pin processes to cores with taskset        (BENCH_PIN=1; off by default, see results.md)
  --profile               gateway under --cpu-prof; report goes to .tmp/bench-profile/
  --gateway-bin <path>    gateway launcher to measure                (BENCH_GATEWAY_BIN, bin/gateway.js)
  --out <file>            report file                                (bench/results.md)`;

function num(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, got "${value}"`);
  return n;
}

function list(value: string): number[] {
  return value.split(',').map((v) => {
    const n = Number(v.trim());
    if (!Number.isInteger(n) || n < 1) throw new Error(`bad concurrency "${v}"`);
    return n;
  });
}

function targetList(value: string): Target[] {
  return value.split(',').map((v) => {
    const t = v.trim() as Target;
    if (!allTargets.includes(t)) throw new Error(`unknown target "${v}" (${allTargets.join(', ')})`);
    return t;
  });
}

function sections(value: string): Section[] {
  return value.split(',').map((v) => {
    const s = v.trim() as Section;
    if (!allSections.includes(s)) throw new Error(`unknown section "${v}" (${allSections.join(', ')})`);
    return s;
  });
}

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv): BenchOptions | 'help' {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return 'help';
    if (arg === '--quick' || arg === '--profile' || arg === '--no-pin' || arg === '--pin') {
      flags.set(arg.slice(2), '1');
      continue;
    }
    const value = argv[i + 1];
    if (!arg.startsWith('--') || value === undefined) throw new Error(`unknown argument "${arg}"\n${usage}`);
    flags.set(arg.slice(2), value);
    i++;
  }
  const quick = flags.has('quick') || env.BENCH_QUICK === '1';
  const pick = (flag: string, envName: string, fallback: number, quickValue = fallback): number =>
    num(flags.get(flag), `--${flag}`) ?? num(env[envName], envName) ?? (quick ? quickValue : fallback);
  const onlyRaw = flags.get('only') ?? env.BENCH_ONLY;
  const profile = flags.has('profile') || env.BENCH_PROFILE === '1';
  return {
    quick,
    durationSec: pick('duration', 'BENCH_DURATION', 4, 1),
    warmupSec: pick('warmup', 'BENCH_WARMUP', 2, 0.5),
    connections: list(flags.get('connections') ?? env.BENCH_CONNECTIONS ?? '1,16,64'),
    latencyMs: pick('latency', 'BENCH_LATENCY_MS', 0),
    streamChunks: pick('chunks', 'BENCH_CHUNKS', 8),
    chunkDelayMs: pick('chunk-delay', 'BENCH_CHUNK_DELAY_MS', 0),
    sequentialRequests: pick('requests', 'BENCH_REQUESTS', 300, 40),
    streams: pick('streams', 'BENCH_STREAMS', 1000, 200),
    memoryChunkDelayMs: 400,
    versionRuns: quick ? 3 : 10,
    startRuns: quick ? 2 : 5,
    soakSec: pick('soak', 'BENCH_SOAK_SEC', 300, 20),
    soakConcurrency: pick('soak-concurrency', 'BENCH_SOAK_CONCURRENCY', 16),
    pin: flags.has('pin') || env.BENCH_PIN === '1',
    profile,
    sections: onlyRaw ? sections(onlyRaw) : [...allSections],
    targets: targetList(flags.get('targets') ?? env.BENCH_TARGETS ?? allTargets.join(',')),
    gatewayBin: flags.get('gateway-bin') ?? (env.BENCH_GATEWAY_BIN || undefined),
    out: flags.get('out') ?? (profile ? '.tmp/bench-profile/results.md' : 'bench/results.md'),
  };
}

export { usage };
