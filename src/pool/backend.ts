// What the HTTP layer calls, and the reports it gets back: typed, so routes render them as they are.
import type { CanonicalEvent, CanonicalRequest } from '../canonical/index.js';
import type { AccountState } from '../store/types.js';
import type { LimitsReport } from './limits-report.js';

export interface ModelInfo {
  id: string;
  displayName?: string;
  /** Which flavor(s) serve it. */
  ownedBy: string;
}

/** What every backend says at /health; the pool says more (PoolHealth). */
export interface HealthReport {
  status: 'ok' | 'degraded' | 'no-accounts';
  accounts: number;
  activeAccounts: number;
}

/** One account's forced token refresh (POST /refresh-token); never the token itself. */
export interface RefreshResult {
  id: string;
  email: string;
  ok: boolean;
  expiresAt?: string;
  error?: string;
}

/** An account after the user's Disable / Enable (POST /accounts/:account/disable, /enable). */
export interface ToggleResult {
  id: string;
  email: string;
  disabled: boolean;
  state: AccountState;
  stateReason: string | null;
}

/**
 * How the pool served one request, written by the pool as it goes (the server passes the request's
 * usage record, which has these fields): a few field writes per attempt, nothing allocated.
 */
export interface GenerationTrace {
  /** The pool model id the requested name resolved to. */
  modelServed?: string;
  /** Email of the account of the latest attempt. */
  account?: string;
  flavor?: string;
  /** The account-picking strategy in force. */
  strategy: string;
  /** Upstream calls made (a retry after a token refresh counts). */
  attempts: number;
  /** Times the pool moved on to another account. */
  failovers: number;
}

/**
 * What the HTTP layer calls. The pool implements it; tests may implement it in-process.
 * `generate` resolves once the first event has arrived, so an upstream failure before the
 * first byte still becomes a real HTTP status (and the pool may fail over meanwhile). For a
 * non-streaming request (`req.stream` false) the pool resolves only once the whole stream is in,
 * so a break midway can still fail over.
 */
export interface Backend {
  /**
   * `controller`, when given, is the one `signal` belongs to: the pool aborts it when the
   * request's budget runs out, instead of a controller of its own per attempt.
   */
  generate(req: CanonicalRequest, signal: AbortSignal, trace?: GenerationTrace, controller?: AbortController): Promise<AsyncIterable<CanonicalEvent>>;
  countTokens(req: CanonicalRequest, signal: AbortSignal, trace?: GenerationTrace, controller?: AbortController): Promise<number>;
  listModels(): ModelInfo[];
  health(): HealthReport;
  /** /account-limits: every account's quota per model, asked again where it is old. */
  limits(): Promise<LimitsReport>;
  /** Forces a refresh of every account's token, or of one (id or email). */
  refreshTokens(account?: string): Promise<RefreshResult[]>;
  /** Disables or enables one account (id or email) by hand, persisted; absent on fixed backends. */
  setAccountEnabled?(account: string, enabled: boolean): Promise<ToggleResult>;
  close(): Promise<void>;
}
