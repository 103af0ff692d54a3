// GET /v1beta/models and /v1beta/models/{model}: Google's model entries, each with its list price
// (`pricing`, an extension field, USD per million tokens) when one is known.
import { notFound } from '../../canonical/index.js';
import type { ListedModel, ModelsContext } from '../dialect.js';

const METHODS = ['generateContent', 'streamGenerateContent', 'countTokens'];

function modelEntry(m: ListedModel): object {
  const p = m.price;
  return {
    name: `models/${m.id}`,
    displayName: m.displayName ?? m.id,
    supportedGenerationMethods: METHODS,
    ...(p === undefined ? {} : { pricing: { currency: 'USD', inputPerMillion: p.input, outputPerMillion: p.output, cachedInputPerMillion: p.cached ?? p.input } }),
  };
}

export function renderModelList(models: readonly ListedModel[]): object {
  return { models: models.map(modelEntry) };
}

/** `models/gemini-3-flash` and `gemini-3-flash` name the same model. */
export function renderModel(models: readonly ListedModel[], ctx: ModelsContext): object {
  const id = (ctx.model ?? '').replace(/^models\//, '');
  const m = models.find((x) => x.id === id);
  if (!m) throw notFound(`models/${id} is not served by this gateway; GET /v1beta/models lists what is.`);
  return modelEntry(m);
}
