// The pool's only retry loop: before the first event reached the caller, a failed call moves on
// to another account (or, after a 401, refreshes the token and tries the same one again).
import { GatewayError, toGatewayError } from '../canonical/index.js';

export type FailureAction =
  /** 401: refresh the token once and retry the same account. */
  | 'refresh-and-retry'
  /** The refresh token is dead, or Google refused a freshly refreshed token: the user must log in again. */
  | 'needs-login'
  /** The upstream marked the error as the account's (verification, ban, unsupported client): mark it, try the next. */
  | 'blocked'
  /** 429, 5xx, network, timeout: cool this (account, model) down, try the next account. */
  | 'cool-and-next'
  /** 429 that asks for a wait of a few seconds at most: wait it out, then the same account again. */
  | 'wait-and-retry'
  /** Another account may do better, but this one is not to blame (403 without a ban, 404). */
  | 'next'
  /** The request itself is wrong: no other account will help. */
  | 'fatal';

/** A 429 whose retry delay is below this is waited out on the same account (CLIProxyAPI's rule). */
export const SHORT_RETRY_MS = 3000;

export interface FailureContext {
  /** This account's token was refreshed during this request already. */
  afterRefresh?: boolean;
}

export function classifyFailure(err: GatewayError, context: FailureContext = {}): FailureAction {
  // Google refuses the client version the gateway claims: every account would hear the same.
  if (err.upstream?.reason === 'CLIENT_VERSION_REFUSED') return 'fatal';
  // The upstream decides what a ban or a verification looks like and marks it; the pool only reads the mark.
  if (err.account) return 'blocked';
  switch (err.kind) {
    case 'auth':
      if (err.upstream?.code === 'invalid_grant') return 'needs-login';
      // A 401 on a token refreshed a moment ago is about the account, not the token (nor the client's key).
      return context.afterRefresh ? 'needs-login' : 'refresh-and-retry';
    case 'permission':
      return 'next';
    case 'rate_limited':
      if (err.retryAfterMs !== undefined && err.retryAfterMs < SHORT_RETRY_MS && err.upstream?.reason !== 'QUOTA_EXHAUSTED') return 'wait-and-retry';
      return 'cool-and-next';
    case 'overloaded':
    case 'upstream':
    case 'timeout':
      return 'cool-and-next';
    case 'not_found':
      // This account may not serve the model (a default catalog guessed wrong); another may.
      return 'next';
    case 'invalid_request':
    case 'too_large':
    case 'unavailable':
    case 'internal':
      return 'fatal';
  }
}

/** What the loop needs from the pool; the pool keeps the state. */
export interface FailoverHooks<A> {
  maxAttempts: number;
  /** The next account to try, not one of `exclude`; undefined when none is left. */
  pick(exclude: ReadonlySet<string>): A | undefined;
  idOf(account: A): string;
  onSuccess(account: A): void;
  /** Records the failure (cooldown, state) for the action the loop decided on. */
  onFailure(account: A, err: GatewayError, action: FailureAction): Promise<void>;
  /** Lets the next attempt on this account get a fresh token. */
  dropToken(account: A): void;
  /** Waits before the same account is tried again ('wait-and-retry'); without it, the loop moves on instead. */
  sleep?(ms: number, signal: AbortSignal): Promise<void>;
  /**
   * Called when no untried account is left: may wait (briefly) until one comes back and
   * resolve true to go round again, or resolve false to give up.
   */
  waitForAccount?(signal: AbortSignal): Promise<boolean>;
  /** The error for "no account could serve this", given what went wrong on the way. */
  exhausted(failures: readonly GatewayError[]): GatewayError;
}

export async function runWithFailover<A, T>(
  hooks: FailoverHooks<A>,
  signal: AbortSignal,
  attempt: (account: A) => Promise<T>,
): Promise<T> {
  const tried = new Set<string>();
  const refreshed = new Set<string>();
  const waited429 = new Set<string>();
  const failures: GatewayError[] = [];
  let attempts = 0;
  let retrySame: A | undefined;
  let waited = false;
  while (attempts < hooks.maxAttempts) {
    const account = retrySame ?? hooks.pick(tried);
    retrySame = undefined;
    if (account === undefined) {
      // One short wait per request: a brief cooldown is cheaper than an error the client retries.
      if (!waited && hooks.waitForAccount && (await hooks.waitForAccount(signal))) {
        waited = true;
        tried.clear();
        continue;
      }
      break;
    }
    const id = hooks.idOf(account);
    attempts++;
    try {
      const result = await attempt(account);
      hooks.onSuccess(account);
      return result;
    } catch (e) {
      if (signal.aborted) throw e;
      const err = toGatewayError(e);
      let action = classifyFailure(err, { afterRefresh: refreshed.has(id) });
      if (action === 'wait-and-retry' && (waited429.has(id) || !hooks.sleep)) action = 'cool-and-next';
      if (action === 'fatal') throw err;
      failures.push(err);
      await hooks.onFailure(account, err, action);
      if (action === 'refresh-and-retry') {
        refreshed.add(id);
        hooks.dropToken(account);
        retrySame = account;
      } else if (action === 'wait-and-retry') {
        waited429.add(id);
        await hooks.sleep!(err.retryAfterMs ?? 0, signal);
        retrySame = account;
      } else {
        tried.add(id);
      }
    }
  }
  throw hooks.exhausted(failures);
}
