// `gateway status`: asks a running server for /health.
import type { Command } from 'commander';
import type { CliIO } from '../context.js';
import { portNumber } from '../number-options.js';

interface StatusOptions {
  port?: number;
  host?: string;
  json?: boolean;
  apiKey?: string;
}

export function register(program: Command, io: CliIO): void {
  program
    .command('status')
    .description('ask a running gateway how it is doing (GET /health)')
    .option('--port <port>', 'port of the running gateway (default: as `gateway start` would use)', portNumber)
    .option('--host <host>', 'host of the running gateway')
    .option('--json', 'print the /health answer as JSON')
    .option('--api-key <key>', 'the key the gateway was started with (default: GATEWAY_API_KEY, config.json, the tunnel key)')
    .addHelpText(
      'after',
      '\nExits 1 when no gateway answers, and when it has no usable account.\n\nExamples:\n  $ gateway status\n  $ gateway status --port 9000 --json\n',
    )
    .action(async (opts: StatusOptions, cmd: Command) => {
      const { runStatus } = await import('./status-run.js');
      await runStatus(opts, cmd, io);
    });
}

export type { StatusOptions };
