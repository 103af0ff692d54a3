// The registry's routes as the server registers them: one hono path per method and path, each with
// its candidates in the order they are tried. Built once at start; a declaration that cannot be
// served (a missing renderer, two unconditioned routes on one path) stops the start with its reason.
import type { Dialect, DialectRoute } from '../../dialects/dialect.js';
import { checkDialect, type DialectRegistry } from '../../dialects/registry.js';

export interface RouteEntry {
  dialect: Dialect;
  route: DialectRoute;
}

export interface RouteGroup {
  method: DialectRoute['method'];
  /** The path as hono registers it: `{model}` becomes the `:model` parameter. */
  path: string;
  /**
   * `{model}:verb` paths: the candidates by verb, verbs in declaration order, and the segment
   * before the model (`models`), which names the resource in a not-found answer.
   */
  verbs?: { byVerb: Map<string, RouteEntry[]>; parent: string };
  /** Plain paths and `{model}` as a whole segment: the candidates, in the order they are tried. */
  entries: RouteEntry[];
  /** Whether the path carries `{model}`. */
  hasModel: boolean;
}

export interface RouteTable {
  groups: RouteGroup[];
  /** Paths, by method, served without the API key. */
  openPaths: ReadonlyMap<string, ReadonlySet<string>>;
  /** Paths whose access log lines are debug-level. */
  quietPaths: ReadonlySet<string>;
}

const VERB_PATH = /^(.*)\/\{model\}:([\w-]+)$/;
const MODEL_PATH = /^(.*)\/\{model\}$/;

const isConditioned = (r: DialectRoute): boolean => r.when !== undefined && (r.when.header !== undefined || Object.keys(r.when.query ?? {}).length > 0);

/** Higher priority first; at equal priority, routes with a condition before the one without. */
function byPrecedence(a: RouteEntry, b: RouteEntry): number {
  const p = (b.route.priority ?? 0) - (a.route.priority ?? 0);
  return p !== 0 ? p : Number(isConditioned(b.route)) - Number(isConditioned(a.route));
}

function ordered(entries: RouteEntry[], where: string): RouteEntry[] {
  const sorted = [...entries].sort(byPrecedence);
  const plain = sorted.filter((e) => !isConditioned(e.route));
  if (plain.length > 1) throw new Error(`${where} is served by ${plain.map((e) => e.dialect.name).join(' and ')} with no condition to choose between them.`);
  return sorted;
}

export function buildRouteTable(registry: DialectRegistry): RouteTable {
  const problems = registry.dialects.flatMap(checkDialect);
  if (problems.length > 0) throw new Error(`The dialect registry cannot be served: ${problems.join('; ')}.`);
  const groups = new Map<string, RouteGroup>();
  const openPaths = new Map<string, Set<string>>();
  const quietPaths = new Set<string>();
  for (const dialect of registry.dialects) {
    for (const route of dialect.routes) {
      const verb = VERB_PATH.exec(route.path);
      const prefix = verb?.[1] ?? MODEL_PATH.exec(route.path)?.[1];
      const path = prefix !== undefined ? `${prefix}/:model` : route.path;
      const key = `${route.method} ${path}`;
      let group = groups.get(key);
      if (group === undefined) {
        group = { method: route.method, path, entries: [], hasModel: prefix !== undefined };
        if (verb !== null) group.verbs = { byVerb: new Map(), parent: verb[1]?.split('/').at(-1) ?? '' };
        groups.set(key, group);
      }
      if ((verb !== null) !== (group.verbs !== undefined)) {
        throw new Error(`${route.method} ${route.path} (${dialect.name}) mixes {model}:verb and plain routes on one path.`);
      }
      const entry: RouteEntry = { dialect, route };
      const name = verb?.[2];
      if (name !== undefined && group.verbs !== undefined) {
        const list = group.verbs.byVerb.get(name) ?? [];
        list.push(entry);
        group.verbs.byVerb.set(name, list);
      } else group.entries.push(entry);
      if ((route.open || route.quiet) && prefix !== undefined) throw new Error(`${route.method} ${route.path} (${dialect.name}): only fixed paths can be open or quiet.`);
      if (route.open) {
        const set = openPaths.get(route.method) ?? new Set<string>();
        set.add(route.path);
        openPaths.set(route.method, set);
      }
      if (route.quiet) quietPaths.add(route.path);
    }
  }
  for (const g of groups.values()) {
    g.entries = ordered(g.entries, `${g.method} ${g.path}`);
    for (const [verb, list] of g.verbs?.byVerb ?? []) g.verbs?.byVerb.set(verb, ordered(list, `${g.method} ${g.path}:${verb}`));
  }
  return { groups: [...groups.values()], openPaths, quietPaths };
}
