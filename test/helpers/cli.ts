// The CLI in the test's own process, through main(argv, io): no build and no child process; the
// emulator, the command and the test share one event loop. Output is captured as text, with no
// colour (NO_COLOR) and no spinner (the streams are not terminals unless a test says so).
// The built binary itself is run by the few smoke tests in spawn-cli.ts.
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach } from 'vitest';
import { main } from '../../src/cli/main.js';
import { startEmulator, type Emulator } from '../emulator/server.js';
import { makeTempHome } from './temp-home.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CapturedStream extends PassThrough {
  isTTY?: boolean;
  columns?: number;
  text(): string;
}

/** A writable the CLI prints to; `text()` is everything written so far. */
export function captureStream(opts: { isTTY?: boolean; columns?: number } = {}): CapturedStream {
  const s = new PassThrough() as CapturedStream;
  let text = '';
  s.setEncoding('utf8');
  s.on('data', (d: string) => (text += d));
  if (opts.isTTY !== undefined) s.isTTY = opts.isTTY;
  if (opts.columns !== undefined) s.columns = opts.columns;
  s.text = () => text;
  return s;
}

export interface CliOptions {
  /** What the command reads as its stdin; an open stream the test writes to (`run.stdin`) when left out. */
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout?: CapturedStream;
  stderr?: CapturedStream;
}

export interface CliRun {
  stdout: CapturedStream;
  stderr: CapturedStream;
  /** The command's stdin when the test did not give one: write a pasted answer, then end it. */
  stdin: PassThrough;
  /** Resolves with main's exit code and everything printed. */
  done: Promise<CliResult>;
  /** Resolves with the first match in stderr + stdout; rejects when main ends first. */
  waitFor(pattern: RegExp): Promise<RegExpMatchArray>;
  /** Stops a long-running command (`start`, `run`) the way SIGTERM stops the binary. */
  stop(): void;
}

/** `gateway <args>` with this environment (see cliEnv), running until the test awaits `done`. */
export function startCli(args: string[], env: NodeJS.ProcessEnv, opts: CliOptions = {}): CliRun {
  const stdout = opts.stdout ?? captureStream();
  const stderr = opts.stderr ?? captureStream();
  const stdin = new PassThrough();
  const abort = new AbortController();
  let ended = false;
  const waiters = new Set<() => void>();
  const wake = (): void => {
    for (const w of [...waiters]) w();
  };
  stdout.on('data', wake);
  stderr.on('data', wake);
  const code = main(['node', 'gateway', ...args], { env, stdout, stderr, stdin: opts.stdin ?? stdin, signal: abort.signal });
  const done = code
    .finally(() => {
      ended = true;
      wake();
    })
    .then((c) => ({ code: c, stdout: stdout.text(), stderr: stderr.text() }));
  const waitFor = (pattern: RegExp): Promise<RegExpMatchArray> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        const m = (stderr.text() + stdout.text()).match(pattern);
        if (m) {
          waiters.delete(check);
          resolve(m);
        } else if (ended) {
          waiters.delete(check);
          reject(new Error(`the command ended before ${pattern}:\n${stderr.text()}${stdout.text()}`));
        }
      };
      waiters.add(check);
      check();
    });
  return { stdout, stderr, stdin, done, waitFor, stop: () => abort.abort() };
}

/** `gateway <args>` to its end; `stdin` is the text it reads (none: an empty, closed stdin). */
export async function runCli(args: string[], env: NodeJS.ProcessEnv, stdin: string | CliOptions = ''): Promise<CliResult> {
  const opts = typeof stdin === 'string' ? {} : stdin;
  const run = startCli(args, env, opts);
  if (typeof stdin === 'string') run.stdin.end(stdin);
  else if (opts.stdin === undefined) run.stdin.end();
  return run.done;
}

/** Proxy settings of the developer's shell would send the tests' loopback calls elsewhere. */
const PROXY_VARIABLES = new Set(['HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'ALL_PROXY']);

/** The environment of a test run: nothing of the developer's own GATEWAY_* (or proxy) settings leaks in. */
export function cliEnv(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!k.startsWith('GATEWAY_') && k !== 'FORCE_COLOR' && !PROXY_VARIABLES.has(k.toUpperCase())) env[k] = v;
  }
  return {
    ...env,
    GATEWAY_HOME: home,
    GATEWAY_SECRET_STORE: 'file',
    GATEWAY_BROWSER_CMD: 'none',
    GATEWAY_ONBOARD_POLL_MS: '5',
    NO_COLOR: '1',
    ...extra,
  };
}

/** The non-empty lines of a stream's text. */
export const lines = (text: string): string[] => text.split('\n').filter((l) => l.trim() !== '');

export interface CliHome {
  /** The emulator and temp home of the running test (read them inside a test or hook, not at load). */
  readonly emulator: Emulator;
  readonly home: string;
  /** cliEnv for this home pointed at this emulator, plus any extra variables. */
  env(extra?: Record<string, string>): NodeJS.ProcessEnv;
}

/** Registers the hooks every CLI test file needs: a fresh emulator and temp home per test, both closed afterwards. */
export function useCliHome(): CliHome {
  let emulator: Emulator | undefined;
  let temp: { home: string; cleanup(): Promise<void> } | undefined;
  beforeEach(async () => {
    emulator = await startEmulator();
    temp = await makeTempHome();
  });
  afterEach(async () => {
    await emulator?.close();
    await temp?.cleanup();
  });
  const ctx: CliHome = {
    get emulator(): Emulator {
      if (!emulator) throw new Error('useCliHome: the emulator exists only inside a test');
      return emulator;
    },
    get home(): string {
      if (!temp) throw new Error('useCliHome: the home exists only inside a test');
      return temp.home;
    },
    env: (extra = {}) => cliEnv(ctx.home, { ...ctx.emulator.env, ...extra }),
  };
  return ctx;
}
