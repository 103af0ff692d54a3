import type { PickFn } from './strategy.js';

/** The candidate after the one picked last time, in accounts.json order, wrapping around. */
export const pickRoundRobin: PickFn = (candidates, _model, state, _now) => {
  if (candidates.length === 0) return undefined;
  const last = state.lastPickedId;
  if (last === undefined) return candidates[0]!.id;
  const i = candidates.findIndex((c) => c.id === last);
  if (i !== -1) return candidates[(i + 1) % candidates.length]!.id;
  // The last one is cooling down or gone: the first one after it in id order is the fairest guess.
  const after = candidates.find((c) => c.id > last);
  return (after ?? candidates[0]!).id;
};
