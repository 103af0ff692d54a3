// `gateway limits`: every account's quota per model, fetched from Google now; no server needed.
import type { Command } from 'commander';
import type { CliIO } from '../context.js';

export function register(program: Command, io: CliIO): void {
  program
    .command('limits')
    .description("show each account's remaining quota per model (asks Google; no server needed)")
    .option('--json', 'print JSON instead of a table')
    .addHelpText('after', '\nExamples:\n  $ gateway limits\n  $ gateway limits --json | jq ".accounts[].models"\n')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const [{ createOutput }, shared, { openCliPool }, { renderLimitsTable }, { describeStatus }] = await Promise.all([
        import('../output.js'),
        import('./accounts-shared.js'),
        import('../open-cli-pool.js'),
        import('../render-limits-table.js'),
        import('../describe-status.js'),
      ]);
      const out = createOutput(io);
      const config = await shared.cliConfig(io, cmd);
      const pool = await openCliPool(config);
      try {
        const limits = await pool.limits();
        if (opts.json) out.json(limits);
        else {
          // Only a terminal has a width to keep to; piped output stays one table.
          const width = io.stdout.isTTY ? io.stdout.columns : undefined;
          io.stdout.write(renderLimitsTable(limits, { color: out.color.level > 0, ...(width ? { width } : {}) }));
        }
        for (const a of limits.accounts) {
          if (a.quotaError) out.warn(`${a.email}: could not read the quota (${a.quotaError}).`);
          if (a.state !== 'active') out.info(describeStatus(a, out.errColor));
        }
      } finally {
        await pool.close();
      }
    });
}
