// The one error type. Status and retryability come from the table below, never from call sites.

export type ErrorKind =
  | 'invalid_request'
  | 'auth'
  | 'permission'
  | 'not_found'
  | 'too_large'
  | 'rate_limited'
  | 'overloaded'
  | 'unavailable'
  | 'upstream'
  | 'timeout'
  | 'internal';

interface KindInfo {
  status: number;
  /** Whether another attempt (another account, later) may succeed. */
  retryable: boolean;
}

export const ERROR_KINDS: Readonly<Record<ErrorKind, KindInfo>> = {
  invalid_request: { status: 400, retryable: false },
  auth: { status: 401, retryable: false },
  permission: { status: 403, retryable: false },
  not_found: { status: 404, retryable: false },
  too_large: { status: 413, retryable: false },
  rate_limited: { status: 429, retryable: true },
  overloaded: { status: 503, retryable: true },
  /** The gateway itself cannot serve yet (no account set up or logged in): not the client's key. */
  unavailable: { status: 503, retryable: false },
  upstream: { status: 502, retryable: true },
  timeout: { status: 504, retryable: true },
  internal: { status: 500, retryable: false },
};

export interface UpstreamDetail {
  status: number;
  /** Google's status word (RESOURCE_EXHAUSTED, ...) or the OAuth error code. */
  code?: string;
  /** ErrorInfo reason (RATE_LIMIT_EXCEEDED, QUOTA_EXHAUSTED, ...). */
  reason?: string;
  /** A short excerpt of the body, secrets already removed. */
  body?: string;
}

/** A page Google asks the account's owner to open (verify the account), as Google words it. */
export interface ActionLink {
  url: string;
  /** Google's text for the link ("Verify your account"). */
  text?: string;
  /** A second page that explains why. */
  learnMoreUrl?: string;
}

/**
 * The upstream's finding that the account, not the request, is refused until its owner acts
 * (log in again, verify in a browser, appeal a ban, use another client). The upstream decides
 * what each looks like on the wire; the pool marks the account with it and moves on.
 */
export type AccountVerdict =
  | { state: 'needs-login'; message: string }
  | { state: 'needs-verification'; message: string; link?: ActionLink }
  | { state: 'banned'; message: string }
  | { state: 'unsupported-client'; message: string };

export interface GatewayErrorOptions {
  param?: string;
  retryAfterMs?: number;
  upstream?: UpstreamDetail;
  /** Tell SDKs not to retry (x-should-retry: false): nothing will change soon. */
  noRetry?: boolean;
  /** Set when the error means the account itself cannot be used (see AccountVerdict). */
  account?: AccountVerdict;
  /** Every account would get the same answer (the upstream refuses the gateway itself, say its client version): no failover. */
  noFailover?: boolean;
  cause?: unknown;
}

export class GatewayError extends Error {
  override readonly name = 'GatewayError';
  readonly kind: ErrorKind;
  readonly param?: string;
  readonly retryAfterMs?: number;
  readonly upstream?: UpstreamDetail;
  readonly noRetry?: boolean;
  readonly account?: AccountVerdict;
  readonly noFailover?: boolean;

  constructor(kind: ErrorKind, message: string, options: GatewayErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.kind = kind;
    if (options.param !== undefined) this.param = options.param;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
    if (options.upstream !== undefined) this.upstream = options.upstream;
    if (options.noRetry !== undefined) this.noRetry = options.noRetry;
    if (options.account !== undefined) this.account = options.account;
    if (options.noFailover !== undefined) this.noFailover = options.noFailover;
  }

  get status(): number {
    return ERROR_KINDS[this.kind].status;
  }

  get retryable(): boolean {
    return ERROR_KINDS[this.kind].retryable;
  }
}

export const isGatewayError = (e: unknown): e is GatewayError => e instanceof GatewayError;

export const invalidRequest = (message: string, param?: string): GatewayError =>
  new GatewayError('invalid_request', message, param === undefined ? {} : { param });

export const notFound = (message: string): GatewayError => new GatewayError('not_found', message);

const internalError = (cause: unknown): GatewayError =>
  new GatewayError('internal', 'The gateway hit an unexpected error; run with --debug for details.', { cause });

/** Anything thrown becomes a GatewayError; unknown errors are internal and keep their cause. */
export const toGatewayError = (e: unknown): GatewayError => (isGatewayError(e) ? e : internalError(e));
