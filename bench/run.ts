// `npm run bench`: the emulator, a bare pass-through proxy and the gateway, each in its own
// process; load from this process; one markdown table of ratios against the budgets.
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { request } from 'node:http';
import { defaultGatewayBin, gatewayEnv, hasTaskset, pinSelf, repoRoot, startGateway, startScriptChild, type Running } from './children.js';
import { measureColdStart } from './measure-cold-start.js';
import { measureMemory } from './measure-memory.js';
import { measureSequential } from './measure-sequential.js';
import { measureSoak } from './measure-soak.js';
import type { EmulatorReady, EmulatorSettings, ServerReady } from './messages.js';
import { parseOptions, usage, type BenchOptions } from './options.js';
import { renderTable, type BenchResults, type Key } from './render-report.js';
import { runLoad } from './run-load.js';
import { benchModel, scenario, targets, type Endpoints, type Scenario } from './scenarios.js';
import { renderProfile, summarizeProfile } from './summarize-profile.js';
import { reportHeader, writeReport } from './write-report.js';

const emails = ['bench-a@example.com', 'bench-b@example.com', 'bench-c@example.com'];
const log = (msg: string): void => void process.stderr.write(`[bench] ${msg}\n`);
const keyOf = (s: Scenario): Key => `${s.target}:${s.stream ? 'stream' : 'json'}`;

/** One request per scenario before any timing: a broken target must not look fast. */
async function check(s: Scenario): Promise<void> {
  const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request(s.url, { method: 'POST', headers: s.headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(s.body);
  });
  if (status !== 200 || text.length === 0) throw new Error(`${keyOf(s)} answered ${status}: ${text.slice(0, 300)}`);
}

async function startEmulatorChild(
  opts: BenchOptions,
  home: string,
  chunkDelayMs: number,
  streamChunks: number,
  cpus?: string,
  faults?: EmulatorSettings['faults'],
): Promise<Running<EmulatorReady>> {
  const settings: EmulatorSettings = { latencyMs: opts.latencyMs, streamChunks, chunkDelayMs, home, emails, model: benchModel, ...(faults ? { faults } : {}) };
  return startScriptChild<EmulatorReady>('emulator-child.js', [JSON.stringify(settings)], cpus);
}

async function mainRun(opts: BenchOptions): Promise<void> {
  const started = Date.now();
  const loadAtStart = loadavg();
  const pinned = opts.pin && availableParallelism() >= 2 && hasTaskset();
  const cpu = (which: 'load' | 'sut'): string | undefined => (pinned ? (which === 'load' ? '0' : '1') : undefined);
  if (pinned) pinSelf('0');
  const bin = opts.gatewayBin ? resolve(opts.gatewayBin) : defaultGatewayBin;
  const scratch = await mkdtemp(join(tmpdir(), 'gateway-bench-'));
  const profileDir = join(repoRoot, '.tmp', 'bench-profile');
  const children: Running<unknown>[] = [];
  const results: BenchResults = { connections: opts.connections, load: {}, sequential: {} };
  try {
    const home = join(scratch, 'home');
    await mkdir(home);
    const emulator = await startEmulatorChild(opts, home, opts.chunkDelayMs, opts.streamChunks, cpu('load'));
    children.push(emulator);
    const env = gatewayEnv(home, emulator.ready.env);
    const needLoad = opts.sections.includes('load') || opts.sections.includes('latency');
    if (needLoad) {
      const pass = await startScriptChild<ServerReady>('passthrough-child.js', [emulator.ready.url], cpu('sut'));
      children.push(pass);
      const { token, project } = emulator.ready;
      const floor = await startScriptChild<ServerReady>('floor-child.js', [emulator.ready.url, token, project], cpu('sut'));
      children.push(floor);
      if (opts.profile) {
        await rm(profileDir, { recursive: true, force: true });
        await mkdir(profileDir, { recursive: true });
      }
      const nodeArgs = opts.profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
      const gateway = await startGateway(bin, env, { cpus: cpu('sut'), nodeArgs });
      children.push(gateway);
      log(`emulator ${emulator.ready.url}, pass-through ${pass.ready.url}, floor ${floor.ready.url}, gateway ${gateway.ready.url} (${pinned ? 'pinned' : 'not pinned'})`);
      const endpoints: Endpoints = {
        emulatorUrl: emulator.ready.url,
        passthroughUrl: pass.ready.url,
        floorUrl: floor.ready.url,
        gatewayUrl: gateway.ready.url,
        token,
        project,
        model: benchModel,
      };
      const all = [false, true].flatMap((stream) => targets.filter((t) => opts.targets.includes(t)).map((t) => scenario(t, stream, endpoints)));
      for (const s of all) await check(s);
      // Every process JIT-compiles on background threads for its first seconds: warm all targets
      // before any timing, or the first scenario measured pays for it.
      if (opts.warmupSec > 0) {
        log(`warm-up: ${opts.warmupSec} s per scenario`);
        for (const s of all) await runLoad(s, 16, opts.warmupSec);
      }
      if (opts.sections.includes('latency')) {
        for (const stream of [false, true]) {
          const group = all.filter((s) => s.stream === stream);
          log(`sequential ${stream ? 'streaming' : 'non-streaming'}: ${opts.sequentialRequests} requests x ${group.length} targets`);
          const res = await measureSequential(group, opts.sequentialRequests);
          group.forEach((s, i) => (results.sequential[keyOf(s)] = res[i]));
        }
      }
      if (opts.sections.includes('load')) {
        for (const s of all) {
          log(`load ${keyOf(s)}: c=${opts.connections.join(',')}`);
          const rows = [];
          const pid = s.target === 'direct' ? emulator.pid : s.target === 'passthrough' ? pass.pid : s.target === 'floor' ? floor.pid : gateway.pid;
          for (const c of opts.connections) rows.push(await runLoad(s, c, opts.durationSec, pid));
          results.load[keyOf(s)] = rows;
        }
      }
      await gateway.stop();
      await floor.stop();
      await pass.stop();
    }
    if (opts.sections.includes('memory')) {
      const memHome = join(scratch, 'home-memory');
      await mkdir(memHome);
      // Streams that stay open for the whole measurement: 200 slow events each.
      const slow = await startEmulatorChild(opts, memHome, opts.memoryChunkDelayMs, 200, cpu('load'));
      children.push(slow);
      const gw = await startGateway(bin, gatewayEnv(memHome, slow.ready.env), { cpus: cpu('sut') });
      children.push(gw);
      const endpoints: Endpoints = { emulatorUrl: slow.ready.url, passthroughUrl: '', floorUrl: '', gatewayUrl: gw.ready.url, token: '', project: '', model: benchModel };
      log(`memory: ${opts.streams} concurrent streams`);
      results.memory = await measureMemory(gw.pid, scenario('gateway-openai', true, endpoints), opts.streams);
      await gw.stop();
      await slow.stop();
    }
    if (opts.sections.includes('soak')) {
      const soakHome = join(scratch, 'home-soak');
      await mkdir(soakHome);
      // bench-b is refused after every token refresh and bench-c hangs: requests that land on
      // them fail over; streams drip for a few hundred ms so aborts land midway.
      const faulty = await startEmulatorChild(opts, soakHome, 0, 3, cpu('load'), {
        unauthorizedAfterRefresh: [emails[1]!],
        hang: [emails[2]!],
        slowDrip: { events: 20, intervalMs: 15 },
      });
      children.push(faulty);
      // A short upstream timeout makes the hanging account fail over within the request budget.
      const soakEnv = { ...gatewayEnv(soakHome, faulty.ready.env), GATEWAY_UPSTREAM_TIMEOUT_MS: '1000', GATEWAY_REQUEST_BUDGET_MS: '10000' };
      const gw = await startGateway(bin, soakEnv, { cpus: cpu('sut') });
      children.push(gw);
      const e: Endpoints = { emulatorUrl: faulty.ready.url, passthroughUrl: '', floorUrl: '', gatewayUrl: gw.ready.url, token: '', project: '', model: benchModel };
      log(`soak: ${opts.soakSec} s of mixed streams, aborts and failovers at c=${opts.soakConcurrency}`);
      results.soak = await measureSoak(
        gw.pid,
        { stream: scenario('gateway-openai', true, e), json: scenario('gateway-anthropic', false, e), abort: scenario('gateway-anthropic', true, e) },
        opts.soakSec,
        opts.soakConcurrency,
        log,
      );
      await gw.stop();
      await faulty.stop();
    }
    if (opts.sections.includes('cold')) {
      log('cold start: --version and start');
      results.cold = await measureColdStart(bin, env, opts.versionRuns, opts.startRuns);
    }
  } finally {
    for (const c of children.reverse()) await c.stop();
    await rm(scratch, { recursive: true, force: true });
  }
  const table = renderTable(results);
  const body = `${reportHeader(opts, pinned, loadAtStart)}\n\n${table}\n`;
  process.stdout.write(`\n${table}\n\n`);
  // A relative --out is the repository's file; an absolute one is taken as given.
  const out = resolve(repoRoot, opts.out);
  await writeReport(out, body);
  log(`wrote ${out} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  if (opts.profile) {
    const files = (await readdir(profileDir)).filter((f) => f.endsWith('.cpuprofile'));
    for (const f of files) {
      const summary = renderProfile(await summarizeProfile(join(profileDir, f)));
      process.stdout.write(`\nprofile ${join(profileDir, f)}\n\n${summary}\n`);
      await writeReport(join(profileDir, 'profile.md'), summary);
    }
  }
}

let parsed: ReturnType<typeof parseOptions>;
try {
  parsed = parseOptions(process.argv.slice(2), process.env);
} catch (e) {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(2);
}
if (parsed === 'help') {
  process.stdout.write(`${usage}\n`);
} else {
  await mainRun(parsed).catch((e: unknown) => {
    process.stderr.write(`[bench] failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  });
}
