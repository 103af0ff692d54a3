// The seam between the pool and an upstream API, provider-neutral: the pool keeps accounts, tokens,
// quota and failover; what is particular to a provider (which client it claims to be, which
// project it bills, which models an account serves before its quota says) stays in the upstream.
import type { CanonicalEvent, CanonicalRequest } from '../canonical/index.js';
import type { AccountRecord } from '../store/types.js';

/**
 * An account as the store keeps it. The pool reads only who it is and its state; the rest (for Code
 * Assist its flavor and project) is for the upstream to read.
 */
export type StoredAccount = Readonly<AccountRecord>;

/** A credential a call carries, and until when it is good. */
export interface AccessToken {
  token: string;
  /** ms since the epoch */
  expiresAt: number;
}

/** What an upstream call knows about the account it calls with. */
export interface AccountContext {
  id: string;
  email: string;
  record: StoredAccount;
  /** A valid access token; refreshed single-flight by the pool. */
  getAccessToken(signal?: AbortSignal): Promise<string>;
}

export interface ModelQuota {
  model: string;
  displayName?: string;
  /** 0..1; 0 when Google left it out next to a reset time (proto3 zero). */
  remainingFraction: number;
  /** ISO time */
  resetTime?: string;
}

/** The model request as the upstream will send it: the model id resolved from aliases. */
export interface UpstreamCall {
  request: CanonicalRequest;
  /** The upstream's model id (after alias resolution). */
  model: string;
  account: AccountContext;
  signal: AbortSignal;
  /**
   * The upstream's own model list for this account names the model (not a default catalog's
   * guess), so a 404 for it is no unknown model.
   */
  listed?: boolean;
}

/** What an upstream reports about itself for /health. */
export interface UpstreamStatus {
  /** Shown in /health as they are (e.g. `clientVersion`). */
  details: Record<string, unknown>;
  /** Set while the upstream knows requests fail for a reason no account can fix: /health is degraded with it. */
  problem?: string;
}

/**
 * One upstream API. `stream` throws a GatewayError before its first event when the call
 * fails (so the pool can fail over); after that, failures arrive as an `error` event.
 */
export interface Upstream {
  id: string;
  stream(call: UpstreamCall): AsyncIterable<CanonicalEvent>;
  countTokens(call: UpstreamCall): Promise<number>;
  fetchQuota(account: AccountContext, signal?: AbortSignal): Promise<ModelQuota[]>;
  /** The models an account serves until fetchQuota names them (or when it fails). */
  defaultModels(account: StoredAccount): readonly string[];
  /** Whether an active account has what a call needs (Code Assist: a project). */
  canServe(account: StoredAccount): boolean;
  /**
   * The secret stored for the account (an OAuth refresh token, an API key) → the credential a call
   * carries. Throws GatewayError `auth` with upstream.code `invalid_grant` when the user must log
   * in again.
   */
  accessToken(account: StoredAccount, secret: string, signal?: AbortSignal): Promise<AccessToken>;
  status?(): UpstreamStatus;
  /** Stops background work (timers, pending writes are flushed). */
  close?(): Promise<void>;
}
