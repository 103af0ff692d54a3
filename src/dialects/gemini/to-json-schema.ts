// Google's `Schema` (OpenAPI subset, upper-case type enums) → the JSON Schema the canonical model
// carries. Walks keyword positions only: a property named `type` stays a property.

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** @example toJsonSchema({type: 'OBJECT', properties: {n: {type: 'INTEGER'}}}) // {type: 'object', ...} */
export function toJsonSchema(schema: Obj): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k === 'type' && typeof v === 'string') out[k] = v === 'TYPE_UNSPECIFIED' ? undefined : v.toLowerCase();
    else if (k === 'properties' && isObj(v)) out[k] = Object.fromEntries(Object.entries(v).map(([p, s]) => [p, isObj(s) ? toJsonSchema(s) : s]));
    else if (k === 'items' && isObj(v)) out[k] = toJsonSchema(v);
    else if (k === 'anyOf' && Array.isArray(v)) out[k] = v.map((s: unknown) => (isObj(s) ? toJsonSchema(s) : s));
    else out[k] = v;
  }
  if (out.type === undefined) delete out.type;
  return out;
}
