// Starts and stops the benchmark's child processes: each on its own event loop, optionally pinned
// to a core with taskset so the load generator, the emulator and the process under test do not
// steal each other's CPU.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));

export interface Running<M> {
  pid: number;
  proc: ChildProcess;
  ready: M;
  /** SIGINT (a clean exit, which also writes a --cpu-prof profile), SIGKILL after a grace time. */
  stop(): Promise<void>;
  /** The last lines the child wrote, for error messages. */
  output(): string;
}

export function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Pins this process (all its threads) to the given cpu list. */
export function pinSelf(cpus: string): void {
  execFileSync('taskset', ['-a', '-p', '-c', cpus, String(process.pid)], { stdio: 'ignore' });
}

/** Node with a script and args, behind `taskset -c` when cpus is given (taskset execs, same pid). */
function launch(script: string, args: string[], cpus: string | undefined, env: NodeJS.ProcessEnv, nodeArgs: string[] = []): ChildProcess {
  const argv = [...nodeArgs, script, ...args];
  const stdio: ['ignore', 'pipe', 'pipe', 'ipc'] = ['ignore', 'pipe', 'pipe', 'ipc'];
  return cpus === undefined
    ? spawn(process.execPath, argv, { env, stdio })
    : spawn('taskset', ['-c', cpus, process.execPath, ...argv], { env, stdio });
}

function wrap<M>(proc: ChildProcess, ready: M, tail: () => string): Running<M> {
  return {
    pid: proc.pid!,
    proc,
    ready,
    output: tail,
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
        const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
        proc.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        proc.kill('SIGINT');
      }),
  };
}

function keepTail(proc: ChildProcess): () => string {
  let tail = '';
  const add = (chunk: Buffer): void => {
    tail = (tail + chunk.toString('utf8')).slice(-4000);
  };
  proc.stdout?.on('data', add);
  proc.stderr?.on('data', add);
  return () => tail;
}

/** A bench child script that sends one `{type:'ready'}` IPC message once it serves. */
export async function startScriptChild<M extends { type: 'ready' }>(name: string, args: string[], cpus?: string): Promise<Running<M>> {
  const proc = launch(join(here, name), args, cpus, process.env);
  const tail = keepTail(proc);
  const ready = await new Promise<M>((resolve, reject) => {
    proc.once('message', (m) => resolve(m as M));
    proc.once('exit', (code) => reject(new Error(`${name} exited (${code}) before ready:\n${tail()}`)));
  });
  return wrap(proc, ready, tail);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function healthOk(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(`${url}/health`, { agent: false }, (res) => {
      res.resume();
      resolve((res.statusCode ?? 500) < 500);
    });
    req.on('error', () => resolve(false));
    req.end();
  });
}

export interface GatewayChild {
  url: string;
  /** Milliseconds from spawn until the ready line was printed or /health answered. */
  readyMs: number;
}

// Compiled to .tmp/bench-dist/bench/, three levels below the repository.
export const repoRoot = join(here, '..', '..', '..');
export const defaultGatewayBin = join(repoRoot, 'bin', 'gateway.js');

/** The environment the gateway runs with: our home, the file secret store, the emulator's URLs. */
export function gatewayEnv(home: string, emulatorEnv: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    // No inherited gateway settings, and no proxy between the gateway and the emulator.
    if (k.startsWith('GATEWAY_') || /^(https?|no|all)_proxy$/i.test(k)) continue;
    env[k] = v;
  }
  return { ...env, GATEWAY_HOME: home, GATEWAY_SECRET_STORE: 'file', ...emulatorEnv };
}

/** `gateway start` in its own process; ready when it prints its URL or /health answers. */
export async function startGateway(
  bin: string,
  env: NodeJS.ProcessEnv,
  opts: { cpus?: string | undefined; nodeArgs?: string[] } = {},
): Promise<Running<GatewayChild>> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = process.hrtime.bigint();
  const proc = launch(bin, ['start', '--port', String(port)], opts.cpus, env, opts.nodeArgs);
  const tail = keepTail(proc);
  const readyMs = await new Promise<number>((resolve, reject) => {
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      clearInterval(poll);
      resolve(Number(process.hrtime.bigint() - started) / 1e6);
    };
    proc.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString('utf8').includes(`:${port}`)) finish();
    });
    // Polling is the fallback for a ready line we do not recognise; it costs the child little.
    const poll = setInterval(() => {
      void healthOk(url).then((ok) => ok && finish());
    }, 25);
    proc.once('exit', (code) => {
      clearInterval(poll);
      if (!done) reject(new Error(`gateway exited (${code}) before ready:\n${tail()}`));
    });
  });
  return wrap(proc, { url, readyMs }, tail);
}

/** CPU time (user + system) a process has used so far, in ms; Linux counts it in 10 ms ticks. */
export async function readCpuMs(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const text = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the parenthesised command name; utime and stime are the 14th and 15th overall.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Resident set size now and at its peak (VmRSS, VmHWM) of a process, in MB. */
export async function readRss(pid: number): Promise<{ rssMb: number; peakMb: number }> {
  const { readFile } = await import('node:fs/promises');
  const text = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string): number => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(text)?.[1] ?? 0);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}
