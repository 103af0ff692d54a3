// request.model → config aliases → the pool's catalog. Unknown names are a 404 that lists what exists.
import { GatewayError } from '../canonical/index.js';

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
      .map((k): [RegExp, string] => {
        const body = k.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
        return [new RegExp(`^${body}$`), aliases[k]!];
      });
    patternCache.set(aliases, patterns);
  }
  return patterns;
}

/**
 * The pool model id for a requested name, or undefined when nothing matches: the catalog first,
 * then exact aliases, then `*` aliases (Claude Code asks for whatever Anthropic released last).
 */
export function lookupModel(
  requested: string,
  aliases: Aliases,
  catalog: ReadonlySet<string>,
): string | undefined {
  const name = requested.trim().replace(/^models\//, '');
  for (const v of variants(name)) if (catalog.has(v)) return v;
  for (const v of variants(name)) {
    const target = aliases[v];
    if (target !== undefined && catalog.has(target)) return target;
  }
  for (const [re, target] of aliasPatterns(aliases)) if (re.test(name) && catalog.has(target)) return target;
  return undefined;
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
