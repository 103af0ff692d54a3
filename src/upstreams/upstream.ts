import type { CanonicalEvent, CanonicalRequest } from '../canonical/index.js';

export type Flavor = 'antigravity' | 'gemini-cli';

/** What an upstream needs to know about the account it calls with. */
export interface AccountContext {
  id: string;
  email: string;
  flavor: Flavor;
  projectId: string;
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
   * Google's own model list for this account names the model (not a default catalog's guess), so a
   * 404 for it is no unknown model.
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
  status?(): UpstreamStatus;
  /** Stops background work (timers, pending writes are flushed). */
  close?(): Promise<void>;
}
