// The ledger's row writes on a worker thread: under load, SQLite's inserts (~10 µs a row in libsql,
// plus the WAL writes and checkpoints of each commit) were the largest single cost the ledger put
// on the event loop. The main thread hands over a batch with one postMessage; flush() still
// returns only once the worker has committed it (Atomics.wait), so readers see what was flushed.
import { createRequire } from 'node:module';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';

/**
 * The worker's code: CommonJS evaluated as a string (`eval: true`), so it runs the same from
 * dist/ and from the TypeScript sources under vitest, without a file of its own to locate. It
 * opens its own connection to the migrated usage.db; the statement comes from the main thread.
 */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { driver, path, insert, insertMany, many, columns, done, port } = workerData;
const count = new Int32Array(done);
let db;
let one;
let several;
const finish = (reply) => {
  if (reply) port.postMessage(reply);
  Atomics.add(count, 0, 1);
  Atomics.notify(count, 0);
};
port.on('message', (message) => {
  if (message === 'close') {
    try { if (db) db.close(); } catch {}
    port.close();
    finish();
    return;
  }
  try {
    if (!db) {
      const Database = require(driver);
      db = new Database(path);
      db.exec('PRAGMA busy_timeout = 5000');
      db.exec('PRAGMA synchronous = NORMAL');
      one = db.prepare(insert);
      several = db.prepare(insertMany);
    }
    const rows = message.length / columns;
    db.exec('BEGIN');
    try {
      const step = many * columns;
      let i = 0;
      for (; i + step <= message.length; i += step) several.run(message.slice(i, i + step));
      for (; i < message.length; i += columns) one.run(message.slice(i, i + columns));
      db.exec('COMMIT');
    } catch (e) {
      db.exec('ROLLBACK');
      throw e;
    }
    finish({ ok: rows });
  } catch (e) {
    finish({ error: e && e.message ? e.message : String(e), dropped: message.length / columns });
  }
});
`;

/** What the worker says about each batch, read back on the main thread. */
export type BatchOutcome = { ok: number } | { error: string; dropped: number };

export interface LedgerWorker {
  /**
   * Queues rows for the worker (one transaction per call), their values one after another in one
   * flat array (cloned faster than an array per row, and cut into statements without flat());
   * returns at once.
   */
  write(values: unknown[]): void;
  /**
   * Blocks until the worker has committed (or failed) everything written so far; the outcomes
   * are reported before it returns. Gives up waiting after `timeoutMs`.
   */
  sync(timeoutMs?: number): void;
  /** Syncs, closes the worker's connection and lets the thread end. */
  close(): void;
}

const SYNC_TIMEOUT_MS = 15_000;

/** The INSERT statements the thread runs: for one row, and for `many` rows at once. */
export interface LedgerInserts {
  insert: string;
  insertMany: string;
  /** Rows per insertMany: one statement for many rows cost about 2/3 of one per row (libsql, 23 columns). */
  many: number;
  /** Values per row. */
  columns: number;
}

/**
 * Starts the writer thread for `path`. `onOutcome` hears how each batch went: as it happens, or
 * within sync() at the latest.
 */
export function startLedgerWorker(path: string, inserts: LedgerInserts, onOutcome: (outcome: BatchOutcome) => void): LedgerWorker {
  const done = new SharedArrayBuffer(4);
  const count = new Int32Array(done);
  const { port1, port2 } = new MessageChannel();
  const driver = createRequire(import.meta.url).resolve('libsql');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { driver, path, ...inserts, done, port: port2 },
    transferList: [port2],
    stdout: true,
    stderr: true,
  });
  port1.on('message', (m: BatchOutcome) => onOutcome(m));
  // Neither the thread nor its port keeps the gateway running; close() ends both.
  worker.unref();
  port1.unref();
  let failed: string | undefined;
  worker.on('error', (e) => (failed = e.message));
  let sent = 0;
  let closed = false;

  const sync = (timeoutMs = SYNC_TIMEOUT_MS): void => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const seen = Atomics.load(count, 0);
      if (seen >= sent || failed !== undefined) break;
      const left = until - Date.now();
      if (left <= 0 || Atomics.wait(count, 0, seen, left) === 'timed-out') break;
    }
    for (let m = receiveMessageOnPort(port1); m !== undefined; m = receiveMessageOnPort(port1)) onOutcome(m.message as BatchOutcome);
  };

  return {
    write(values) {
      if (closed) return;
      sent++;
      port1.postMessage(values);
    },
    sync,
    close() {
      if (closed) return;
      sync();
      closed = true;
      sent++;
      port1.postMessage('close');
      sync();
      port1.close();
    },
  };
}
