// The built binary (bin/gateway.js → dist/) as a child process, for the few tests whose subject is
// the process itself: the launcher, real signals, what a process reads from its own environment
// (the D-Bus address of the keychain), locks between processes. Everything else runs the CLI
// in-process (cli.ts), which is several times faster and needs no build.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = `${ROOT}bin/gateway.js`;

export interface SpawnedResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface SpawnedCli {
  child: ChildProcessWithoutNullStreams;
  /** Resolves with the first stderr + stdout text that matches; rejects when the process ends first. */
  waitFor(pattern: RegExp): Promise<RegExpMatchArray>;
  done: Promise<SpawnedResult>;
}

export function assertBuilt(): void {
  if (!existsSync(`${ROOT}dist/cli/main.js`)) throw new Error('dist/ is missing: run `npm run build` before the CLI smoke tests.');
}

export function spawnCli(args: string[], env: NodeJS.ProcessEnv): SpawnedCli {
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
  const done = new Promise<SpawnedResult>((resolve) => {
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

/** The built binary to its end, with `stdin` as its input (closed at once when left out). */
export async function runBuiltCli(args: string[], env: NodeJS.ProcessEnv, stdin?: string): Promise<SpawnedResult> {
  const run = spawnCli(args, env);
  run.child.stdin.end(stdin);
  return run.done;
}
