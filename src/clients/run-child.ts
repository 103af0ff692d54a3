// Runs a client in the foreground: the terminal is its (stdio inherited), signals sent to us reach
// it, and its exit code becomes ours (128 + the signal's number when a signal ended it, as shells do).
import { spawn } from 'node:child_process';
import { constants } from 'node:os';

const FORWARDED: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'];

/** Ctrl-C and Ctrl-\ in a terminal already reach the whole foreground group, the client included. */
const FROM_TERMINAL = new Set<NodeJS.Signals>(['SIGINT', 'SIGQUIT']);

function exitCodeOf(code: number | null, signal: NodeJS.Signals | null): number {
  if (code !== null) return code;
  const n = signal ? constants.signals[signal] : undefined;
  return n === undefined ? 1 : 128 + n;
}

export function runChild(command: string, args: string[], env: NodeJS.ProcessEnv, interactive: boolean): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', env });
    const handlers = new Map<NodeJS.Signals, () => void>();
    for (const sig of FORWARDED) {
      // Forwarding a terminal's Ctrl-C would deliver it twice, and twice means "quit" to Claude
      // Code; it is only ignored here so that we outlive the client and report its exit code.
      const handler = (): void => {
        if (!(interactive && FROM_TERMINAL.has(sig))) child.kill(sig);
      };
      handlers.set(sig, handler);
      process.on(sig, handler);
    }
    const done = (): void => {
      for (const [sig, h] of handlers) process.off(sig, h);
    };
    child.once('error', (e) => {
      done();
      reject(e);
    });
    child.once('exit', (code, signal) => {
      done();
      resolve(exitCodeOf(code, signal));
    });
  });
}
