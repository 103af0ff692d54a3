// request.model → config aliases → the pool's catalog. Unknown names are a 404 that lists what exists.
import { GatewayError } from '../canonical/index.js';
import { starPattern } from '../util/star-pattern.js';

/** Claude Code sends dated ids (claude-sonnet-4-5-20250929) and `[1m]` context suffixes. */
function variants(name: string): string[] {
  const out = [name];
  const bare = name.replace(/\[[^\]]*\]$/, '');
  if (bare !== name) out.push(bare);
  const undated = bare.replace(/-\d{8}$/, '');
  if (undated !== bare) out.push(undated);
  const unlatest = bare.replace(/-latest$/, '');
  if (unlatest !== bare) out.push(unlatest);
  return out;
}

type Aliases = Readonly<Record<string, string>>;

/** `*` alias keys as regexes, longest (most specific) first; compiled once per aliases object. */
const patternCache = new WeakMap<Aliases, Array<[RegExp, string]>>();

function aliasPatterns(aliases: Aliases): Array<[RegExp, string]> {
  let patterns = patternCache.get(aliases);
  if (patterns === undefined) {
    patterns = Object.keys(aliases)
      .filter((k) => k.includes('*'))
      .sort((a, b) => b.length - a.length)
      .map((k): [RegExp, string] => [starPattern(k), aliases[k]!]);
    patternCache.set(aliases, patterns);
  }
  return patterns;
}

/** How many aliases one lookup may follow (`gpt-5` → `gemini-3.1-pro-high` → `gemini-3-pro-preview`). */
const MAX_HOPS = 4;

/** The alias targets of a name in order: exact aliases of its variants, then `*` aliases; lazily. */
function* aliasTargets(name: string, aliases: Aliases): Generator<string> {
  for (const v of variants(name)) {
    const target = aliases[v];
    if (target !== undefined) yield target;
  }
  for (const [re, target] of aliasPatterns(aliases)) if (re.test(name)) yield target;
}

/** `seen` is made on the first hop: a name the catalog has (most requests) allocates nothing. */
function follow(name: string, aliases: Aliases, catalog: ReadonlySet<string>, seen?: Set<string>): string | undefined {
  for (const v of variants(name)) if (catalog.has(v)) return v;
  for (const target of aliasTargets(name, aliases)) {
    if (catalog.has(target)) return target;
    seen ??= new Set([name]);
    if (seen.has(target) || seen.size > MAX_HOPS) continue;
    seen.add(target);
    // A target the pool does not serve may itself be an alias: the defaults send Antigravity's
    // names to gemini-cli's and back, so one alias table fits pools of either flavor.
    const found = follow(target, aliases, catalog, seen);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * The pool model id for a requested name, or undefined when nothing matches: the catalog first,
 * then exact aliases, then `*` aliases (Claude Code asks for whatever Anthropic released last);
 * an alias whose target the pool does not serve is followed on through that target's own alias.
 */
export function lookupModel(
  requested: string,
  aliases: Aliases,
  catalog: ReadonlySet<string>,
): string | undefined {
  const name = requested.trim().replace(/^models\//, '');
  return follow(name, aliases, catalog);
}

/** The aliases that lead somewhere in this catalog, each with the model it reaches; for listings. */
export function servedAliases(aliases: Aliases, catalog: ReadonlySet<string>): Array<{ alias: string; model: string }> {
  const out: Array<{ alias: string; model: string }> = [];
  for (const alias of Object.keys(aliases).sort()) {
    // A name the pool serves itself never reaches its alias.
    if (catalog.has(alias)) continue;
    const model = alias.includes('*') ? lookupModel(aliases[alias]!, aliases, catalog) : lookupModel(alias, aliases, catalog);
    if (model !== undefined) out.push({ alias, model });
  }
  return out;
}

export function resolveModel(
  requested: string,
  aliases: Readonly<Record<string, string>>,
  catalog: ReadonlySet<string>,
): string {
  const found = lookupModel(requested, aliases, catalog);
  if (found !== undefined) return found;
  const available = [...catalog].sort();
  const list = available.length > 0 ? available.join(', ') : 'none (no usable account)';
  const aliased = aliases[requested];
  const via = aliased !== undefined ? ` (an alias for "${aliased}", which no account serves)` : '';
  throw new GatewayError('not_found', `The model "${requested}"${via} is not available. Available models: ${list}.`, {
    param: 'model',
  });
}
