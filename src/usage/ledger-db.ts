// Opens usage.db in the gateway home through libsql (SQLite): WAL, so `gateway usage` reads while
// the server writes; a busy timeout for two writers; the schema migrated to what this build knows.
// libsql, not better-sqlite3 or node:sqlite: its prebuilt binaries come from the npm registry as
// optional packages and use Node-API, so one install loads on Node 20 and Node 24 alike.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type Database from 'libsql';
import { MIGRATIONS } from './ledger-schema.js';

export type LedgerDb = Database.Database;

export const ledgerPath = (home: string): string => join(home, 'usage.db');

/** The ledger cannot be opened or read; the message says why and what to do. */
export class LedgerError extends Error {
  override readonly name = 'LedgerError';
}

const reason = (e: unknown): string => (e instanceof Error ? e.message : String(e));

function migrate(db: LedgerDb, path: string): void {
  const versionOf = (): number => Number((db.prepare('PRAGMA user_version').raw(true).get() as unknown[])[0]);
  const known = MIGRATIONS.length;
  if (versionOf() === known) return;
  // IMMEDIATE: a second gateway starting at the same moment waits here instead of migrating twice.
  db.exec('BEGIN IMMEDIATE');
  try {
    const version = versionOf();
    if (version > known) {
      throw new LedgerError(`${path} was written by a newer gateway (schema ${version}, this one knows ${known}); update the gateway.`);
    }
    for (let v = version; v < known; v++) db.exec(MIGRATIONS[v]!);
    db.exec(`PRAGMA user_version = ${known}`);
    db.exec('COMMIT');
  } catch (e) {
    db.exec('ROLLBACK');
    throw e;
  }
}

let driver: Promise<typeof Database> | undefined;

/** Loads libsql once; `gateway start` calls it early so that loading overlaps the pool's start. */
export function loadLedgerDriver(): Promise<typeof Database> {
  driver ??= import('libsql').then((m) => m.default);
  return driver;
}

/**
 * Opens (and, unless `mustExist`, creates) the ledger. Throws LedgerError with a one-line reason:
 * the driver does not load on this platform, the file cannot be opened, or the schema is newer.
 */
export async function openLedgerDb(home: string, options: { mustExist?: boolean } = {}): Promise<LedgerDb> {
  const path = ledgerPath(home);
  if (options.mustExist && !existsSync(path)) throw new LedgerError(`No usage recorded yet: ${path} does not exist.`);
  let Driver: typeof Database;
  try {
    Driver = await loadLedgerDriver();
  } catch (e) {
    throw new LedgerError(`The SQLite driver (libsql) does not load on this platform: ${reason(e)}`);
  }
  let db: LedgerDb;
  const created = !existsSync(path);
  try {
    await mkdir(home, { recursive: true });
    db = new Driver(path);
  } catch (e) {
    throw new LedgerError(`Cannot open ${path}: ${reason(e)}`);
  }
  try {
    db.exec('PRAGMA busy_timeout = 5000');
    // Turning a new file into WAL and creating its tables costs several fsyncs (5-60 ms here);
    // an empty ledger has nothing to lose in a crash, so a new one skips them.
    if (created) db.exec('PRAGMA synchronous = OFF');
    db.exec('PRAGMA journal_mode = WAL');
    migrate(db, path);
    // WAL with NORMAL is durable across a crash of the gateway; a power cut may lose the last batch.
    db.exec('PRAGMA synchronous = NORMAL');
  } catch (e) {
    db.close();
    if (e instanceof LedgerError) throw e;
    throw new LedgerError(`Cannot use ${path}: ${reason(e)}`);
  }
  return db;
}
