// `gateway accounts list`: the pool's accounts and where each secret is kept (never the secret).
import type { Command } from 'commander';
import type { CliIO } from '../context.js';
import { createTable } from '../create-table.js';

export function register(accounts: Command, io: CliIO): void {
  accounts
    .command('list')
    .description('show the accounts of the pool')
    .option('--json', 'print JSON instead of a table')
    .addHelpText('after', '\nExamples:\n  $ gateway accounts list\n  $ gateway accounts list --json | jq ".[].email"\n')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const [{ readAccounts }, { createOutput }, shared, { stateWord }, { describeStatus }] = await Promise.all([
        import('../../store/accounts-file.js'),
        import('../output.js'),
        import('./accounts-shared.js'),
        import('../state-word.js'),
        import('../describe-status.js'),
      ]);
      const out = createOutput(io);
      const config = await shared.cliConfig(io, cmd);
      const list = await readAccounts(config.home);
      if (opts.json) {
        // Built field by field, so nothing a record may carry in future slips out.
        out.json(
          list.map((a) => ({
            id: a.id,
            email: a.email,
            flavor: a.flavor,
            tier: a.tier ?? null,
            projectId: a.projectId ?? null,
            state: a.state,
            ...(a.disabled ? { disabled: true } : {}),
            ...(a.stateReason ? { stateReason: a.stateReason } : {}),
            ...(a.stateLink ? { stateLink: a.stateLink } : {}),
            ...(a.stateSince ? { stateSince: a.stateSince } : {}),
            secretStore: a.secretBackend ?? null,
            addedAt: a.addedAt,
          })),
        );
        return;
      }
      if (list.length === 0) {
        out.info('No accounts yet. Add one with `gateway accounts add`.');
        return;
      }
      const c = out.color;
      const table = await createTable(['id', 'email', 'flavor', 'tier', 'project', 'state', 'secret'], c);
      for (const a of list) {
        table.push([a.id, a.email, a.flavor, a.tier ?? '-', a.projectId ?? '-', a.disabled ? `${stateWord(a.state, c)} ${c.dim('(disabled by you)')}` : stateWord(a.state, c), shared.describeBackend(a.secretBackend)]);
      }
      out.out(table.toString());
      // What is wrong and what to do, on stdout with the table: the verification link is the point.
      for (const a of list) if (a.state !== 'active') out.out(describeStatus(a, c));
    });
}
