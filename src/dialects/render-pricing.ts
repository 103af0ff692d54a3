// The `pricing` extension field of a model list entry, in the snake_case the OpenAI and Anthropic
// lists speak: the model's paid-API list price (USD per million tokens), when one is known.
import type { ListedModel } from './dialect.js';

export interface SnakeCasePricing {
  pricing?: { currency: 'USD'; input_per_million: number; output_per_million: number; cached_input_per_million: number };
}

/** Spread into an entry: `{...entry, ...snakeCasePricing(m)}`; nothing when the price is unknown. */
export function snakeCasePricing(m: ListedModel): SnakeCasePricing {
  const p = m.price;
  if (p === undefined) return {};
  return { pricing: { currency: 'USD', input_per_million: p.input, output_per_million: p.output, cached_input_per_million: p.cached ?? p.input } };
}
