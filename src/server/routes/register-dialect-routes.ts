// Registers every dialect's routes with hono: one registered path per method and path, as the route
// table groups them. Handlers and conditions are built here, once; a request runs one handler, after
// at most its path's conditions (a header, a query value) or a verb looked up in a map.
import type { Context, Hono } from 'hono';
import { notFound } from '../../canonical/index.js';
import { DEFAULT_ENCODING, type RouteCondition } from '../../dialects/dialect.js';
import type { PriceTable } from '../../usage/price-table.js';
import { readHeader } from '../read-headers.js';
import type { AppEnv } from '../types.js';
import { countTokensHandler, generateHandler, type ModelHandler, type RouteDeps } from './dialect-route.js';
import { modelListHandler } from './model-list-route.js';
import type { RouteEntry, RouteGroup, RouteTable } from './route-table.js';

export interface DialectRouteDeps extends RouteDeps {
  prices?: PriceTable;
  /** Seconds since the epoch when the server started (model lists' creation date). */
  startedAt: number;
}

type Candidate = { matches?: (c: Context<AppEnv>) => boolean; handle: ModelHandler };

const acknowledge: ModelHandler = (c) => c.json({});

function handlerFor({ dialect, route }: RouteEntry, deps: DialectRouteDeps): ModelHandler {
  // buildRouteTable checked that each route has what it needs (checkDialect); the throws cannot happen.
  const missing = (): never => {
    throw new Error(`${dialect.name}: ${route.method} ${route.path} cannot be served`);
  };
  switch (route.does) {
    case 'generate':
      return generateHandler(dialect, dialect.encodings[route.encoding ?? DEFAULT_ENCODING] ?? missing(), route.stream, deps);
    case 'count-tokens':
      return countTokensHandler(dialect, dialect.countTokens ?? missing(), deps);
    case 'list-models':
      return modelListHandler(dialect.models?.list ?? missing(), deps);
    case 'get-model':
      return modelListHandler(dialect.models?.get ?? missing(), deps);
    case 'acknowledge':
      return acknowledge;
  }
}

function matcher(when: RouteCondition | undefined): Candidate['matches'] {
  const header = when?.header?.toLowerCase();
  const query = Object.entries(when?.query ?? {});
  if (header === undefined && query.length === 0) return undefined;
  return (c) => {
    if (header !== undefined && readHeader(c, header) === undefined) return false;
    for (let i = 0; i < query.length; i++) {
      const [name, value] = query[i]!;
      if (c.req.query(name) !== value) return false;
    }
    return true;
  };
}

/** The first candidate whose condition holds; a lone unconditioned one is returned as it is. */
function choose(entries: readonly RouteEntry[], deps: DialectRouteDeps): ModelHandler {
  const candidates: Candidate[] = entries.map((e) => {
    const matches = matcher(e.route.when);
    return matches ? { matches, handle: handlerFor(e, deps) } : { handle: handlerFor(e, deps) };
  });
  const only = candidates[0];
  if (candidates.length === 1 && only !== undefined && only.matches === undefined) return only.handle;
  return (c, model) => {
    for (let i = 0; i < candidates.length; i++) {
      const k = candidates[i]!;
      if (k.matches === undefined || k.matches(c)) return k.handle(c, model);
    }
    throw notFound(`No route for ${c.req.method} ${c.req.path}.`);
  };
}

/** `a`, `a or b`, `a, b or c`. */
const orList = (items: readonly string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1) ?? ''}`;

function groupHandler(group: RouteGroup, deps: DialectRouteDeps): (c: Context<AppEnv>) => Response | Promise<Response> {
  const verbs = group.verbs;
  if (verbs !== undefined) {
    const byVerb = new Map<string, ModelHandler>();
    for (const [verb, entries] of verbs.byVerb) byVerb.set(verb, choose(entries, deps));
    const known = orList([...byVerb.keys()]);
    // `some-model:verb` → model and verb; a model name may itself hold a colon.
    return (c) => {
      const target = c.req.param('model') ?? '';
      const colon = target.lastIndexOf(':');
      const model = colon <= 0 ? target : target.slice(0, colon);
      const verb = colon <= 0 ? '' : target.slice(colon + 1);
      const handle = byVerb.get(verb);
      if (handle === undefined) throw notFound(`"${verb || '(none)'}" is not a method of ${verbs.parent}/${model}; use ${known}.`);
      return handle(c, model);
    };
  }
  const handle = choose(group.entries, deps);
  return group.hasModel ? (c) => handle(c, c.req.param('model')) : (c) => handle(c, undefined);
}

export function registerDialectRoutes(app: Hono<AppEnv>, table: RouteTable, deps: DialectRouteDeps): void {
  for (const group of table.groups) app.on(group.method, group.path, groupHandler(group, deps));
}
