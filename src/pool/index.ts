export { createPool, type PoolBackend, type PoolDeps } from './create-pool.js';
export type { Backend, GenerationTrace, HealthReport, ModelInfo, RefreshResult, ToggleResult } from './backend.js';
export type { PoolHealth } from './health-report.js';
export type { AccountStore } from './account-store.js';
export type { LimitsReport, AccountLimits, ModelLimit } from './limits-report.js';
