export { createPool, type PoolBackend } from './create-pool.js';
export type { RefreshResult } from './backend.js';
export type { LimitsReport } from './limits-report.js';
