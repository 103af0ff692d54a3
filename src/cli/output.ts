// The only place the CLI writes to the terminal: results on stdout, progress, warnings and errors
// on stderr; colour only for a terminal, and never when NO_COLOR is set.
import { Chalk, type ChalkInstance } from 'chalk';
import { colorLevel } from './color-level.js';
import type { CliIO } from './context.js';

export interface Spinner {
  update(text: string): void;
  /** Clears the spinner; the caller prints the outcome. */
  stop(): void;
}

export interface Output {
  /** Colours for stdout. */
  color: ChalkInstance;
  /** Colours for stderr. */
  errColor: ChalkInstance;
  out(line: string): void;
  json(value: unknown): void;
  info(line: string): void;
  warn(line: string): void;
  /** One red line: what went wrong, then what to do. */
  error(message: string, hint?: string): void;
  /** A spinner on a terminal; elsewhere each new text is one plain line. */
  spinner(text: string): Promise<Spinner>;
}

export function createOutput(io: CliIO): Output {
  const color = new Chalk({ level: colorLevel(io.env, io.stdout) });
  const errColor = new Chalk({ level: colorLevel(io.env, io.stderr) });
  // A terminal without a size (0×0, as some CI runners and editors report) would make ora redraw
  // forever: spinners only where the terminal says how large it is.
  const size = io.stderr as { columns?: number; rows?: number };
  const interactive = io.stderr.isTTY === true && !io.env.CI && (size.columns ?? 0) > 0 && (size.rows ?? 0) > 0;
  return {
    color,
    errColor,
    out: (line) => void io.stdout.write(line + '\n'),
    json: (value) => void io.stdout.write(JSON.stringify(value, null, 2) + '\n'),
    info: (line) => void io.stderr.write(line + '\n'),
    warn: (line) => void io.stderr.write(errColor.yellow(`warning: ${line}`) + '\n'),
    error: (message, hint) => {
      const text = hint ? `${message} ${hint}` : message;
      io.stderr.write(errColor.red(`error: ${text.replace(/\s*\n\s*/g, ' ')}`) + '\n');
    },
    spinner: async (text) => {
      if (!interactive) {
        let last = text;
        io.stderr.write(`${text}…\n`);
        return {
          update: (t) => {
            if (t !== last) io.stderr.write(`${t}…\n`);
            last = t;
          },
          stop: () => undefined,
        };
      }
      const { default: ora } = await import('ora');
      const spin = ora({ text, stream: io.stderr, discardStdin: false }).start();
      return { update: (t) => void (spin.text = t), stop: () => void spin.stop() };
    },
  };
}
