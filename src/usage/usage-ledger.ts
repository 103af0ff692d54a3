// The usage ledger: finished requests are queued in memory and written to usage.db in batches, off
// the request path (a timer, or at once past MAX_BATCH); batches of a busy gateway are written by a
// worker thread, so the event loop only queues; rows older than the retention are pruned hourly.
// If the database cannot be opened the gateway warns once and serves without recording.
import { silentLogger, type Logger } from '../log/logger.js';
import { LedgerError, ledgerPath, openLedgerDb, type LedgerDb } from './ledger-db.js';
import { COLUMNS } from './ledger-schema.js';
import { startLedgerWorker, type BatchOutcome, type LedgerWorker } from './ledger-worker.js';
import type { RequestRecord } from './request-record.js';
import type { UsageFilters } from './usage-filters.js';
import { createUsageAggregator, type UsageReport, type UsageReports, type UsageRow } from './usage-report.js';

const DEFAULT_FLUSH_INTERVAL_MS = 1000;
const PRUNE_INTERVAL_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** A batch this large is written at the next turn of the event loop instead of waiting for the timer. */
const MAX_BATCH = 500;
/**
 * A batch this large (a gateway under load) goes to the writer thread, started then; smaller ones,
 * what one developer's clients make, are written in place and need no thread.
 */
const DEFAULT_WORKER_BATCH = 64;

export interface UsageLedger extends UsageReports {
  readonly path: string;
  /** Queues a finished request; it is written with the next batch. */
  add(r: RequestRecord): void;
  /** Writes the queued requests now; returns once they are in usage.db (the writer thread's too). */
  flush(): void;
  /** Deletes requests older than the retention; returns how many went. */
  prune(): number;
  /** Writes what is queued and closes the database. */
  close(): void;
}

export interface UsageLedgerOptions {
  home: string;
  /** Days requests are kept (at least 1). */
  retentionDays: number;
  log?: Logger;
  /** How long a finished request may wait in memory before its batch is written (default 1 s). */
  flushIntervalMs?: number;
  /** ms since the epoch; injected so retention tests are exact. */
  now?: () => number;
  /** Batches of at least this many requests are written by a worker thread (default 64; Infinity: never). */
  workerBatch?: number;
}

const ROW = `(${COLUMNS.map(() => '?').join(', ')})`;
const INSERT = `INSERT INTO requests (${COLUMNS.join(', ')}) VALUES ${ROW}`;
const MANY = 32;
const INSERTS = {
  insert: INSERT,
  insertMany: `INSERT INTO requests (${COLUMNS.join(', ')}) VALUES ${Array<string>(MANY).fill(ROW).join(', ')}`,
  many: MANY,
  columns: COLUMNS.length,
};

const SELECT_ROWS = `SELECT at, dialect, key_label, client, model_asked, model_served, account, failovers, status, error_kind,
  input_tokens, output_tokens, thinking_tokens, cached_tokens, latency_ms, streamed, cost_usd
  FROM requests WHERE at >= ? AND at <= ?`;

/** Appends a record's values to `out`, in the order of COLUMNS. */
function appendRow(out: unknown[], r: RequestRecord): void {
  out.push(
    r.at,
    r.id,
    r.dialect,
    r.route,
    r.keyLabel ?? null,
    r.client ?? null,
    r.modelAsked,
    r.modelServed ?? null,
    r.account ?? null,
    r.flavor ?? null,
    r.strategy,
    r.attempts,
    r.failovers,
    r.status,
    r.errorKind ?? null,
    r.inputTokens,
    r.outputTokens,
    r.thinkingTokens,
    r.cachedTokens,
    r.latencyMs,
    r.ttfbMs ?? null,
    r.streamed ? 1 : 0,
    r.costUsd ?? null,
  );
}

function rowValues(r: RequestRecord): unknown[] {
  const values: unknown[] = [];
  appendRow(values, r);
  return values;
}

const opt = <T>(v: unknown): T | undefined => (v === null ? undefined : (v as T));

/** The report of the requests in `[filters.since, until]`, read row by row (no copy of the table in memory). */
export function readUsageReport(db: LedgerDb, filters: UsageFilters, until: number): UsageReport {
  const agg = createUsageAggregator(filters, until);
  // One object refilled per row: the aggregator copies what it keeps.
  const row: UsageRow = {
    at: 0, dialect: '', modelAsked: '', failovers: 0, status: 0, inputTokens: 0, outputTokens: 0,
    thinkingTokens: 0, cachedTokens: 0, latencyMs: 0, streamed: false,
  };
  for (const v of db.prepare(SELECT_ROWS).raw(true).iterate(filters.since, until) as Iterable<unknown[]>) {
    row.at = v[0] as number;
    row.dialect = v[1] as string;
    row.keyLabel = opt(v[2]);
    row.client = opt(v[3]);
    row.modelAsked = v[4] as string;
    row.modelServed = opt(v[5]);
    row.account = opt(v[6]);
    row.failovers = v[7] as number;
    row.status = v[8] as number;
    row.errorKind = opt(v[9]);
    row.inputTokens = v[10] as number;
    row.outputTokens = v[11] as number;
    row.thinkingTokens = v[12] as number;
    row.cachedTokens = v[13] as number;
    row.latencyMs = v[14] as number;
    row.streamed = v[15] === 1;
    row.costUsd = opt(v[16]);
    agg.add(row);
  }
  return agg.report();
}

/** @internal */
export function createUsageLedger(db: LedgerDb, options: UsageLedgerOptions): UsageLedger {
  const log = options.log ?? silentLogger;
  const now = options.now ?? Date.now;
  const interval = options.flushIntervalMs ?? DEFAULT_FLUSH_INTERVAL_MS;
  const retentionMs = Math.max(1, options.retentionDays) * DAY_MS;
  const insert = db.prepare(INSERT);
  const insertAll = db.transaction((batch: readonly RequestRecord[]) => {
    for (const r of batch) insert.run(rowValues(r));
  });
  const path = ledgerPath(options.home);
  let workerBatch = options.workerBatch ?? DEFAULT_WORKER_BATCH;
  let worker: LedgerWorker | undefined;
  let pending: RequestRecord[] = [];
  let timer: NodeJS.Timeout | undefined;
  let soon: NodeJS.Immediate | undefined;
  let failing = false;
  let closed = false;

  const wrote = (): void => {
    if (failing) log.info('usage ledger writes again', { path });
    failing = false;
  };
  // A full disk or a locked file must not grow memory or stop serving: the batch is dropped.
  const dropped = (error: string, count: number): void => {
    if (!failing) log.warn('usage ledger write failed; requests are served but not recorded until it works again', { path, error, dropped: count });
    failing = true;
  };
  const outcome = (o: BatchOutcome): void => ('error' in o ? dropped(o.error, o.dropped) : wrote());

  const startWorker = (): LedgerWorker | undefined => {
    try {
      return startLedgerWorker(path, INSERTS, outcome);
    } catch (e) {
      // Written in place from now on, as a quiet gateway's are.
      log.debug('usage ledger writer thread unavailable; writing on the main thread', { error: (e as Error).message });
      workerBatch = Infinity;
      return undefined;
    }
  };

  /** Hands the queued requests to the writer thread (without waiting), or writes them here. */
  const send = (): void => {
    clearTimeout(timer);
    timer = undefined;
    if (soon !== undefined) clearImmediate(soon);
    soon = undefined;
    if (pending.length === 0 || closed) return;
    const batch = pending;
    pending = [];
    // Once started, every batch goes to the thread, so rows keep their order.
    if (worker === undefined && batch.length >= workerBatch) worker = startWorker();
    if (worker !== undefined) {
      const values: unknown[] = [];
      for (const r of batch) appendRow(values, r);
      worker.write(values);
      return;
    }
    try {
      insertAll(batch);
      wrote();
    } catch (e) {
      dropped((e as Error).message, batch.length);
    }
  };

  const flush = (): void => {
    send();
    worker?.sync();
  };

  const prune = (): number => {
    if (closed) return 0;
    try {
      return Number(db.prepare('DELETE FROM requests WHERE at < ?').run(now() - retentionMs).changes);
    } catch (e) {
      log.warn('usage ledger prune failed', { error: (e as Error).message });
      return 0;
    }
  };
  prune();
  const pruner = setInterval(prune, PRUNE_INTERVAL_MS);
  pruner.unref();

  return {
    path: ledgerPath(options.home),
    add(r) {
      if (closed) return;
      pending.push(r);
      if (pending.length >= MAX_BATCH) soon ??= setImmediate(send);
      else if (timer === undefined) {
        timer = setTimeout(send, interval);
        timer.unref();
      }
    },
    flush,
    prune,
    report(filters) {
      if (closed) throw new LedgerError('The usage ledger is closed.');
      flush();
      return readUsageReport(db, filters, now());
    },
    close() {
      if (closed) return;
      flush();
      closed = true;
      clearInterval(pruner);
      worker?.close();
      db.close();
    },
  };
}

/**
 * Opens the ledger of `home`, or warns and resolves undefined when it cannot be used (the gateway
 * then serves without recording). `retentionDays` 0 means the user turned the ledger off.
 */
export async function openUsageLedger(options: UsageLedgerOptions): Promise<UsageLedger | undefined> {
  const log = options.log ?? silentLogger;
  if (options.retentionDays <= 0) {
    log.debug('usage ledger off (usageRetentionDays is 0)');
    return undefined;
  }
  try {
    return createUsageLedger(await openLedgerDb(options.home), options);
  } catch (e) {
    log.warn('usage ledger unavailable; requests are served but not recorded', { error: (e as Error).message });
    return undefined;
  }
}
