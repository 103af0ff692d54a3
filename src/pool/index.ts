export { createPool } from './create-pool.js';
// The pool's types, re-exported for tests (src/ imports them from their own files).
/** @internal */
export type { PoolBackend } from './create-pool.js';
/** @internal */
export type { RefreshResult } from './backend.js';
/** @internal */
export type { LimitsReport } from './limits-report.js';
