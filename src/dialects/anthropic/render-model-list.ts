// GET /v1/models for Anthropic clients (the request carries `anthropic-version`): Anthropic's list shape.
import type { ListedModel, ModelsContext } from '../dialect.js';
import { snakeCasePricing } from '../render-pricing.js';

export function renderModelList(models: readonly ListedModel[], ctx: ModelsContext): object {
  const created_at = new Date(ctx.startedAt * 1000).toISOString();
  return {
    data: models.map((m) => ({ type: 'model', id: m.id, display_name: m.displayName ?? m.id, created_at, ...snakeCasePricing(m) })),
    has_more: false,
    first_id: models[0]?.id ?? null,
    last_id: models.at(-1)?.id ?? null,
  };
}
