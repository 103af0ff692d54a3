// `gateway usage`: what the gateway served, from the usage ledger in the gateway home; no server needed.
import { Option, type Command } from 'commander';
import { GROUPINGS } from '../../usage/usage-filters.js';
import type { CliIO } from '../context.js';

export interface UsageOptions {
  since?: string;
  by?: string;
  json?: boolean;
}

export function register(program: Command, io: CliIO): void {
  program
    .command('usage')
    .description('requests, tokens, failovers, errors, latency and the paid-API cost equivalent (reads the ledger; no server needed)')
    .option('--since <when>', 'how far back: 90m, 24h, 7d, 30d, or a date like 2026-01-31 (default 7d)')
    // usage-filters.ts imports nothing: registering the command stays cheap.
    .addOption(new Option('--by <group>', 'one row per day, model, account, client or key').choices(GROUPINGS))
    .option('--json', 'print the report as JSON (the same as GET /usage)')
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  $ gateway usage',
        '  $ gateway usage --since 24h --by model',
        '  $ gateway usage --since 30d --by day',
        '  $ gateway usage --since 2026-01-01 --by account --json',
        '',
        'The ledger is usage.db in the gateway home. It keeps 90 days by default: set "usageRetentionDays"',
        'in config.json or GATEWAY_USAGE_RETENTION_DAYS (0 records nothing). Costs are what the tokens would',
        'cost at the providers\' list prices; config.json "prices" overrides them.',
        'A running server answers the same report at GET /usage?since=7d&by=model.',
        '',
      ].join('\n'),
    )
    .action(async (opts: UsageOptions, cmd: Command) => {
      const { runUsage } = await import('./usage-run.js');
      await runUsage(opts, cmd, io);
    });
}
