// Runs the built CLI (bin/gateway.js → dist/) as a child process against a temp home and the
// emulator, with the file secret store and no browser.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, beforeEach } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/server.js';
import { makeTempHome } from './temp-home.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = `${ROOT}bin/gateway.js`;

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliRun {
  child: ChildProcessWithoutNullStreams;
  /** Resolves with the first stderr/stdout text that matches, or rejects when the process ends first. */
  waitFor(pattern: RegExp): Promise<RegExpMatchArray>;
  done: Promise<CliResult>;
}

export function assertBuilt(): void {
  if (!existsSync(`${ROOT}dist/cli/main.js`)) throw new Error('dist/ is missing: run `npm run build` before the CLI tests.');
}

/** The environment of a test run: nothing of the developer's own GATEWAY_* settings leaks in. */
export function cliEnv(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('GATEWAY_') && k !== 'FORCE_COLOR') env[k] = v;
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

export function startCli(args: string[], env: NodeJS.ProcessEnv): CliRun {
  const child = spawn(process.execPath, [BIN, ...args], { env, cwd: ROOT });
  let stdout = '';
  let stderr = '';
  const waiters: { pattern: RegExp; resolve: (m: RegExpMatchArray) => void; reject: (e: Error) => void }[] = [];
  const check = (): void => {
    for (const w of [...waiters]) {
      const m = (stderr + stdout).match(w.pattern);
      if (m) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(m);
      }
    }
  };
  child.stdout.setEncoding('utf8').on('data', (d: string) => ((stdout += d), check()));
  child.stderr.setEncoding('utf8').on('data', (d: string) => ((stderr += d), check()));
  const done = new Promise<CliResult>((resolve) => {
    child.on('close', (code) => {
      for (const w of waiters.splice(0)) w.reject(new Error(`CLI ended (code ${code}) before ${w.pattern}:\n${stderr}${stdout}`));
      resolve({ code, stdout, stderr });
    });
  });
  return {
    child,
    done,
    waitFor: (pattern) =>
      new Promise((resolve, reject) => {
        waiters.push({ pattern, resolve, reject });
        check();
      }),
  };
}

export async function runCli(args: string[], env: NodeJS.ProcessEnv, stdin?: string): Promise<CliResult> {
  const run = startCli(args, env);
  if (stdin !== undefined) run.child.stdin.end(stdin);
  else run.child.stdin.end();
  return run.done;
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

/**
 * Registers the hooks every CLI test file needs: a fresh emulator and temp home per test, both
 * closed afterwards. `requireBuilt: false` leaves the dist/ check to the test (one that may skip first).
 */
export function useCliHome(opts: { requireBuilt?: boolean } = {}): CliHome {
  let emulator: Emulator | undefined;
  let temp: { home: string; cleanup(): Promise<void> } | undefined;
  if (opts.requireBuilt !== false) beforeAll(() => assertBuilt());
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
