// Selection strategies are pure: given the accounts that can serve a model right now, pick one.

export interface Candidate {
  id: string;
  /** 0..1; undefined when quota discovery has not told us. */
  remainingFraction?: number;
  /** ms since the epoch of the last request sent with this account; undefined: never. */
  lastUsedAt?: number;
}

export interface PickState {
  /** The account the request's conversation (sessionKey) last used. */
  sessionAccountId?: string;
  /** The account picked last time for this model (round-robin, sticky). */
  lastPickedId?: string;
}

/**
 * `candidates` are usable, not cooling down and serve `model`, in accounts.json order.
 * Returns the chosen account id, or undefined when there is none.
 */
export type PickFn = (candidates: readonly Candidate[], model: string, state: PickState, now: number) => string | undefined;

