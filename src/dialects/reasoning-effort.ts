// A client's reasoning-effort word → the canonical level, shared by the four dialects.
import type { ReasoningEffort } from '../canonical/index.js';

const LEVELS: Readonly<Record<ReasoningEffort, ReasoningEffort>> = { minimal: 'minimal', low: 'low', medium: 'medium', high: 'high' };

/**
 * The canonical level of `word`, or undefined for a word the dialect does not know. `aboveHigh`
 * names the dialect's own levels past 'high' (OpenAI's xhigh, Anthropic's xhigh and max): the
 * upstream has nothing higher, so they become 'high'.
 */
export function toReasoningEffort(word: string, aboveHigh: readonly string[] = []): ReasoningEffort | undefined {
  if (Object.hasOwn(LEVELS, word)) return LEVELS[word as ReasoningEffort];
  return aboveHigh.includes(word) ? 'high' : undefined;
}
