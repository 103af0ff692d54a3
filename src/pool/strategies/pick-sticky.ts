import type { PickFn } from './strategy.js';

/** The same account as last time while it can serve; otherwise the first one that can. */
export const pickSticky: PickFn = (candidates, _model, state, _now) => {
  if (candidates.length === 0) return undefined;
  const last = candidates.find((c) => c.id === state.lastPickedId);
  return (last ?? candidates[0]!).id;
};
