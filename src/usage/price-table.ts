// Turns tokens into what they would have cost on the paid API: the list prices, with config.json
// `prices` on top, looked up once per model name.
import { starPattern } from '../util/star-pattern.js';
import { LIST_PRICES, type ModelPrice } from './prices.js';

export interface PriceTable {
  /** The price of a pool model id, or undefined when none is known. */
  priceOf(model: string): ModelPrice | undefined;
  /** USD for these tokens on this model; undefined when the model has no price. */
  costOf(model: string, tokens: TokenCounts): number | undefined;
}

export interface TokenCounts {
  /** All prompt tokens, cached ones included. */
  inputTokens: number;
  /** All output tokens, thinking included. */
  outputTokens: number;
  cachedTokens: number;
}

/** `overrides` (config.json `prices`) win over the list prices for the same key. */
export function createPriceTable(overrides: Readonly<Record<string, ModelPrice>> = {}): PriceTable {
  const all = { ...LIST_PRICES, ...overrides };
  const exact = new Map<string, ModelPrice>();
  const patterns: Array<[RegExp, ModelPrice, number]> = [];
  for (const [key, price] of Object.entries(all)) {
    if (!key.includes('*')) exact.set(key, price);
    else patterns.push([starPattern(key), price, key.length]);
  }
  // Longest (most specific) pattern first: gemini-2.5-flash-lite* before gemini-2.5-flash*.
  patterns.sort((a, b) => b[2] - a[2]);
  const memo = new Map<string, ModelPrice | null>();
  const priceOf = (model: string): ModelPrice | undefined => {
    let found = memo.get(model);
    if (found === undefined) {
      found = exact.get(model) ?? patterns.find(([re]) => re.test(model))?.[1] ?? null;
      // Model names come from the pool's catalog and clients; the memo stays small, but is bounded anyway.
      if (memo.size < 1000) memo.set(model, found);
    }
    return found ?? undefined;
  };
  return {
    priceOf,
    costOf(model, t) {
      const p = priceOf(model);
      if (p === undefined) return undefined;
      const cached = Math.min(Math.max(0, t.cachedTokens), t.inputTokens);
      const usd = ((t.inputTokens - cached) * p.input + cached * (p.cached ?? p.input) + t.outputTokens * p.output) / 1e6;
      return Math.round(usd * 1e8) / 1e8;
    },
  };
}
