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
        '  $ GATEWAY_ANTIGRAVITY_VERSION=2.10.0 gateway start   # when Google refuses the version claimed\n' +
        '\nThe Antigravity version claimed to Google: GATEWAY_ANTIGRAVITY_VERSION pins it; otherwise Antigravity\'s\n' +
        'updater feed (GATEWAY_ANTIGRAVITY_VERSION_URL), a local install (GATEWAY_ANTIGRAVITY_APP_PATHS) or a\n' +
        'built-in floor. Output caps: GATEWAY_GEMINI_MAX_OUTPUT_TOKENS (16384), GATEWAY_CLAUDE_MAX_OUTPUT_TOKENS (64000).\n',
    )
    .action(async (opts: StartOptions, cmd: Command) => {
      const { runStart } = await import('./start-run.js');
      await runStart(opts, cmd, io);
    });
}
