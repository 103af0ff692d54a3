// The pool's models offered to a dialect's model-list routes, each with its list price when known.
import type { Dialect, ListedModel, ModelsContext } from '../../dialects/dialect.js';
import type { Backend } from '../../pool/backend.js';
import type { PriceTable } from '../../usage/price-table.js';
import type { ModelHandler } from './dialect-route.js';

function listedModels(backend: Backend, prices: PriceTable | undefined): ListedModel[] {
  return backend.listModels().map((m) => {
    const listed: ListedModel = { id: m.id, ownedBy: m.ownedBy };
    if (m.displayName !== undefined) listed.displayName = m.displayName;
    const price = prices?.priceOf(m.id);
    if (price !== undefined) listed.price = price;
    return listed;
  });
}

/** Answers with `render`'s view of the models; `startedAt` (seconds) is every model's creation date. */
export function modelListHandler(
  render: NonNullable<Dialect['models']>['list'],
  deps: { backend: Backend; prices?: PriceTable; startedAt: number },
): ModelHandler {
  return (c, model) => {
    const ctx: ModelsContext = { startedAt: deps.startedAt };
    if (model !== undefined) ctx.model = model;
    return c.json(render(listedModels(deps.backend, deps.prices), ctx) as object);
  };
}
