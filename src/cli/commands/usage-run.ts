// The work of `gateway usage`, loaded only when it runs: the filters, the ledger read straight from
// usage.db (a running server may be writing it meanwhile: WAL lets both), a table or JSON.
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { loadConfig } from '../../config/load-config.js';
import { LedgerError, ledgerPath, openLedgerDb } from '../../usage/ledger-db.js';
import { parseFilters, UsageFilterError, type UsageFilters } from '../../usage/usage-filters.js';
import { readUsageReport } from '../../usage/usage-ledger.js';
import { createUsageAggregator, type UsageReport } from '../../usage/usage-report.js';
import { CliError } from '../cli-error.js';
import { configFlags } from '../config-flags.js';
import type { CliIO } from '../context.js';
import { createOutput } from '../output.js';
import { renderUsageTable } from '../render-usage-table.js';
import type { UsageOptions } from './usage.js';

async function readReport(home: string, filters: UsageFilters, now: number): Promise<UsageReport | undefined> {
  if (!existsSync(ledgerPath(home))) return undefined;
  let db;
  try {
    db = await openLedgerDb(home);
  } catch (e) {
    if (e instanceof LedgerError) throw new CliError(e.message);
    throw e;
  }
  try {
    return readUsageReport(db, filters, now);
  } finally {
    db.close();
  }
}

export async function runUsage(opts: UsageOptions, cmd: Command, io: CliIO): Promise<void> {
  const out = createOutput(io);
  const config = await loadConfig(io.env, configFlags(cmd));
  const now = Date.now();
  let filters: UsageFilters;
  try {
    filters = parseFilters({ since: opts.since, by: opts.by }, now);
  } catch (e) {
    if (e instanceof UsageFilterError) throw new CliError(`--${e.message}`, 2, 'See `gateway usage --help`.');
    throw e;
  }
  const found = await readReport(config.home, filters, now);
  const report = found ?? createUsageAggregator(filters, now).report();
  if (opts.json) {
    out.json(report);
    return;
  }
  if (found === undefined) {
    const off = config.usageRetentionDays === 0 ? ' The ledger is off (usageRetentionDays is 0).' : '';
    out.info(`No usage recorded yet: ${ledgerPath(config.home)} fills as \`gateway start\` serves requests.${off}`);
    return;
  }
  const width = io.stdout.isTTY ? io.stdout.columns : undefined;
  out.out(await renderUsageTable(report, { color: out.color, ...(width ? { width } : {}), sinceText: opts.since }));
}
