// `npm run bench:compare -- <before/bin/gateway.js> <after/bin/gateway.js>`: two gateway builds on
// one emulator, short loads alternating between them (the order flips every round), medians of CPU
// per request and of req/s. On a shared machine single runs move by ±30 %; alternating pairs and
// medians are what can tell a 10 % change apart from noise.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gatewayEnv, startGateway, startScriptChild, type GatewayChild, type Running } from './children.js';
import type { EmulatorReady, EmulatorSettings } from './messages.js';
import { runLoad } from './run-load.js';
import { benchModel, scenario, type Endpoints, type Target } from './scenarios.js';

const usage = `npm run bench:compare -- <gateway-bin-A> <gateway-bin-B> [options]
  --rounds <n>        alternating pairs                     (8)
  --duration <s>      load seconds per run                  (2)
  --connections <n>   concurrency                           (16)
  --stream            streaming requests (default: non-streaming)
  --anthropic         Anthropic messages (default: OpenAI chat)
example: npm run bench:compare -- ../before/bin/gateway.js bin/gateway.js --stream`;

interface CompareOptions {
  bins: [string, string];
  rounds: number;
  durationSec: number;
  connections: number;
  stream: boolean;
  target: Target;
}

function parse(argv: string[]): CompareOptions | string {
  const bins: string[] = [];
  const o = { rounds: 8, durationSec: 2, connections: 16, stream: false, target: 'gateway-openai' as Target };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const num = (): number => {
      const n = Number(argv[++i]);
      if (!Number.isFinite(n) || n <= 0) throw new Error(`${a} needs a positive number`);
      return n;
    };
    if (a === '--help' || a === '-h') return usage;
    else if (a === '--rounds') o.rounds = num();
    else if (a === '--duration') o.durationSec = num();
    else if (a === '--connections') o.connections = num();
    else if (a === '--stream') o.stream = true;
    else if (a === '--anthropic') o.target = 'gateway-anthropic';
    else if (a.startsWith('--')) throw new Error(`unknown option ${a}\n${usage}`);
    else bins.push(resolve(a));
  }
  if (bins.length !== 2) throw new Error(`give two gateway launchers to compare\n${usage}`);
  return { ...o, bins: [bins[0]!, bins[1]!] };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function compare(o: CompareOptions): Promise<void> {
  const scratch = await mkdtemp(join(tmpdir(), 'gateway-compare-'));
  const children: Running<unknown>[] = [];
  try {
    const settings: EmulatorSettings = {
      latencyMs: 0,
      streamChunks: 8,
      chunkDelayMs: 0,
      home: scratch,
      emails: ['compare-a@example.com', 'compare-b@example.com', 'compare-c@example.com'],
      model: benchModel,
    };
    const emulator = await startScriptChild<EmulatorReady>('emulator-child.js', [JSON.stringify(settings)]);
    children.push(emulator);
    const gateways: Running<GatewayChild>[] = [];
    for (const bin of o.bins) {
      const g = await startGateway(bin, gatewayEnv(scratch, emulator.ready.env));
      children.push(g);
      gateways.push(g);
    }
    const scenarios = gateways.map((g) => {
      const e: Endpoints = { emulatorUrl: '', passthroughUrl: '', floorUrl: '', gatewayUrl: g.ready.url, token: '', project: '', model: benchModel };
      return scenario(o.target, o.stream, e);
    });
    // Warm both before any timing (JIT, keep-alive sockets, token cache).
    for (const [i, g] of gateways.entries()) await runLoad(scenarios[i]!, o.connections, o.durationSec, g.pid);
    const cpu: number[][] = [[], []];
    const rps: number[][] = [[], []];
    for (let r = 0; r < o.rounds; r++) {
      for (const i of r % 2 === 0 ? [0, 1] : [1, 0]) {
        const res = await runLoad(scenarios[i]!, o.connections, o.durationSec, gateways[i]!.pid);
        if (res.failures > 0) throw new Error(`${o.bins[i]} had ${res.failures} failed requests`);
        cpu[i]!.push(res.cpuUsPerRequest ?? NaN);
        rps[i]!.push(res.rps);
      }
      process.stderr.write(`[compare] round ${r + 1}/${o.rounds}\n`);
    }
    const what = `${o.target === 'gateway-openai' ? 'OpenAI chat' : 'Anthropic messages'}, ${o.stream ? 'streaming' : 'non-streaming'}, c=${o.connections}`;
    const lines = [
      `${what}; ${o.rounds} alternating rounds of ${o.durationSec} s; medians`,
      '',
      '| build | CPU µs per request | req/s | CPU per round |',
      '|---|---:|---:|---|',
      ...o.bins.map((b, i) => `| ${b} | ${median(cpu[i]!).toFixed(0)} | ${median(rps[i]!).toFixed(0)} | ${cpu[i]!.map((v) => v.toFixed(0)).join(', ')} |`),
      '',
      `B ÷ A: CPU ${(median(cpu[1]!) / median(cpu[0]!)).toFixed(2)}, req/s ${(median(rps[1]!) / median(rps[0]!)).toFixed(2)}`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    for (const c of children.reverse()) await c.stop();
    await rm(scratch, { recursive: true, force: true });
  }
}

let options: CompareOptions | string;
try {
  options = parse(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(2);
}
if (typeof options === 'string') process.stdout.write(`${options}\n`);
else {
  await compare(options).catch((e: unknown) => {
    process.stderr.write(`[compare] failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  });
}
