// GET /v1/models in OpenAI's list shape: what OpenAI SDKs, Codex, opencode and most tools read.
import type { ListedModel, ModelsContext } from '../dialect.js';
import { snakeCasePricing } from '../render-pricing.js';

export function renderModelList(models: readonly ListedModel[], ctx: ModelsContext): object {
  return {
    object: 'list',
    data: models.map((m) => ({ id: m.id, object: 'model', created: ctx.startedAt, owned_by: m.ownedBy, ...snakeCasePricing(m) })),
  };
}
