// `gateway accounts add`: log a Google account in (browser, pasted code, or a refresh token).
import { Option, type Command } from 'commander';
import { DEFAULT_FLAVOR, FLAVORS } from '../../google/flavors.js';
import type { CliIO } from '../context.js';
import { wholeNumber } from '../number-options.js';

export interface AddOptions {
  flavor: string;
  browser: boolean;
  refreshToken?: string;
  port?: number;
  timeout: number;
}

export function register(accounts: Command, io: CliIO): void {
  accounts
    .command('add')
    .description('log in a Google account and add it to the pool')
    .addOption(new Option('--flavor <flavor>', 'which Google client to log in as').choices(FLAVORS).default(DEFAULT_FLAVOR))
    .option('--no-browser', 'print the login URL and paste back the code (for SSH sessions)')
    .option('--refresh-token <token>', 'import a refresh token instead of logging in')
    .option('--port <port>', 'loopback port for the login redirect (default: any free port)', wholeNumber)
    .option('--timeout <seconds>', 'how long to wait for the browser', wholeNumber, 300)
    .addHelpText(
      'after',
      '\nExamples:\n  $ gateway accounts add\n  $ gateway accounts add --flavor gemini-cli --no-browser\n  $ gateway accounts add --refresh-token "1//0g..."\n',
    )
    .action(async (opts: AddOptions, cmd: Command) => {
      const { runAdd } = await import('./accounts-add-run.js');
      await runAdd(opts, cmd, io);
    });
}
