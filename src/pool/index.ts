export { createPool, type PoolBackend, type PoolDeps, type RefreshResult } from './create-pool.js';
export type { Backend, GenerationTrace, HealthReport, ModelInfo } from './backend.js';
export type { AccountStore } from './account-store.js';
export type { LimitsReport, AccountLimits, ModelLimit } from './limits-report.js';
