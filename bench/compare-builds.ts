// `npm run bench:compare -- <before/bin/gateway.js> <after/bin/gateway.js>`: two gateway builds on
// one emulator, short loads alternating between them (the order flips every round), medians of CPU
// per request and of req/s. On a shared machine single runs move by ±30 %; alternating pairs and
// medians are what can tell a 10 % change apart from noise.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gatewayEnv, repoRoot, startGateway, startScriptChild, type GatewayChild, type Running } from './children.js';
import type { EmulatorReady, EmulatorSettings } from './messages.js';
import { runLoad } from './run-load.js';
import { summarizeProfile, type ProfileSummary } from './summarize-profile.js';
import { benchModel, scenario, type Endpoints, type Target } from './scenarios.js';

const usage = `npm run bench:compare -- <gateway-bin-A> <gateway-bin-B> [options]
  --rounds <n>        alternating pairs                     (8)
  --duration <s>      load seconds per run                  (2)
  --connections <n>   concurrency                           (16)
  --stream            streaming requests (default: non-streaming)
  --anthropic         Anthropic messages (default: OpenAI chat)
  --profile           both under --cpu-prof; where each spends its time, per request, side by side
example: npm run bench:compare -- ../before/bin/gateway.js bin/gateway.js --stream`;

interface CompareOptions {
  bins: [string, string];
  rounds: number;
  durationSec: number;
  connections: number;
  stream: boolean;
  target: Target;
  profile: boolean;
}

function parse(argv: string[]): CompareOptions | string {
  const bins: string[] = [];
  const o = { rounds: 8, durationSec: 2, connections: 16, stream: false, profile: false, target: 'gateway-openai' as Target };
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
    else if (a === '--profile') o.profile = true;
    else if (a.startsWith('--')) throw new Error(`unknown option ${a}\n${usage}`);
    else bins.push(resolve(a));
  }
  if (bins.length !== 2) throw new Error(`give two gateway launchers to compare\n${usage}`);
  return { ...o, bins: [bins[0]!, bins[1]!] };
}

const profileRoot = join(repoRoot, '.tmp', 'compare-profile');

/** µs per request by module and by our nearest frame, A beside B, biggest differences first. */
async function profileSideBySide(dirs: string[], served: number[]): Promise<string> {
  const summaries = await Promise.all(
    dirs.map(async (d) => {
      // CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile: thread 0 is the main thread, where
      // requests are served (the ledger's writer thread writes a profile of its own).
      const f = (await readdir(d)).find((n) => n.endsWith('.cpuprofile') && n.split('.')[4] === '0');
      if (!f) throw new Error(`no main-thread profile in ${d}`);
      return summarizeProfile(join(d, f), 60);
    }),
  );
  const table = (title: string, pick: (s: ProfileSummary) => { name: string; selfMs: number }[]): string[] => {
    const rows = new Map<string, number[]>();
    summaries.forEach((s, i) => {
      for (const r of pick(s)) {
        // Line numbers move between builds; a function is matched by its name and file.
        const name = r.name.replace(/:\d+$/, '');
        const row = rows.get(name) ?? [0, 0];
        row[i] = row[i]! + (r.selfMs * 1000) / served[i]!;
        rows.set(name, row);
      }
    });
    const change = (r: number[]): number => Math.abs(r[1]! - r[0]!);
    const sorted = [...rows].sort((x, y) => change(y[1]) - change(x[1])).slice(0, 25);
    return ['', `| A µs/req | B µs/req | ${title} |`, '|---:|---:|---|', ...sorted.map(([n, r]) => `| ${r[0]!.toFixed(1)} | ${r[1]!.toFixed(1)} | \`${n}\` |`)];
  };
  const total = summaries.map((s, i) => ((s.totalMs * 1000) / served[i]!).toFixed(0));
  return [
    `profiles in ${profileRoot}; busy µs per request: A ${total[0]!}, B ${total[1]!}`,
    ...table('module', (s) => s.byModule.map((m) => ({ name: m.module, selfMs: m.selfMs }))),
    ...table('nearest frame of our code', (s) => s.byOwnCaller),
    ...table('function', (s) => s.byFunction),
  ].join('\n');
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
    const profileDirs = o.bins.map((_, i) => join(profileRoot, i === 0 ? 'A' : 'B'));
    if (o.profile) await rm(profileRoot, { recursive: true, force: true });
    for (const [i, bin] of o.bins.entries()) {
      const nodeArgs = o.profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDirs[i]!}`] : [];
      const g = await startGateway(bin, gatewayEnv(scratch, emulator.ready.env), { nodeArgs });
      children.push(g);
      gateways.push(g);
    }
    const scenarios = gateways.map((g) => {
      const e: Endpoints = { emulatorUrl: '', passthroughUrl: '', floorUrl: '', gatewayUrl: g.ready.url, token: '', project: '', model: benchModel };
      return scenario(o.target, o.stream, e);
    });
    // Requests each build served in the whole run, warm-up included, as its profile covers them all.
    const served = [0, 0];
    // Warm both before any timing (JIT, keep-alive sockets, token cache).
    for (const [i, g] of gateways.entries()) {
      const warm = await runLoad(scenarios[i]!, o.connections, o.durationSec, g.pid);
      served[i]! += warm.rps * o.durationSec;
    }
    const cpu: number[][] = [[], []];
    const rps: number[][] = [[], []];
    for (let r = 0; r < o.rounds; r++) {
      for (const i of r % 2 === 0 ? [0, 1] : [1, 0]) {
        const res = await runLoad(scenarios[i]!, o.connections, o.durationSec, gateways[i]!.pid);
        served[i]! += res.rps * o.durationSec;
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
    if (o.profile) {
      // A profile is written when its process exits cleanly.
      for (const g of gateways) await g.stop();
      process.stdout.write(`\n${await profileSideBySide(profileDirs, served)}\n`);
    }
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
