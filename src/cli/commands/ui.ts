// `gateway ui`: opens the running gateway's dashboard in the browser, signed in.
import type { Command } from 'commander';
import type { CliIO } from '../context.js';
import { portNumber } from '../number-options.js';

export interface UiOptions {
  port?: number;
  host?: string;
  /** false with --no-open. */
  open: boolean;
}

export function register(program: Command, io: CliIO): void {
  program
    .command('ui')
    .description('open the dashboard of the running gateway (accounts, live requests, usage) in your browser')
    .option('--port <port>', 'port of the running gateway (default: as `gateway start` would use)', portNumber)
    .option('--host <host>', 'host of the running gateway')
    .option('--no-open', 'only print the URL (with an API key: a link that signs in once, within 5 minutes)')
    .addHelpText(
      'after',
      '\nThe browser is the system default, or GATEWAY_BROWSER_CMD (`none` opens nothing).\n' +
        '\nExamples:\n  $ gateway ui\n  $ gateway ui --port 9000 --no-open\n',
    )
    .action(async (opts: UiOptions, cmd: Command) => {
      const { runUi } = await import('./ui-run.js');
      await runUi(opts, cmd, io);
    });
}
