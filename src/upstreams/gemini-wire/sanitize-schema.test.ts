import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fanOutSchema } from '../../../test/helpers/hostile-inputs.js';
import { fixFunctionName, newSchemaBudget, sanitizeParameters, sanitizeSchema, SCHEMA_NODE_BUDGET, SchemaTooLargeError } from './sanitize-schema.js';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));
const readJson = (p: string): unknown => JSON.parse(readFileSync(p, 'utf8'));
// A missing golden fails in CI; `vitest -u` rewrites them after an intended change (then review the diff).
function golden(name: string, actual: unknown): Promise<void> {
  return expect(JSON.stringify(actual, null, 2) + '\n').toMatchFileSnapshot(here(`./fixtures/${name}.expected.json`));
}

const KEYWORDS_GOOGLE_REJECTS = [
  '$schema', '$id', '$ref', '$defs', 'definitions', '$comment', 'additionalProperties', 'const', 'exclusiveMinimum',
  'exclusiveMaximum', 'propertyNames', 'patternProperties', 'unevaluatedProperties', 'if', 'then', 'else', 'not',
  'examples', 'default', 'contentEncoding', 'allOf', 'anyOf', 'oneOf', 'title', 'prefixItems',
];

/** Walks schema positions only (never property names) and returns every keyword found. */
function keywordsIn(schema: unknown, found = new Set<string>()): Set<string> {
  if (!schema || typeof schema !== 'object') return found;
  const s = schema as Record<string, unknown>;
  for (const k of Object.keys(s)) found.add(k);
  if (s.properties && typeof s.properties === 'object') for (const v of Object.values(s.properties)) keywordsIn(v, found);
  if (s.items) keywordsIn(s.items, found);
  return found;
}

// Tool schemas copied from shared/fixtures (Claude Code 2.1.330 and Codex captures).
const claudeCodeTools = (): Record<string, unknown> => readJson(here('./fixtures/claude-code-tools.input.json')) as Record<string, unknown>;
const codexTools = (): Record<string, unknown> => readJson(here('./fixtures/codex-tools.input.json')) as Record<string, unknown>;

describe('sanitizeParameters', () => {
  const cases = readJson(here('./fixtures/schema-edge-cases.input.json')) as Record<string, unknown>;

  it('matches the golden output for the edge cases', async () => {
    await golden('schema-edge-cases', Object.fromEntries(Object.entries(cases).map(([k, v]) => [k, sanitizeParameters(v)])));
  });

  it('matches the golden output for the Claude Code tools', async () => {
    const schemas = claudeCodeTools();
    expect(Object.keys(schemas).length).toBeGreaterThan(5);
    await golden('claude-code-tools', Object.fromEntries(Object.entries(schemas).map(([k, v]) => [k, sanitizeParameters(v)])));
  });

  it('matches the golden output for the Codex tools', async () => {
    const schemas = codexTools();
    await golden('codex-tools', Object.fromEntries(Object.entries(schemas).map(([k, v]) => [k, sanitizeParameters(v)])));
  });

  it('leaves no keyword Google rejects in any fixture', () => {
    const all = [
      ...Object.values(cases),
      ...Object.values(claudeCodeTools()),
      ...Object.values(codexTools()),
    ];
    for (const schema of all) {
      const found = keywordsIn(sanitizeParameters(schema));
      for (const k of KEYWORDS_GOOGLE_REJECTS) expect(found.has(k), `keyword ${k}`).toBe(false);
      for (const k of found) expect(k.startsWith('x-'), `keyword ${k}`).toBe(false);
    }
  });

  it('keeps properties named like keywords', () => {
    const out = sanitizeParameters(cases['properties-named-like-keywords']);
    expect(Object.keys(out.properties as object)).toEqual(['format', 'default', 'properties', 'required', '$schema']);
    expect(out.required).toEqual(['format', 'default', 'properties', 'required', '$schema']);
    expect((out.properties as Record<string, Record<string, unknown>>).properties!.properties).toEqual({ const: { type: 'STRING' } });
  });

  it('inlines $ref and stops at recursion', () => {
    const out = sanitizeParameters(cases['refs-and-recursion']) as { properties: Record<string, Record<string, unknown>> };
    const root = out.properties.root!;
    expect(root.type).toBe('OBJECT');
    const children = (root.properties as Record<string, Record<string, unknown>>).children!;
    expect(children.type).toBe('ARRAY');
    expect((children.items as Record<string, unknown>).description).toMatch(/recursive/);
    expect(out.properties.color).toEqual({ type: 'STRING', description: 'Pick one', enum: ['red', 'green'] });
  });

  it('takes nullable fields out of required and drops unknown required names', () => {
    const out = sanitizeParameters(cases['any-of-and-type-arrays']);
    expect(out.required).toEqual(['mixed']);
    const props = out.properties as Record<string, Record<string, unknown>>;
    expect(props.maybeText).toEqual({ type: 'STRING', description: 'Optional text', nullable: true });
    expect(props.literals).toEqual({ type: 'STRING', nullable: true, enum: ['a', 'b'] });
    expect(props.mixed!.type).toBe('OBJECT');
  });

  it('always answers an OBJECT with properties at the top', () => {
    expect(sanitizeParameters(undefined)).toEqual({ type: 'OBJECT', properties: {} });
    expect(sanitizeParameters({ type: 'string' })).toEqual({ type: 'OBJECT', properties: {} });
  });

  it('does not modify its input', () => {
    const input = structuredClone(cases['refs-and-recursion']);
    sanitizeParameters(input);
    expect(input).toEqual(cases['refs-and-recursion']);
  });
});

describe('sanitizeSchema (response schemas)', () => {
  it('allows a non-object top level', () => {
    expect(sanitizeSchema({ type: 'array', items: { type: 'integer', enum: [1, 2] } })).toEqual({
      type: 'ARRAY',
      items: { type: 'INTEGER', description: 'Allowed values: 1, 2' },
    });
  });
});

describe('fixFunctionName', () => {
  it.each([
    ['Read', 'Read'],
    ['mcp__server__tool', 'mcp__server__tool'],
    ['my tool/v2', 'my_tool_v2'],
    ['9lives', '_9lives'],
    ['ns.tool:run-1', 'ns.tool:run-1'],
    ['x'.repeat(80), 'x'.repeat(64)],
  ])('%s → %s', (input, expected) => {
    expect(fixFunctionName(input)).toBe(expected);
  });
});

describe('sanitizing within a budget (issue 11 rows 1, 5)', () => {
  it('stops a $ref fan-out at the node budget instead of expanding millions of nodes', () => {
    const budget = newSchemaBudget();
    expect(() => sanitizeParameters(fanOutSchema(21), budget)).toThrow(SchemaTooLargeError);
    // It stopped soon after the budget ran out, not after 2^21 nodes.
    expect(budget.nodes).toBeLessThanOrEqual(0);
    expect(budget.nodes).toBeGreaterThan(-100);
  });

  it('stops a fan-out of long descriptions at the size budget', () => {
    const schema = fanOutSchema(12) as { $defs: Record<string, Record<string, unknown>> };
    for (const d of Object.values(schema.$defs)) d.description = 'x'.repeat(10_000);
    expect(() => sanitizeParameters(schema)).toThrow(/characters/);
  });

  it('shares one budget between the schemas of a request', () => {
    const budget = newSchemaBudget();
    const small = fanOutSchema(10);
    let n = 0;
    expect(() => {
      for (; n < 1000; n++) sanitizeParameters(small, budget);
    }).toThrow(SchemaTooLargeError);
    expect(n).toBeGreaterThan(5);
  });

  it('keeps the tool sets of real clients well inside the budget', () => {
    const budget = newSchemaBudget();
    for (const s of [...Object.values(claudeCodeTools()), ...Object.values(codexTools())]) sanitizeParameters(s, budget);
    expect(budget.nodes).toBeGreaterThan(SCHEMA_NODE_BUDGET * 0.9);
  });

  it.each([
    ['a percent sign that is no escape', { $ref: '#/%' }],
    ['a broken escape', { type: 'object', properties: { a: { $ref: '#/%E0%A4%A' } } }],
    ['a pointer into nothing', { type: 'object', properties: { a: { $ref: '#/$defs/missing/deeper' } } }],
    ['a remote reference', { type: 'object', properties: { a: { $ref: 'https://example.com/s.json' } } }],
  ])('treats %s as an unresolved reference', (_name, schema) => {
    const out = sanitizeParameters(schema);
    expect(out.type).toBe('OBJECT');
  });

  it.each([
    ['allOf referring to the root', { allOf: [{ $ref: '#' }], type: 'object', properties: { a: { type: 'string' } } }],
    ['allOf referring to itself through a definition', { $ref: '#/$defs/a', $defs: { a: { allOf: [{ $ref: '#/$defs/a' }, { properties: { x: { type: 'integer' } } }] } } }],
    ['two definitions whose allOf refer to each other', { $ref: '#/$defs/a', $defs: { a: { allOf: [{ $ref: '#/$defs/b' }] }, b: { allOf: [{ $ref: '#/$defs/a' }] } } }],
    ['anyOf referring to itself', { anyOf: [{ $ref: '#' }, { type: 'object', properties: { a: { type: 'string' } } }] }],
  ])('ends %s without unbounded recursion', (_name, schema) => {
    const out = sanitizeParameters(schema);
    expect(out.type).toBe('OBJECT');
  });
});
