// allOf / anyOf / oneOf reduced to one schema, since Google's function schema has no
// composition worth relying on. Works on raw JSON Schema; sanitize-schema cleans the result.

export type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** allOf inside allOf is merged this deep; past it (an allOf that refers to itself) the rest is dropped. */
const MAX_ALLOF_NESTING = 8;

/** allOf: properties merged, required united, the first value of any other keyword kept. */
export function mergeAllOf(node: Json, deref: (n: Json) => Json, nesting = 0): Json {
  const { allOf, ...rest } = node;
  const out: Json = { ...rest };
  const required = new Set<string>(stringList(rest.required));
  const props: Json = isObject(rest.properties) ? { ...rest.properties } : {};
  let sawProps = isObject(rest.properties);
  for (const raw of Array.isArray(allOf) ? allOf : []) {
    if (!isObject(raw)) continue;
    let branch = deref(raw);
    if (Array.isArray(branch.allOf)) {
      if (nesting < MAX_ALLOF_NESTING) branch = mergeAllOf(branch, deref, nesting + 1);
      else {
        const { allOf: _drop, ...flat } = branch;
        branch = flat;
      }
    }
    for (const r of stringList(branch.required)) required.add(r);
    if (isObject(branch.properties)) {
      sawProps = true;
      for (const [k, v] of Object.entries(branch.properties)) if (!(k in props)) props[k] = v;
    }
    for (const [k, v] of Object.entries(branch)) {
      if (k === 'properties' || k === 'required') continue;
      if (!(k in out)) out[k] = v;
    }
  }
  if (sawProps) out.properties = props;
  if (required.size > 0) out.required = [...required];
  else delete out.required;
  if (sawProps && out.type === undefined) out.type = 'object';
  return out;
}

/**
 * anyOf / oneOf: null branches become `nullable`; enum and const branches unite into one enum;
 * otherwise the most informative branch wins (object > array > other) and the others are
 * named in the description.
 */
export function pickBranch(node: Json, branches: Json[]): Json {
  const { anyOf: _a, oneOf: _o, ...rest } = node;
  const nonNull = branches.filter((b) => !isNullOnly(b));
  const nullable = nonNull.length < branches.length || rest.nullable === true;
  const withNull = (n: Json): Json => (nullable ? { ...n, nullable: true } : n);
  const informative = nonNull.filter(isInformative);
  if (informative.length === 0) return withNull(nonNull.length < branches.length && nonNull.length === 0 ? { ...rest, type: rest.type ?? 'null' } : rest);

  const literals = informative.every((b) => 'const' in b || (Array.isArray(b.enum) && !isObject(b.properties)));
  if (literals && informative.length > 1) {
    const values = informative.flatMap((b) => ('const' in b ? [b.const] : (b.enum as unknown[])));
    const type = rest.type ?? informative.find((b) => typeof b.type === 'string')?.type ?? 'string';
    return withNull({ ...rest, type, enum: values });
  }

  let best = informative[0]!;
  for (const b of informative) if (rank(b) > rank(best)) best = b;
  const merged: Json = { ...best, ...rest };
  if (rest.description === undefined && best.description !== undefined) merged.description = best.description;
  if (informative.length > 1) {
    const names = [...new Set(informative.map(typeName))];
    if (names.length > 1) merged.description = appendHint(merged.description, `Accepts: ${names.join(' | ')}`);
  }
  return withNull(merged);
}

function stringList(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function isNullOnly(b: Json): boolean {
  if (b.type === 'null') return true;
  return Array.isArray(b.type) && b.type.length > 0 && b.type.every((t) => t === 'null');
}

function isInformative(b: Json): boolean {
  return ['type', 'properties', 'items', 'enum', 'const', '$ref', 'anyOf', 'oneOf', 'allOf'].some((k) => k in b);
}

function typeName(b: Json): string {
  if (typeof b.type === 'string') return b.type;
  if (Array.isArray(b.type)) return b.type.filter((t) => t !== 'null').join(' | ') || 'null';
  if (isObject(b.properties)) return 'object';
  if (b.items !== undefined) return 'array';
  return 'value';
}

function rank(b: Json): number {
  const t = typeName(b);
  if (t === 'object') return isObject(b.properties) ? 4 : 3.5;
  if (t === 'array') return 3;
  if (t === 'value') return 1;
  return 2;
}

/** Adds a parenthesized note to a description (constraints Google would reject, dropped types). */
export function appendHint(description: unknown, hint: string): string {
  const base = typeof description === 'string' ? description.trim() : '';
  return base ? `${base} (${hint})` : hint;
}
