// `gateway accounts verify`: refresh every account's token and ask Google again whether it serves
// each account; the answer replaces the marks (needs login, needs verification, banned, ...).
import type { Command } from 'commander';
import type { CliIO } from '../context.js';

export function register(accounts: Command, io: CliIO): void {
  accounts
    .command('verify')
    .description("refresh every account's token, ask Google whether it serves each one, and update the marks")
    .option('--json', "print each account's verdict as JSON")
    .addHelpText(
      'after',
      [
        '',
        'Run it after you verified an account at the link Google gave (accounts list, limits and doctor',
        'show it): an account Google serves again is used again, by a running gateway too. An account that',
        'had no project is set up again. Exit code 1 when some account still needs you.',
        '',
        'Example:',
        '  $ gateway accounts verify',
        '  $ gateway accounts verify --json | jq ".[] | select(.ok | not)"',
        '',
      ].join('\n'),
    )
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const { runVerify } = await import('./accounts-verify-run.js');
      await runVerify(cmd, io, opts);
    });
}
