// Model listings in the shape each client expects: OpenAI (default), Anthropic (when the request
// carries `anthropic-version`), Gemini under /v1beta. Each model carries `pricing`, an extension
// field with its paid-API list price (USD per million tokens), when one is known.
import type { Hono } from 'hono';
import { notFound } from '../../canonical/index.js';
import type { Backend, ModelInfo } from '../../pool/backend.js';
import type { PriceTable } from '../../usage/price-table.js';
import type { AppEnv } from '../types.js';
import { readHeader } from '../read-headers.js';

const GEMINI_METHODS = ['generateContent', 'streamGenerateContent', 'countTokens'];

/** OpenAI and Anthropic lists speak snake_case. */
function snakePricing(prices: PriceTable | undefined, id: string): object {
  const p = prices?.priceOf(id);
  if (p === undefined) return {};
  return { pricing: { currency: 'USD', input_per_million: p.input, output_per_million: p.output, cached_input_per_million: p.cached ?? p.input } };
}

function geminiModel(m: ModelInfo, prices: PriceTable | undefined): object {
  const p = prices?.priceOf(m.id);
  return {
    name: `models/${m.id}`,
    displayName: m.displayName ?? m.id,
    supportedGenerationMethods: GEMINI_METHODS,
    ...(p === undefined ? {} : { pricing: { currency: 'USD', inputPerMillion: p.input, outputPerMillion: p.output, cachedInputPerMillion: p.cached ?? p.input } }),
  };
}

export function registerModelRoutes(app: Hono<AppEnv>, backend: Backend, startedAt: number, prices?: PriceTable): void {
  const createdIso = new Date(startedAt * 1000).toISOString();
  app.get('/v1/models', (c) => {
    const models = backend.listModels();
    if (readHeader(c, 'anthropic-version') !== undefined) {
      return c.json({
        data: models.map((m) => ({ type: 'model', id: m.id, display_name: m.displayName ?? m.id, created_at: createdIso, ...snakePricing(prices, m.id) })),
        has_more: false,
        first_id: models[0]?.id ?? null,
        last_id: models.at(-1)?.id ?? null,
      });
    }
    return c.json({
      object: 'list',
      data: models.map((m) => ({ id: m.id, object: 'model', created: startedAt, owned_by: m.ownedBy, ...snakePricing(prices, m.id) })),
    });
  });
  app.get('/v1beta/models', (c) => c.json({ models: backend.listModels().map((m) => geminiModel(m, prices)) }));
  app.get('/v1beta/models/:model', (c) => {
    const id = c.req.param('model').replace(/^models\//, '');
    const m = backend.listModels().find((x) => x.id === id);
    if (!m) throw notFound(`models/${id} is not served by this gateway; GET /v1beta/models lists what is.`);
    return c.json(geminiModel(m, prices));
  });
}
