// The CLI's main() in the test process: captured stdout / stderr, an injected environment, and an
// AbortSignal that stops `gateway start` the way SIGTERM would.
import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main.js';

export interface CapturedStream extends PassThrough {
  isTTY?: boolean;
  columns?: number;
  text(): string;
}

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

export interface InProcessRun {
  stdout: CapturedStream;
  stderr: CapturedStream;
  /** Resolves with main's exit code. */
  done: Promise<number>;
  /** Resolves with the first match in stdout + stderr; rejects if main ends first. */
  waitFor(pattern: RegExp): Promise<RegExpMatchArray>;
  stop(): void;
}

export function startMain(
  args: string[],
  env: NodeJS.ProcessEnv,
  opts: { stdin?: NodeJS.ReadableStream & { isTTY?: boolean }; stdout?: CapturedStream; stderr?: CapturedStream } = {},
): InProcessRun {
  const stdout = opts.stdout ?? captureStream();
  const stderr = opts.stderr ?? captureStream();
  const abort = new AbortController();
  let ended = false;
  const done = main(['node', 'gateway', ...args], {
    env,
    stdout,
    stderr,
    signal: abort.signal,
    ...(opts.stdin ? { stdin: opts.stdin } : {}),
  }).finally(() => (ended = true));
  const waitFor = async (pattern: RegExp): Promise<RegExpMatchArray> => {
    for (;;) {
      const m = (stdout.text() + stderr.text()).match(pattern);
      if (m) return m;
      if (ended) throw new Error(`main ended before ${pattern}:\n${stderr.text()}${stdout.text()}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  return { stdout, stderr, done, waitFor, stop: () => abort.abort() };
}

export async function runMain(
  args: string[],
  env: NodeJS.ProcessEnv,
  opts: Parameters<typeof startMain>[2] = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const run = startMain(args, env, opts);
  const code = await run.done;
  return { code, stdout: run.stdout.text(), stderr: run.stderr.text() };
}
