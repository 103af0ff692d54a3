// The ledger on a real usage.db in a temp folder: batches, reopening, retention, and the ways it
// degrades (a home it cannot write, a schema from a newer gateway) without stopping anything.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'libsql';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../log/logger.js';
import { LedgerError, ledgerPath, openLedgerDb } from './ledger-db.js';
import { MIGRATIONS } from './ledger-schema.js';
import type { RequestRecord } from './request-record.js';
import { createUsageLedger, openUsageLedger, readUsageReport } from './usage-ledger.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 5, 1, 12);

const rec = (id: string, over: Partial<RequestRecord> = {}): RequestRecord => ({
  id, at: NOW - 1000, dialect: 'openai-chat', route: 'POST /v1/chat/completions', modelAsked: 'gemini-3-flash', modelServed: 'gemini-3-flash',
  account: 'a@example.com', flavor: 'antigravity', strategy: 'quota', attempts: 1, failovers: 0, status: 200, inputTokens: 10, outputTokens: 5,
  thinkingTokens: 0, cachedTokens: 0, latencyMs: 20, ttfbMs: 5, streamed: true, costUsd: 0.00002, ...over,
});

const count = (home: string): number => {
  const db = new Database(ledgerPath(home));
  try {
    return (db.prepare('SELECT count(*) FROM requests').raw(true).get() as number[])[0]!;
  } finally {
    db.close();
  }
};

let home: string;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'gateway-ledger-'));
});
afterEach(() => rm(home, { recursive: true, force: true }));

describe('usage ledger', () => {
  it('writes nothing on the request path: records wait for flush (or its timer), then survive a reopen', async () => {
    const ledger = createUsageLedger(await openLedgerDb(home), { home, retentionDays: 90, now: () => NOW, flushIntervalMs: 60_000 });
    ledger.add(rec('r1'));
    ledger.add(rec('r2', { status: 429, errorKind: 'rate_limited', keyLabel: 'default', client: 'codex' }));
    expect(count(home)).toBe(0);
    ledger.flush();
    expect(count(home)).toBe(2);
    ledger.add(rec('r3'));
    ledger.close();
    const again = createUsageLedger(await openLedgerDb(home), { home, retentionDays: 90, now: () => NOW });
    expect(again.report({ since: NOW - DAY, by: 'key' }).groups.map((g) => [g.key, g.requests])).toEqual([['(no key)', 2], ['default', 1]]);
    again.close();
  });

  it('writes a batch by itself once the timer fires', async () => {
    const ledger = createUsageLedger(await openLedgerDb(home), { home, retentionDays: 90, flushIntervalMs: 0 });
    ledger.add(rec('r1'));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(count(home)).toBe(1);
    ledger.close();
  });

  it('round-trips every field a report reads, and report() includes what is still queued', async () => {
    const ledger = createUsageLedger(await openLedgerDb(home), { home, retentionDays: 90, now: () => NOW });
    ledger.add(rec('r1', { thinkingTokens: 3, cachedTokens: 4, failovers: 1, streamed: false, costUsd: undefined, modelServed: undefined }));
    const r = ledger.report({ since: NOW - DAY, by: 'model' });
    expect(r.totals).toMatchObject({ requests: 1, failedOver: 1, streamed: 0, inputTokens: 10, outputTokens: 5, thinkingTokens: 3, cachedTokens: 4, costUsd: 0, latencyP50Ms: 20 });
    expect(r.groups[0]?.key).toBe('gemini-3-flash');
    ledger.close();
  });

  it('prunes requests older than the retention, at open and when asked', async () => {
    let now = NOW;
    const first = createUsageLedger(await openLedgerDb(home), { home, retentionDays: 30, now: () => now });
    first.add(rec('old', { at: NOW - 31 * DAY }));
    first.add(rec('recent', { at: NOW - 29 * DAY }));
    first.flush();
    expect(first.prune()).toBe(1);
    now = NOW + 2 * DAY;
    first.close();
    // The next start prunes what aged past the retention meanwhile.
    const second = createUsageLedger(await openLedgerDb(home), { home, retentionDays: 30, now: () => now });
    expect(count(home)).toBe(0);
    second.close();
  });

  it('reads with a second connection while the first writes (WAL)', async () => {
    const writer = createUsageLedger(await openLedgerDb(home), { home, retentionDays: 90 });
    writer.add(rec('r1'));
    writer.flush();
    const reader = await openLedgerDb(home, { mustExist: true });
    expect(readUsageReport(reader, { since: 0 }, Date.now()).totals.requests).toBe(1);
    writer.add(rec('r2'));
    writer.flush();
    expect(readUsageReport(reader, { since: 0 }, Date.now()).totals.requests).toBe(2);
    reader.close();
    writer.close();
  });

  it('drops a batch it cannot write, warns once, and keeps going', async () => {
    const lines: string[] = [];
    const db = await openLedgerDb(home);
    const ledger = createUsageLedger(db, { home, retentionDays: 90, log: createLogger({ write: (l) => lines.push(l) }) });
    db.close();
    ledger.add(rec('r1'));
    expect(() => ledger.flush()).not.toThrow();
    ledger.add(rec('r2'));
    ledger.flush();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/WARN\s+usage ledger write failed; requests are served but not recorded .* dropped=1/);
  });

  it('is off, quietly, when the retention is 0', async () => {
    const lines: string[] = [];
    expect(await openUsageLedger({ home, retentionDays: 0, log: createLogger({ write: (l) => lines.push(l) }) })).toBeUndefined();
    expect(lines).toEqual([]);
  });

  it('warns and lets the gateway go on when usage.db cannot be opened', async () => {
    const file = join(home, 'not-a-folder');
    await writeFile(file, 'x');
    const lines: string[] = [];
    expect(await openUsageLedger({ home: file, retentionDays: 90, log: createLogger({ write: (l) => lines.push(l) }) })).toBeUndefined();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/WARN\s+usage ledger unavailable; requests are served but not recorded/);
    expect(lines[0]).toContain(file);
  });

  it('refuses a database from a newer gateway instead of guessing at its tables', async () => {
    (await openLedgerDb(home)).close();
    const db = new Database(ledgerPath(home));
    db.exec(`PRAGMA user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    await expect(openLedgerDb(home)).rejects.toThrow(LedgerError);
    await expect(openLedgerDb(home)).rejects.toThrow(/newer gateway .* update the gateway/);
  });

  it('says there is nothing yet when asked to read a ledger that was never written', async () => {
    await expect(openLedgerDb(home, { mustExist: true })).rejects.toThrow(/No usage recorded yet/);
  });
});

describe('usage ledger under load: the writer thread', () => {
  const ids = (h: string): string[] => {
    const db = new Database(ledgerPath(h));
    try {
      return (db.prepare('SELECT request_id FROM requests ORDER BY seq').raw(true).all() as string[][]).map((r) => r[0]!);
    } finally {
      db.close();
    }
  };

  it('writes big batches on a worker thread; flush(), report() and close() return once the rows are in, in order', async () => {
    const ledger = createUsageLedger(await openLedgerDb(home), { home, retentionDays: 90, now: () => NOW, flushIntervalMs: 60_000, workerBatch: 2 });
    ledger.add(rec('r1'));
    ledger.add(rec('r2'));
    ledger.add(rec('r3'));
    ledger.flush();
    expect(ids(home)).toEqual(['r1', 'r2', 'r3']);
    // Once the thread runs, small batches go to it too, behind the big ones.
    ledger.add(rec('r4'));
    ledger.flush();
    expect(ids(home)).toEqual(['r1', 'r2', 'r3', 'r4']);
    ledger.add(rec('r5', { keyLabel: 'default' }));
    expect(ledger.report({ since: NOW - DAY, by: 'key' }).groups.map((g) => [g.key, g.requests])).toEqual([['(no key)', 4], ['default', 1]]);
    ledger.add(rec('r6'));
    ledger.add(rec('r7'));
    ledger.close();
    expect(ids(home)).toEqual(['r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7']);
  });

  it('writes a batch of many rows (several to a statement) whole and in order, every field kept', async () => {
    const ledger = createUsageLedger(await openLedgerDb(home), { home, retentionDays: 90, now: () => NOW, flushIntervalMs: 60_000 });
    const want = Array.from({ length: 70 }, (_, i) => `r${i}`);
    for (const id of want) ledger.add(rec(id, id === 'r69' ? { costUsd: undefined, errorKind: 'timeout', status: 504 } : {}));
    ledger.flush();
    expect(ids(home)).toEqual(want);
    const report = ledger.report({ since: NOW - DAY, by: 'model' });
    expect(report.totals).toMatchObject({ requests: 70, errors: 1, inputTokens: 700, outputTokens: 350 });
    ledger.close();
  });

  it('a batch the timer handed to the thread is in usage.db once close() returns', async () => {
    const ledger = createUsageLedger(await openLedgerDb(home), { home, retentionDays: 90, flushIntervalMs: 0, workerBatch: 1 });
    ledger.add(rec('r1'));
    ledger.add(rec('r2'));
    await new Promise((resolve) => setTimeout(resolve, 0));
    ledger.close();
    expect(ids(home)).toEqual(['r1', 'r2']);
  });

  it('drops a batch the thread cannot write, warns once, and says so when it writes again', async () => {
    const lines: string[] = [];
    const ledger = createUsageLedger(await openLedgerDb(home), { home, retentionDays: 90, workerBatch: 1, log: createLogger({ write: (l) => lines.push(l) }) });
    ledger.add(rec('r1'));
    ledger.flush();
    const other = new Database(ledgerPath(home));
    other.exec('ALTER TABLE requests RENAME TO kept');
    ledger.add(rec('r2'));
    ledger.add(rec('r3'));
    expect(() => ledger.flush()).not.toThrow();
    ledger.add(rec('r4'));
    ledger.flush();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/WARN\s+usage ledger write failed; requests are served but not recorded .* dropped=2/);
    other.exec('ALTER TABLE kept RENAME TO requests');
    other.close();
    ledger.add(rec('r5'));
    ledger.flush();
    expect(lines[1]).toMatch(/INFO\s+usage ledger writes again/);
    ledger.close();
    expect(ids(home)).toEqual(['r1', 'r5']);
  });
});
