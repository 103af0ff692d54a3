// `gateway start`: runs the server in the foreground until Ctrl-C / SIGTERM.
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { CliIO } from '../context.js';

export interface StartOptions {
  port?: number;
  host?: string;
  strategy?: string;
  apiKey?: string;
}

const portNumber = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('expected a port number (0-65535).');
  return n;
};

export function register(program: Command, io: CliIO): void {
  program
    .command('start')
    .description('run the gateway server in the foreground (Ctrl-C stops it)')
    .option('--port <port>', 'port to listen on (default 8080, or GATEWAY_PORT)', portNumber)
    .option('--host <host>', 'address to listen on (default 127.0.0.1, or GATEWAY_HOST)')
    // A choice list makes a wrong value a usage error (exit 2) like every other bad flag; the list is
    // spelt out (not imported from config/schema) so that registering commands does not load zod.
    .addOption(new Option('--strategy <strategy>', 'how to pick an account (default quota, or config.json "strategy")').choices(['quota', 'round-robin', 'sticky']))
    .option('--api-key <key>', 'require this key from clients (or GATEWAY_API_KEY)')
    .addHelpText(
      'after',
      '\nExamples:\n  $ gateway start\n  $ gateway start --port 9000 --strategy round-robin\n  $ GATEWAY_API_KEY=secret gateway start --host 0.0.0.0\n' +
        '\nLimits (environment, or the config.json key in parentheses):\n' +
        '  GATEWAY_BODY_MEMORY_BYTES (bodyMemoryBytes)    request bodies held at once, default 256 MiB; then 503\n' +
        '  GATEWAY_REQUEST_BUDGET_MS (requestBudgetMs)    wait for an answer to begin, all attempts, default 90000\n' +
        '  GATEWAY_KEEPALIVE_DELAY_MS (keepAliveDelayMs)  a slow stream gets headers and keep-alives after, default 2500\n' +
        '  GATEWAY_DRAIN_MS (drainMs)                     on Ctrl-C / SIGTERM, time open streams get to finish, default 5000\n',
    )
    .action(async (opts: StartOptions, cmd: Command) => {
      const { runStart } = await import('./start-run.js');
      await runStart(opts, cmd, io);
    });
}
