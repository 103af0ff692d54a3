// Turns a client's JSON Schema into the OpenAPI subset Google's function declarations and
// response schemas accept (shared/spec/google-upstream.md "Tool schema sanitizing"). Only
// schema positions are cleaned: a property *named* `format` or `default` is a field, not a keyword.
import type { GeminiSchema } from '../../protocols/gemini.js';
import { appendHint, mergeAllOf, pickBranch, type Json } from './schema-combinators.js';

const MAX_DEPTH = 40;

/**
 * What sanitizing one request may cost. `$ref`s can fan out (a few KB that expand to millions of
 * nodes), so the work is bounded by the nodes built and the text they carry, not by the input's
 * size. Real clients' tool sets (Claude Code, Codex) use a few hundred nodes.
 * @internal
 */
export const SCHEMA_NODE_BUDGET = 20_000;
/** @internal */
export const SCHEMA_SIZE_BUDGET = 8 * 1024 * 1024;

/** What is left of a request's budget; one object is shared by every schema of the request. */
export interface SchemaBudget {
  nodes: number;
  chars: number;
}

export const newSchemaBudget = (): SchemaBudget => ({ nodes: SCHEMA_NODE_BUDGET, chars: SCHEMA_SIZE_BUDGET });

/** A schema would expand past the budget; the caller names the tool in a 400. */
export class SchemaTooLargeError extends Error {
  override readonly name = 'SchemaTooLargeError';
}

function spendNode(budget: SchemaBudget): void {
  if (--budget.nodes < 0) {
    throw new SchemaTooLargeError(`it expands to more than ${SCHEMA_NODE_BUDGET} schema nodes once its $refs are inlined`);
  }
}

function spendChars(budget: SchemaBudget, n: number): void {
  budget.chars -= n;
  if (budget.chars < 0) {
    throw new SchemaTooLargeError(`it expands to more than ${SCHEMA_SIZE_BUDGET} characters once its $refs are inlined`);
  }
}

/** Google's Type enum spelling; the proto JSON parser knows these names for sure. */
const TYPE_NAMES: Record<string, string> = {
  string: 'STRING',
  number: 'NUMBER',
  integer: 'INTEGER',
  boolean: 'BOOLEAN',
  array: 'ARRAY',
  object: 'OBJECT',
};

/** Constraints Google rejects or ignores: kept for the model as description text. */
const HINT_KEYS = [
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
] as const;

const KEPT_FORMATS = new Set(['enum', 'date-time']);

interface Ctx {
  root: Json;
  /** $ref targets being expanded right now: a repeat means recursion. */
  expanding: string[];
  depth: number;
  budget: SchemaBudget;
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Sanitizes a tool's parameter schema: the result is always an OBJECT schema. Throws
 * SchemaTooLargeError when the budget runs out.
 */
export function sanitizeParameters(schema: unknown, budget: SchemaBudget = newSchemaBudget()): GeminiSchema {
  const root = isObject(schema) ? schema : {};
  const out = sanitizeNode(root, { root, expanding: [], depth: 0, budget });
  if (out.type !== 'OBJECT') {
    const { description } = out;
    return { type: 'OBJECT', properties: {}, ...(typeof description === 'string' ? { description } : {}) };
  }
  if (!isObject(out.properties)) out.properties = {};
  return out;
}

/** Sanitizes a response schema (structured output); any top-level type is allowed. */
export function sanitizeSchema(schema: unknown, budget: SchemaBudget = newSchemaBudget()): GeminiSchema {
  const root = isObject(schema) ? schema : {};
  return sanitizeNode(root, { root, expanding: [], depth: 0, budget });
}

function resolveRef(node: Json, ctx: Ctx): { node: Json; ref?: string; recursive?: boolean } {
  const ref = node.$ref;
  if (typeof ref !== 'string') return { node };
  const { $ref: _drop, ...siblings } = node;
  if (ctx.expanding.includes(ref)) return { node: siblings, ref, recursive: true };
  const target = lookupRef(ref, ctx.root);
  if (!target) return { node: { ...siblings, description: appendHint(siblings.description, `reference ${ref}`) } };
  // Siblings (a description, say) win over the referenced schema's own.
  return { node: { ...target, ...siblings }, ref };
}

function lookupRef(ref: string, root: Json): Json | undefined {
  if (ref === '#') return root;
  if (!ref.startsWith('#/')) return undefined;
  let cur: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodePointerToken(raw);
    if (key === undefined) return undefined;
    if (!isObject(cur)) return undefined;
    cur = cur[key];
  }
  return isObject(cur) ? cur : undefined;
}

/** One JSON-pointer segment: percent-decoding (a `%` that is no escape makes it unresolvable), then ~1 and ~0. */
function decodePointerToken(raw: string): string | undefined {
  let key = raw;
  if (raw.includes('%')) {
    try {
      key = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
  }
  return key.replace(/~1/g, '/').replace(/~0/g, '~');
}

function sanitizeNode(input: Json, ctx: Ctx): GeminiSchema {
  spendNode(ctx.budget);
  if (ctx.depth > MAX_DEPTH) return { type: 'OBJECT', description: 'Nested too deeply to describe.' };
  const resolved = resolveRef(input, ctx);
  if (resolved.recursive) {
    const name = resolved.ref?.split('/').pop() ?? 'schema';
    return { type: 'OBJECT', description: appendHint(resolved.node.description, `recursive: same shape as ${name}`) };
  }
  const inner: Ctx = resolved.ref ? { ...ctx, expanding: [...ctx.expanding, resolved.ref] } : ctx;
  let node = resolved.node;
  const deref = (n: Json): Json => {
    let cur = n;
    for (let hops = 0; typeof cur.$ref === 'string' && hops < 8; hops++) {
      spendNode(ctx.budget);
      const r = resolveRef(cur, inner);
      if (r.recursive) return { type: 'object', description: appendHint(r.node.description, `recursive: same shape as ${r.ref?.split('/').pop() ?? 'schema'}`) };
      cur = r.node;
    }
    return cur;
  };
  // A chosen branch may itself be a composition: reduce until none is left (bounded).
  for (let round = 0; round < 8; round++) {
    if (Array.isArray(node.allOf)) node = mergeAllOf(node, deref);
    else if (Array.isArray(node.anyOf) || Array.isArray(node.oneOf)) {
      const branches = (Array.isArray(node.anyOf) ? node.anyOf : node.oneOf) as unknown[];
      node = pickBranch(node, branches.filter(isObject).map(deref));
    } else if (typeof node.$ref === 'string') node = deref(node);
    else break;
  }
  return buildNode(node, { ...inner, depth: ctx.depth + 1 });
}

function buildNode(node: Json, ctx: Ctx): GeminiSchema {
  const out: GeminiSchema = {};
  const hints: string[] = [];
  let nullable = node.nullable === true;
  // Enum strings and the description: the text this node adds to the request Google gets.
  let textChars = 0;

  let type: string | undefined;
  const rawTypes = Array.isArray(node.type) ? node.type : typeof node.type === 'string' ? [node.type] : [];
  const types = rawTypes.filter((t): t is string => typeof t === 'string').map((t) => t.toLowerCase());
  if (types.includes('null')) nullable = true;
  const concrete = types.filter((t) => t !== 'null' && TYPE_NAMES[t]);
  if (concrete.length > 1) hints.push(`Accepts: ${concrete.join(' | ')}`);
  type = concrete[0];

  let values: unknown[] | undefined = Array.isArray(node.enum) ? node.enum : 'const' in node ? [node.const] : undefined;
  if (values) {
    if (values.includes(null)) nullable = true;
    values = values.filter((v) => v !== null);
  }
  if (!type) {
    if (isObject(node.properties)) type = 'object';
    else if (node.items !== undefined || node.prefixItems !== undefined) type = 'array';
    else if (values && values.length > 0) type = 'string';
    else if (types.length === 1 && types[0] === 'null') type = 'string';
  }
  if (type) out.type = TYPE_NAMES[type];

  if (values && values.length > 0) {
    if (type === 'string') {
      const strings = values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
      for (const v of strings) textChars += v.length;
      out.enum = strings;
    }
    // Google only takes enums of strings; stringifying a number enum would make the model send strings.
    else hints.push(`Allowed values: ${values.map((v) => JSON.stringify(v)).join(', ')}`);
  }

  if (typeof node.format === 'string') {
    if (type === 'string' && KEPT_FORMATS.has(node.format)) out.format = node.format;
    else hints.push(`format: ${node.format}`);
  }
  for (const key of HINT_KEYS) {
    const v = node[key];
    // Zod writes the safe-integer limits on every integer: noise, not a constraint.
    if (typeof v === 'number' && Math.abs(v) >= Number.MAX_SAFE_INTEGER) continue;
    if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') hints.push(`${key}: ${String(v)}`);
  }

  if (type === 'object') buildObject(node, out, ctx);
  if (type === 'object' && !isObject(node.properties) && node.additionalProperties !== false && node.additionalProperties !== undefined) {
    hints.push('an object with any keys');
  }
  if (type === 'array') {
    const items: unknown = Array.isArray(node.prefixItems) ? node.prefixItems[0] : Array.isArray(node.items) ? node.items[0] : node.items;
    out.items = isObject(items) ? sanitizeNode(items, ctx) : { type: 'STRING' };
  }
  if (nullable) out.nullable = true;

  let description = typeof node.description === 'string' ? node.description : typeof node.title === 'string' ? node.title : undefined;
  if (hints.length > 0) description = appendHint(description, hints.join('; '));
  if (description !== undefined) out.description = description;
  spendChars(ctx.budget, textChars + (description?.length ?? 0));
  return orderKeys(out);
}

function buildObject(node: Json, out: GeminiSchema, ctx: Ctx): void {
  const props: Record<string, GeminiSchema> = {};
  const required = new Set(Array.isArray(node.required) ? node.required.filter((r): r is string => typeof r === 'string') : []);
  if (isObject(node.properties)) {
    for (const [name, schema] of Object.entries(node.properties)) {
      // A property schema may be `true` (anything) or carry MCP's boolean `required: true`.
      const child = isObject(schema) ? schema : {};
      if (child.required === true) required.add(name);
      spendChars(ctx.budget, name.length);
      const clean = sanitizeNode(child, ctx);
      props[name] = clean;
      // A field that may be null is optional for Google: it has no way to send a null.
      if (clean.nullable === true) required.delete(name);
    }
    out.properties = props;
  }
  const kept = [...required].filter((r) => r in props);
  if (kept.length > 0) out.required = kept;
}

/** Stable key order keeps golden fixtures readable. */
function orderKeys(s: GeminiSchema): GeminiSchema {
  const order = ['type', 'format', 'description', 'nullable', 'enum', 'properties', 'required', 'items'];
  const out: GeminiSchema = {};
  for (const k of order) if (k in s) out[k] = s[k];
  return out;
}

/**
 * Google's function-name rule: letters, digits, `_ . : -`, up to 64 characters, not starting
 * with a digit (the stricter of the limits seen).
 */
export function fixFunctionName(name: string): string {
  let fixed = name.replace(/[^A-Za-z0-9_.:-]/g, '_');
  if (!/^[A-Za-z_]/.test(fixed)) fixed = `_${fixed}`;
  return fixed.slice(0, 64);
}
