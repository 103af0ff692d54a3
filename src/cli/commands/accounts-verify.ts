// `gateway accounts verify`: refresh every account's token; mark the ones that need a new login.
import type { Command } from 'commander';
import type { CliIO } from '../context.js';

export function register(accounts: Command, io: CliIO): void {
  accounts
    .command('verify')
    .description("refresh every account's token and report which need a new login")
    .option('--json', 'print each account\'s verdict as JSON')
    .addHelpText('after', '\nExamples:\n  $ gateway accounts verify\n  $ gateway accounts verify --json | jq ".[] | select(.ok | not)"\n')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const { runVerify } = await import('./accounts-verify-run.js');
      await runVerify(cmd, io, opts);
    });
}
