// Property-based fuzzing of the schema sanitizer with JSON Schemas full of $refs (fan-outs, cycles,
// broken pointers), compositions that refer to themselves, and junk at every position. The work
// is bounded by counting, not timing: every read of the input is counted through a proxy, and
// reads stay within a constant times the node budget.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  newSchemaBudget,
  sanitizeParameters,
  sanitizeSchema,
  SCHEMA_NODE_BUDGET,
  SCHEMA_SIZE_BUDGET,
  SchemaTooLargeError,
} from '../../src/upstreams/gemini-wire/sanitize-schema.js';
import { fanOutSchema } from '../helpers/hostile-inputs.js';
import { heapGrowth, hostileJson, MIB, params, type Json } from '../helpers/fuzz-support.js';

const DEFS = ['a', 'b', 'c', 'd'];
const ref = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...DEFS.map((d) => `#/$defs/${d}`)) },
  { weight: 1, arbitrary: fc.constantFrom('#', '#/%', '#/%E0%A4%A', '#/$defs/missing/x', '#/properties/a', 'https://example.com/s.json', '#/$defs/a~1b', '') },
);
const typeName = fc.constantFrom('string', 'number', 'integer', 'boolean', 'null', 'object', 'array', 'STRING', 'nonsense');

const schema: fc.Arbitrary<Json> = fc.letrec<{ s: Json }>((tie) => ({
  s: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ $ref: ref }, { requiredKeys: ['$ref'] }),
    fc.record(
      {
        type: fc.oneof(typeName, fc.array(typeName, { maxLength: 3 })),
        description: fc.string({ maxLength: 30 }),
        enum: fc.array(hostileJson, { maxLength: 4 }),
        format: fc.constantFrom('date-time', 'uri', 'enum', 'weird'),
        minimum: fc.double(),
        pattern: fc.string({ maxLength: 10 }),
        nullable: fc.boolean(),
      },
      { requiredKeys: [] },
    ),
    fc.record(
      {
        type: fc.constant('object'),
        properties: fc.dictionary(fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('format', 'default', '$ref', '__proto__', 'required')), tie('s'), { maxKeys: 4 }),
        required: fc.oneof(fc.array(fc.string({ maxLength: 6 }), { maxLength: 3 }), fc.boolean()),
        additionalProperties: fc.oneof(fc.boolean(), tie('s')),
      },
      { requiredKeys: ['properties'] },
    ),
    fc.record({ type: fc.constant('array'), items: fc.oneof(tie('s'), fc.array(tie('s'), { maxLength: 2 })), prefixItems: fc.array(tie('s'), { maxLength: 2 }) }, { requiredKeys: ['items'] }),
    fc.record({ allOf: fc.array(tie('s'), { maxLength: 3 }), $ref: ref }, { requiredKeys: ['allOf'] }),
    fc.record({ anyOf: fc.array(tie('s'), { maxLength: 3 }) }),
    fc.record({ oneOf: fc.array(tie('s'), { maxLength: 3 }), description: fc.string({ maxLength: 10 }) }, { requiredKeys: ['oneOf'] }),
    hostileJson,
  ),
})).s;

/** A root schema whose $defs refer to each other at random: cycles, fan-outs and all. */
const rootSchema: fc.Arbitrary<Json> = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(schema, fc.tuple(...DEFS.map(() => schema))).map(([s, defs]): Json => {
    const base = s !== null && typeof s === 'object' && !Array.isArray(s) ? s : { type: 'object', properties: { v: s } };
    return { ...base, $defs: Object.fromEntries(DEFS.map((d, i) => [d, defs[i]!])) };
  }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 24 }).map(fanOutSchema) as fc.Arbitrary<Json> },
);

/** `value` behind proxies that count every property read, at any depth. */
function counted(value: Json): { value: Json; reads: () => number } {
  let reads = 0;
  const cache = new WeakMap<object, object>();
  const wrap = (v: unknown): unknown => {
    if (v === null || typeof v !== 'object') return v;
    let p = cache.get(v);
    if (p === undefined) {
      p = new Proxy(v, {
        get(target, k, receiver) {
          reads++;
          return wrap(Reflect.get(target, k, receiver));
        },
      });
      cache.set(v, p);
    }
    return p;
  };
  return { value: wrap(value) as Json, reads: () => reads };
}

const ALLOWED = new Set(['type', 'format', 'description', 'nullable', 'enum', 'properties', 'required', 'items']);
const TYPES = new Set(['STRING', 'NUMBER', 'INTEGER', 'BOOLEAN', 'ARRAY', 'OBJECT']);

/** Only Google's subset at schema positions, at every depth. */
function expectGoogleSubset(s: unknown): void {
  expect(s !== null && typeof s === 'object' && !Array.isArray(s)).toBe(true);
  const o = s as Record<string, unknown>;
  for (const k of Object.keys(o)) expect(ALLOWED.has(k), `keyword ${k}`).toBe(true);
  if (o.type !== undefined) expect(TYPES.has(o.type as string)).toBe(true);
  if (o.enum !== undefined) expect((o.enum as unknown[]).every((v) => typeof v === 'string')).toBe(true);
  if (o.properties !== undefined) for (const v of Object.values(o.properties as object)) expectGoogleSubset(v);
  if (o.items !== undefined) expectGoogleSubset(o.items);
}

/** A tenth of the real node budget: proportionality shows as well, at a tenth of the cost. */
const FUZZ_NODES = SCHEMA_NODE_BUDGET / 10;

/** Sanitizes; the only failure allowed is the budget's, and the work stays within the budget. */
function check(input: Json, sanitize: typeof sanitizeParameters): void {
  const { value, reads } = counted(input);
  const budget = { nodes: FUZZ_NODES, chars: SCHEMA_SIZE_BUDGET };
  let out: unknown;
  try {
    out = sanitize(value, budget);
  } catch (e) {
    if (!(e instanceof SchemaTooLargeError)) throw e;
  }
  // The budget stops the walk the moment it runs out.
  expect(budget.nodes).toBeGreaterThanOrEqual(-1);
  // Reads bounded by nodes built (each reads a bounded number of keywords) plus the input's own size.
  const spent = FUZZ_NODES - budget.nodes;
  expect(reads()).toBeLessThanOrEqual(400 * (spent + 1) + 20 * JSON.stringify(input).length);
  if (out === undefined) return;
  expectGoogleSubset(out);
  expect(JSON.stringify(out).length).toBeLessThanOrEqual(SCHEMA_SIZE_BUDGET + 64 * spent);
}

describe('the schema sanitizer under fuzzing', () => {
  it('sanitizes tool parameters within its budget, or refuses with the budget error', () => {
    fc.assert(
      fc.property(rootSchema, (s) => {
        check(s, sanitizeParameters);
      }),
      params(100),
    );
  });

  it('does the same for response schemas of any top-level type', () => {
    fc.assert(
      fc.property(rootSchema, (s) => check(s, sanitizeSchema)),
      params(80),
    );
  });

  it('stops the fan-outs of the issue at the real budget', () => {
    fc.assert(
      fc.property(fc.integer({ min: 15, max: 30 }), (levels) => {
        const budget = newSchemaBudget();
        expect(() => sanitizeParameters(fanOutSchema(levels), budget)).toThrow(SchemaTooLargeError);
        expect(budget.nodes).toBe(-1);
      }),
      params(3),
    );
  });

  it('keeps memory bounded over many schemas', async () => {
    const growth = await heapGrowth(() => {
      fc.assert(
        fc.property(rootSchema, (s) => {
          try {
            sanitizeParameters(s, { nodes: FUZZ_NODES, chars: SCHEMA_SIZE_BUDGET });
          } catch (e) {
            if (!(e instanceof SchemaTooLargeError)) throw e;
          }
        }),
        params(80),
      );
    });
    expect(growth).toBeLessThan(200 * MIB);
  });
});
