import { describe, expect, it } from 'vitest';
import { createPriceTable } from './price-table.js';
import { LIST_PRICES } from './prices.js';

describe('price table', () => {
  const prices = createPriceTable();

  it('finds the family price of the pool ids, the most specific pattern first', () => {
    expect(prices.priceOf('gemini-3-flash')).toEqual({ input: 0.5, output: 3, cached: 0.05 });
    expect(prices.priceOf('gemini-3.1-pro-high')).toEqual(LIST_PRICES['gemini-3.1-pro*']);
    expect(prices.priceOf('claude-opus-4-6-thinking')).toEqual(LIST_PRICES['claude-opus-4-6*']);
    expect(prices.priceOf('gemini-2.5-flash-lite')).toEqual(LIST_PRICES['gemini-2.5-flash-lite*']);
    expect(prices.priceOf('gemini-2.5-flash')).toEqual(LIST_PRICES['gemini-2.5-flash*']);
    expect(prices.priceOf('gpt-oss-120b-medium')).toBeUndefined();
  });

  it('turns tokens into dollars: cached input at the cache price, thinking inside output', () => {
    // 1M input of which 400k cached, 100k output: 600k × 0.5 + 400k × 0.05 + 100k × 3 (per million).
    expect(prices.costOf('gemini-3-flash', { inputTokens: 1_000_000, cachedTokens: 400_000, outputTokens: 100_000 })).toBeCloseTo(0.3 + 0.02 + 0.3, 10);
    expect(prices.costOf('unknown-model', { inputTokens: 10, cachedTokens: 0, outputTokens: 10 })).toBeUndefined();
    expect(prices.costOf('gemini-3-flash', { inputTokens: 0, cachedTokens: 0, outputTokens: 0 })).toBe(0);
  });

  it('lets config.json override a list price or add a model', () => {
    const custom = createPriceTable({ 'gemini-3-flash': { input: 1, output: 1 }, 'gpt-oss-*': { input: 0.1, output: 0.5 } });
    expect(custom.priceOf('gemini-3-flash')).toEqual({ input: 1, output: 1 });
    // A model without a cache price pays the input price for cached tokens.
    expect(custom.costOf('gemini-3-flash', { inputTokens: 2_000_000, cachedTokens: 1_000_000, outputTokens: 0 })).toBe(2);
    expect(custom.priceOf('gpt-oss-120b-medium')).toEqual({ input: 0.1, output: 0.5 });
    expect(custom.priceOf('gemini-3-flash-preview')).toEqual(LIST_PRICES['gemini-3-flash*']);
  });
});
