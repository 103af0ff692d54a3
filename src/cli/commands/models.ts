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
    .addHelpText(
      'after',
      '\nEach model lists the names that reach it through config.json "aliases" (defaults included: gpt-*, o*,\ngemini-*-pro, claude-* ...).\n\nExamples:\n  $ gateway models\n  $ gateway models --json | jq ".[] | {id, aliases}"\n',
    )
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const [{ createOutput }, shared, { openCliPool }, { servedAliases }] = await Promise.all([
        import('../output.js'),
        import('./accounts-shared.js'),
        import('../open-cli-pool.js'),
        import('../../pool/resolve-model.js'),
      ]);
      const out = createOutput(io);
      const config = await shared.cliConfig(io, cmd);
      const pool = await openCliPool(config);
      try {
        const models = pool.listModels();
        const aliases = servedAliases(config.aliases, new Set(models.map((m) => m.id)));
        const aliasesOf = (id: string): string[] => aliases.filter((a) => a.model === id).map((a) => a.alias);
        if (opts.json) {
          out.json(models.map((m) => ({ ...m, aliases: aliasesOf(m.id) })));
          return;
        }
        if (models.length === 0) {
          out.info('No models: the pool has no usable account. Add one with `gateway accounts add`.');
          return;
        }
        const table = await createTable(['model', 'name', 'served by', 'also answers to (aliases)'], out.color);
        const width = Math.max(30, (io.stdout.columns ?? 120) - 70);
        for (const m of models) table.push([m.id, m.displayName ?? '-', m.ownedBy, wrapList(aliasesOf(m.id), width) || '-']);
        out.out(table.toString());
        out.out('Add or override aliases in config.json "aliases"; `*` matches any text.');
      } finally {
        await pool.close();
      }
    });
}

/** Comma-separated names, broken into lines of at most `width` characters. */
function wrapList(names: string[], width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const n of names) {
    const next = line ? `${line}, ${n}` : n;
    if (next.length > width && line) {
      lines.push(line + ',');
      line = n;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}
