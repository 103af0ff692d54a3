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
const SHORT_RETRY_MS = 3000;

export interface FailureContext {
  /** This account's token was refreshed during this request already. */
  afterRefresh?: boolean;
}

/** @internal */
export function classifyFailure(err: GatewayError, context: FailureContext = {}): FailureAction {
  // The upstream says every account would hear the same (Google refusing the client version claimed).
  if (err.noFailover === true) return 'fatal';
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

/**
 * Whether a failure uses up one of `maxAttempts`. Only Google-side trouble does (5xx, network,
 * timeouts, capacity): another account mostly meets the same, and each try costs the client time.
 * A refresh-and-retry, or a refusal bound to the account (401, 403, 404, 429, a ban, a dead
 * login), says nothing about the next account, so every healthy account is tried first.
 */
function countsAsAttempt(err: GatewayError, action: FailureAction): boolean {
  if (action === 'refresh-and-retry') return false;
  return err.kind === 'upstream' || err.kind === 'timeout' || err.kind === 'overloaded';
}

/**
 * What the client hears when the pool's own accounts were refused (401 / 403 from Google): a 503,
 * never an authentication or permission error, which clients read as "your API key is wrong".
 */
function poolRefused(err: GatewayError, accounts: number): GatewayError {
  if (err.kind !== 'auth' && err.kind !== 'permission') return err;
  const who = accounts === 1 ? 'the only account it tried' : `all ${accounts} accounts it tried`;
  return new GatewayError(
    'unavailable',
    `Google refused ${who} (${err.message}); the gateway's accounts need attention, not your API key. ` +
      'Check them with `gateway accounts verify`.',
    { cause: err, ...(err.upstream ? { upstream: err.upstream } : {}) },
  );
}

/** The request's budget ran out before any account began an answer: 504, saying which knob sets it. */
function budgetExceeded(budgetMs: number, tried: number, last: GatewayError | undefined): GatewayError {
  const s = Math.round(budgetMs / 100) / 10;
  const accounts = tried === 1 ? '1 account' : `${tried} accounts`;
  return new GatewayError(
    'timeout',
    `No answer began within the gateway's request budget of ${s} s (GATEWAY_REQUEST_BUDGET_MS / config.json "requestBudgetMs"); ` +
      `tried ${accounts}${last ? `, the last said: ${last.message}` : ''}.`,
    last ? { cause: last } : {},
  );
}

/** What one attempt is given: its signal (the client's, and the request budget's) and a way to say the answer began. */
export interface AttemptContext {
  signal: AbortSignal;
  /** The answer's first event arrived: the request budget no longer applies to this attempt. */
  started: () => void;
}

/** What the loop needs from the pool; the pool keeps the state. */
export interface FailoverHooks<A> {
  maxAttempts: number;
  /**
   * One budget for the whole request, all attempts and waits together, until an answer begins;
   * undefined: none (each attempt is still bounded by the upstream's own timeouts).
   */
  budgetMs?: number;
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

/**
 * A signal that follows the client's and fires when `ms` run out (unless disarmed first). The
 * listener on the client's signal stays for a successful attempt, whose stream goes on using it.
 */
function budgetSignal(client: AbortSignal, ms: number | undefined): { signal: AbortSignal; disarm(): void; detach(): void; fired(): boolean } {
  const ctl = new AbortController();
  let fired = false;
  const follow = (): void => ctl.abort(client.reason);
  if (client.aborted) follow();
  else client.addEventListener('abort', follow, { once: true });
  const timer =
    ms === undefined
      ? undefined
      : setTimeout(() => {
          fired = true;
          ctl.abort(new GatewayError('timeout', 'The request budget ran out.'));
        }, Math.max(0, ms));
  return {
    signal: ctl.signal,
    disarm: () => clearTimeout(timer),
    detach: () => {
      clearTimeout(timer);
      client.removeEventListener('abort', follow);
    },
    fired: () => fired,
  };
}

/** The signal one attempt runs under, and how the budget aborts it. */
interface AttemptAbort {
  signal: AbortSignal;
  abort(reason: unknown): void;
  /** The attempt ended: an own controller stops following the request's signal. */
  release(): void;
}

const nothing = (): void => {};
const NONE_TRIED: ReadonlySet<string> = new Set();

/**
 * The first attempt runs under the request's own controller when the caller gave it (nothing to
 * create or follow); later attempts, or callers with only a signal, get a controller that follows
 * the request's signal, so a failed attempt never hears of a later abort.
 */
function attemptAbort(request: AbortSignal, controller: AbortController | undefined): AttemptAbort {
  if (controller !== undefined) return { signal: request, abort: (reason) => controller.abort(reason), release: nothing };
  const ctl = new AbortController();
  const follow = (): void => ctl.abort(request.reason);
  if (request.aborted) follow();
  else request.addEventListener('abort', follow, { once: true });
  return { signal: ctl.signal, abort: (reason) => ctl.abort(reason), release: () => request.removeEventListener('abort', follow) };
}

/**
 * Runs `attempt` on one account after another until one answers. `request` is the request's
 * signal, or its controller when the loop may abort the request itself (its budget ran out while
 * the first attempt waited): then the first attempt needs no controller of its own.
 */
export async function runWithFailover<A, T>(
  hooks: FailoverHooks<A>,
  request: AbortSignal | AbortController,
  attempt: (account: A, ctx: AttemptContext) => Promise<T>,
): Promise<T> {
  const own = request instanceof AbortController ? request : undefined;
  const signal = own !== undefined ? own.signal : (request as AbortSignal);
  // Made on the first failure: most requests are served by the first account they try.
  let tried: Set<string> | undefined;
  // `tried` starts over after a wait; this one counts every account for the messages.
  const everTried = new Set<string>();
  let refreshed: Set<string> | undefined;
  let waited429: Set<string> | undefined;
  const failures: GatewayError[] = [];
  const deadline = hooks.budgetMs === undefined ? undefined : Date.now() + hooks.budgetMs;
  const remaining = (): number | undefined => (deadline === undefined ? undefined : deadline - Date.now());
  const outOfBudget = (): GatewayError => budgetExceeded(hooks.budgetMs ?? 0, everTried.size, failures.at(-1));
  // One budget timer for the request, armed while an attempt waits for its answer to begin; when
  // it fires, the attempt under way (if any) is aborted and its failure becomes the 504.
  let timer: NodeJS.Timeout | undefined;
  let live: AttemptAbort | undefined;
  let fired = false;
  const expire = (): void => {
    timer = undefined;
    if (live === undefined) return;
    fired = true;
    live.abort(new GatewayError('timeout', 'The request budget ran out.'));
  };
  const disarm = (): void => {
    if (timer === undefined) return;
    clearTimeout(timer);
    timer = undefined;
  };
  let counted = 0;
  let retrySame: A | undefined;
  let waited = false;
  let attempts = 0;
  // A folded answer that began and then broke off: past the budget, that failure is the story.
  let began = false;
  const started = (): void => {
    began = true;
    disarm();
  };
  try {
    while (counted < hooks.maxAttempts) {
      if ((remaining() ?? 1) <= 0) {
        if (began) break;
        throw outOfBudget();
      }
      const account = retrySame ?? hooks.pick(tried ?? NONE_TRIED);
      retrySame = undefined;
      if (account === undefined) {
        // One short wait per request: a brief cooldown is cheaper than an error the client retries.
        if (!waited && hooks.waitForAccount) {
          waited = true;
          const wait = budgetSignal(signal, remaining());
          try {
            if (await hooks.waitForAccount(wait.signal)) {
              tried?.clear();
              continue;
            }
          } catch (e) {
            if (signal.aborted) throw e;
            if (wait.fired()) throw outOfBudget();
            throw e;
          } finally {
            wait.detach();
          }
        }
        break;
      }
      const id = hooks.idOf(account);
      everTried.add(id);
      const current = attemptAbort(signal, attempts++ === 0 ? own : undefined);
      live = current;
      const left = remaining();
      if (left !== undefined && timer === undefined) timer = setTimeout(expire, Math.max(0, left));
      try {
        const result = await attempt(account, { signal: current.signal, started });
        live = undefined;
        disarm();
        hooks.onSuccess(account);
        return result;
      } catch (e) {
        live = undefined;
        current.release();
        // Before the signal check: the budget aborts the request's own signal on a first attempt.
        if (fired) throw outOfBudget();
        if (signal.aborted) throw e;
        const err = toGatewayError(e);
        let action = classifyFailure(err, { afterRefresh: refreshed?.has(id) === true });
        if (action === 'wait-and-retry' && (waited429?.has(id) === true || !hooks.sleep)) action = 'cool-and-next';
        if (action === 'fatal') throw err;
        failures.push(err);
        await hooks.onFailure(account, err, action);
        if (countsAsAttempt(err, action)) counted++;
        if (action === 'refresh-and-retry') {
          (refreshed ??= new Set()).add(id);
          hooks.dropToken(account);
          retrySame = account;
        } else if (action === 'wait-and-retry') {
          (waited429 ??= new Set()).add(id);
          await hooks.sleep!(err.retryAfterMs ?? 0, signal);
          retrySame = account;
        } else {
          (tried ??= new Set()).add(id);
        }
      }
    }
  } finally {
    disarm();
  }
  throw poolRefused(hooks.exhausted(failures), everTried.size);
}
