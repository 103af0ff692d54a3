// Inputs from issue 11's attack table, shared by the unit, fuzz and e2e tests.

/** Row 1: `d_i → {l: $ref d_{i+1}, r: $ref d_{i+1}}`, a few KB that expand to 2^levels nodes. */
export function fanOutSchema(levels: number): Record<string, unknown> {
  const defs: Record<string, unknown> = {};
  for (let i = 0; i < levels; i++) {
    defs[`d${i}`] = { type: 'object', properties: { l: { $ref: `#/$defs/d${i + 1}` }, r: { $ref: `#/$defs/d${i + 1}` } } };
  }
  defs[`d${levels}`] = { type: 'string' };
  return { type: 'object', properties: { root: { $ref: '#/$defs/d0' } }, $defs: defs };
}

/** Row 4: `{"a":{"a":...{"a":leaf}}}` `depth` objects deep, built without recursion. */
export function nested(depth: number, leaf: unknown = 1): Record<string, unknown> {
  let v: unknown = leaf;
  for (let i = 0; i < depth; i++) v = { a: v };
  return v as Record<string, unknown>;
}

/** The same as JSON text, without JSON.stringify (which itself overflows the stack past ~5,000 levels). */
export function nestedJson(depth: number, leaf = '1'): string {
  return '{"a":'.repeat(depth) + leaf + '}'.repeat(depth);
}
