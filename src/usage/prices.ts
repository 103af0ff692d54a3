// What each model costs on its provider's paid API, in USD per million tokens: the list prices of
// the standard tier for prompts up to 200k tokens, as published by Google (the Gemini API pricing
// page, ai.google.dev/gemini-api/docs/pricing) and Anthropic (docs.anthropic.com, "Pricing";
// `cached` is the cache-hit rate), read in 2026. Thinking tokens are billed as output by both.
// Keys are pool model ids; `*` matches any text, and the longest matching key wins, so the
// Antigravity names (gemini-3.1-pro-high, claude-opus-4-6-thinking) find their family's price.
// config.json `prices` adds to and overrides this table.

export interface ModelPrice {
  /** USD per million prompt tokens not served from a cache. */
  input: number;
  /** USD per million output tokens, thinking included. */
  output: number;
  /** USD per million prompt tokens served from a cache (the input price when left out). */
  cached?: number;
}

export const LIST_PRICES: Readonly<Record<string, ModelPrice>> = {
  // Google, Gemini API
  'gemini-3.1-pro*': { input: 2, output: 12, cached: 0.2 },
  'gemini-3-pro*': { input: 2, output: 12, cached: 0.2 },
  'gemini-3-flash*': { input: 0.5, output: 3, cached: 0.05 },
  'gemini-2.5-pro*': { input: 1.25, output: 10, cached: 0.125 },
  'gemini-2.5-flash*': { input: 0.3, output: 2.5, cached: 0.03 },
  'gemini-2.5-flash-lite*': { input: 0.1, output: 0.4, cached: 0.01 },
  // Anthropic
  'claude-opus-4-6*': { input: 5, output: 25, cached: 0.5 },
  'claude-opus-4-5*': { input: 5, output: 25, cached: 0.5 },
  'claude-sonnet-4-6*': { input: 3, output: 15, cached: 0.3 },
  'claude-sonnet-4-5*': { input: 3, output: 15, cached: 0.3 },
  'claude-haiku-4-5*': { input: 1, output: 5, cached: 0.1 },
};
