// The ledger's tables, one migration per schema version (SQLite's user_version). A new column or
// index is a new entry at the end; entries already released never change.

export const MIGRATIONS: readonly string[] = [
  // 1: one row per request that reached the pool. No prompt or answer text, ever.
  `CREATE TABLE requests (
     seq INTEGER PRIMARY KEY,
     at INTEGER NOT NULL,
     request_id TEXT NOT NULL,
     dialect TEXT NOT NULL,
     route TEXT NOT NULL,
     key_label TEXT,
     client TEXT,
     model_asked TEXT NOT NULL,
     model_served TEXT,
     account TEXT,
     flavor TEXT,
     strategy TEXT NOT NULL,
     attempts INTEGER NOT NULL,
     failovers INTEGER NOT NULL,
     status INTEGER NOT NULL,
     error_kind TEXT,
     input_tokens INTEGER NOT NULL,
     output_tokens INTEGER NOT NULL,
     thinking_tokens INTEGER NOT NULL,
     cached_tokens INTEGER NOT NULL,
     latency_ms INTEGER NOT NULL,
     ttfb_ms INTEGER,
     streamed INTEGER NOT NULL,
     cost_usd REAL
   );
   CREATE INDEX requests_at ON requests (at);`,
];

/** The columns of `requests` in the order records are written and read. */
export const COLUMNS = [
  'at',
  'request_id',
  'dialect',
  'route',
  'key_label',
  'client',
  'model_asked',
  'model_served',
  'account',
  'flavor',
  'strategy',
  'attempts',
  'failovers',
  'status',
  'error_kind',
  'input_tokens',
  'output_tokens',
  'thinking_tokens',
  'cached_tokens',
  'latency_ms',
  'ttfb_ms',
  'streamed',
  'cost_usd',
] as const;
