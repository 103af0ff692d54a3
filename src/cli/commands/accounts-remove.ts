// `gateway accounts remove <email|id>`: the metadata and the stored secret.
import type { Command } from 'commander';
import type { CliIO } from '../context.js';

export function register(accounts: Command, io: CliIO): void {
  accounts
    .command('remove')
    .alias('rm')
    .argument('<email|id>', 'the account, by email or by the id `accounts list` shows')
    .description('remove an account and its stored secret (asks first in a terminal)')
    .option('-y, --yes', 'remove without asking')
    .option('--json', 'print what was removed as JSON (does not ask)')
    .addHelpText('after', '\nExamples:\n  $ gateway accounts remove me@gmail.com\n  $ gateway accounts remove me@gmail.com --yes\n')
    .action(async (ref: string, opts: { yes?: boolean; json?: boolean }, cmd: Command) => {
      const [{ readAccounts, updateAccounts }, { openSecretBackend, openSecretStore }, { createOutput }, shared, { CliError }] =
        await Promise.all([
          import('../../store/accounts-file.js'),
          import('../../store/secret-store.js'),
          import('../output.js'),
          import('./accounts-shared.js'),
          import('../cli-error.js'),
        ]);
      const out = createOutput(io);
      const config = await shared.cliConfig(io, cmd);
      const matches = shared.matchAccounts(await readAccounts(config.home), ref);
      if (matches.length === 0) throw new CliError(`No account matches "${ref}".`, 1, 'See `gateway accounts list`.');
      const input = io.stdin ?? process.stdin;
      if (!opts.yes && !opts.json && input.isTTY === true) {
        const { askYesNo } = await import('../ask.js');
        const names = matches.map((a) => `${a.email} (${a.flavor})`).join(', ');
        if (!(await askYesNo(io, `Remove ${names} and its stored login? [y/N] `, false))) {
          out.info('Nothing was removed.');
          return;
        }
      }
      const removed: Array<{ id: string; email: string; flavor: string; secretStore: string }> = [];
      for (const account of matches) {
        // The secret goes first: a failure then leaves the account listed, not an orphaned token.
        const store = account.secretBackend
          ? await openSecretBackend(config.home, account.secretBackend)
          : await openSecretStore({ home: config.home, secretStore: config.secretStore, warn: (l) => out.warn(l) });
        await store.delete(account.id);
        await updateAccounts(config.home, (list) => list.filter((a) => a.id !== account.id));
        removed.push({ id: account.id, email: account.email, flavor: account.flavor, secretStore: store.backend });
        if (opts.json) continue;
        out.out(`${out.color.green('✔')} Removed ${account.email} (${account.flavor}); its secret was deleted from ${shared.describeBackend(store.backend)}.`);
      }
      if (opts.json) out.json(removed);
    });
}
