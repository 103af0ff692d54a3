// `gateway models`: the models the pool can serve (the union of the accounts' catalogs) and the
// aliases that lead to them.
import type { Command } from 'commander';
import type { CliIO } from '../context.js';
import { createTable } from '../create-table.js';

export function register(program: Command, io: CliIO): void {
  program
    .command('models')
    .description('list the models the pool serves, and the aliases clients may use')
    .option('--json', 'print JSON instead of a table')
    .addHelpText('after', '\nExamples:\n  $ gateway models\n  $ gateway models --json | jq ".[].id"\n')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const [{ createOutput }, shared, { openCliPool }] = await Promise.all([
        import('../output.js'),
        import('./accounts-shared.js'),
        import('../../pool/open-cli-pool.js'),
      ]);
      const out = createOutput(io);
      const config = await shared.cliConfig(io, cmd);
      const pool = await openCliPool(config);
      try {
        const models = pool.listModels();
        if (opts.json) {
          out.json(models);
          return;
        }
        if (models.length === 0) {
          out.info('No models: the pool has no usable account. Add one with `gateway accounts add`.');
          return;
        }
        const table = await createTable(['model', 'name', 'served by'], out.color);
        for (const m of models) table.push([m.id, m.displayName ?? '-', m.ownedBy]);
        out.out(table.toString());
        const ids = new Set(models.map((m) => m.id));
        const aliases = Object.entries(config.aliases).filter(([, target]) => ids.has(target));
        if (aliases.length > 0) {
          out.out('\nAliases (config.json "aliases"):');
          for (const [from, to] of aliases.sort(([a], [b]) => a.localeCompare(b))) out.out(`  ${from} → ${to}`);
        }
      } finally {
        await pool.close();
      }
    });
}
