// The rows of a gateway home's usage ledger, read straight from usage.db (as another process
// would), keyed by column name.
import Database from 'libsql';
import { ledgerPath } from '../../src/usage/ledger-db.js';
import { COLUMNS } from '../../src/usage/ledger-schema.js';

export type LedgerRow = Record<(typeof COLUMNS)[number], unknown>;

export function ledgerRows(home: string): LedgerRow[] {
  const db = new Database(ledgerPath(home));
  try {
    const rows = db.prepare(`SELECT ${COLUMNS.join(', ')} FROM requests ORDER BY seq`).raw(true).all() as unknown[][];
    return rows.map((v) => Object.fromEntries(COLUMNS.map((c, i) => [c, v[i]])) as LedgerRow);
  } finally {
    db.close();
  }
}

/** The one row of a request id (tests send X-Request-ID). */
export function ledgerRow(home: string, requestId: string): LedgerRow {
  const found = ledgerRows(home).filter((r) => r.request_id === requestId);
  if (found.length !== 1) throw new Error(`expected one ledger row for ${requestId}, found ${found.length}`);
  return found[0]!;
}
