import type { Candidate, PickFn } from './strategy.js';

/** Fractions this close to the best count as a tie; ties go to the least recently used. */
const NEAR_TIE = 0.05;
/** A conversation stays on its account while it is at most this far below the best (prompt caching). */
const SESSION_MARGIN = 0.15;
/** Unknown quota ranks as full: discovery or the first 429 corrects it soon. */
const fractionOf = (c: Candidate): number => c.remainingFraction ?? 1;

export const pickQuota: PickFn = (candidates, _model, state, _now) => {
  if (candidates.length === 0) return undefined;
  const best = Math.max(...candidates.map(fractionOf));
  if (state.sessionAccountId !== undefined) {
    const own = candidates.find((c) => c.id === state.sessionAccountId);
    if (own && fractionOf(own) > 0 && fractionOf(own) >= best - SESSION_MARGIN) return own.id;
  }
  let chosen: Candidate | undefined;
  for (const c of candidates) {
    if (fractionOf(c) < best - NEAR_TIE) continue;
    if (!chosen || (c.lastUsedAt ?? -Infinity) < (chosen.lastUsedAt ?? -Infinity)) chosen = c;
  }
  return chosen?.id;
};
