// `gateway usage` in-process (main(argv, io)) against a ledger in a temp home: no server running.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { openLedgerDb } from '../../src/usage/ledger-db.js';
import type { RequestRecord } from '../../src/usage/request-record.js';
import { createUsageLedger } from '../../src/usage/usage-ledger.js';
import type { UsageReport } from '../../src/usage/usage-report.js';
import { makeTempHome } from '../helpers/temp-home.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let temp: { home: string; cleanup(): Promise<void> };
beforeEach(async () => {
  temp = await makeTempHome();
});
afterEach(() => temp.cleanup());

async function usage(...args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'gateway', 'usage', ...args], {
    env: { GATEWAY_HOME: temp.home, NO_COLOR: '1' },
    stdout: { write: (s: string) => ((stdout += s), true) } as unknown as NodeJS.WritableStream,
    stderr: { write: (s: string) => ((stderr += s), true) } as unknown as NodeJS.WritableStream,
  });
  return { code, stdout, stderr };
}

const rec = (id: string, over: Partial<RequestRecord> = {}): RequestRecord => ({
  id, at: Date.now() - 60_000, dialect: 'anthropic', route: 'POST /v1/messages', modelAsked: 'claude-sonnet-4-5', modelServed: 'claude-sonnet-4-6',
  account: 'alice@example.com', strategy: 'quota', attempts: 1, failovers: 0, status: 200, inputTokens: 1000, outputTokens: 100,
  thinkingTokens: 0, cachedTokens: 0, latencyMs: 900, streamed: true, costUsd: 0.0045, client: 'claude-code', ...over,
});

async function seed(records: RequestRecord[]): Promise<void> {
  const ledger = createUsageLedger(await openLedgerDb(temp.home), { home: temp.home, retentionDays: 90 });
  for (const r of records) ledger.add(r);
  ledger.close();
}

describe('gateway usage', () => {
  it('says there is nothing yet before the first request, and --json gives an empty report', async () => {
    const none = await usage();
    expect(none).toMatchObject({ code: 0, stdout: '' });
    expect(none.stderr).toMatch(/No usage recorded yet: .*usage\.db fills as `gateway start` serves requests/);
    const json = await usage('--json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ by: null, totals: { requests: 0 }, groups: [] });
  });

  it('prints a table per client with totals, rates and the cost', async () => {
    await seed([
      rec('a'),
      rec('b', { client: 'codex', dialect: 'openai-responses', status: 429, errorKind: 'rate_limited', costUsd: undefined }),
      rec('c', { failovers: 1, at: Date.now() - 10 * 86_400_000 }),
    ]);
    const run = await usage('--by', 'client');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage since .* \(7d\), by client\n/);
    expect(run.stdout).toMatch(/│ claude-code\s+│ 1\s+│ 0%\s+│ 0%\s+│ 1k\s+│ 100\s+│/);
    expect(run.stdout).toMatch(/│ codex\s+│ 1\s+│ 100%/);
    expect(run.stdout).toMatch(/│ total\s+│ 2\s+│ 50%\s+│ 0%\s+│ 2k .*│ <\$0\.01 │/);
    // The request 10 days ago counts once the window reaches back that far.
    const month = JSON.parse((await usage('--since', '30d', '--json')).stdout) as UsageReport;
    expect(month.totals).toMatchObject({ requests: 3, failedOver: 1, errors: 1 });
  });

  it('refuses a bad --since as a usage error that says what it takes', async () => {
    const run = await usage('--since', 'last week');
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('error: --since must be a duration like 24h, 7d or 30d, or a date like 2026-01-31; got "last week". See `gateway usage --help`.\n');
    expect((await usage('--by', 'week')).code).toBe(2);
  });

  it('has --help with examples and the retention knob', async () => {
    const run = await usage('--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('$ gateway usage --since 24h --by model');
    expect(run.stdout).toContain('GATEWAY_USAGE_RETENTION_DAYS');
  });
});
