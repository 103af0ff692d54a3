// Arbitraries and checks shared by the property-based fuzz suite (issue 11 item 7): real requests
// as seeds, mutated at random places with hostile JSON, and the one property every client input
// must keep: a canonical request, or a GatewayError the client is to blame for (a 4xx), never a
// crash. Runs are deterministic (FUZZ_SEED, default fixed) and small (FUZZ_RUNS scales them) so
// `npm test` stays fast; raise FUZZ_RUNS to explore, and a failure prints its seed and path.
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { expect } from 'vitest';
import { GatewayError } from '../../src/canonical/index.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_111);
const SCALE = Number(process.env.FUZZ_RUNS ?? 1);

/** fast-check parameters: fixed seed, `runs` scaled by FUZZ_RUNS. */
export const params = (runs: number): fc.Parameters<unknown> => ({ seed: SEED, numRuns: Math.max(1, Math.round(runs * SCALE)) });

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every `*.request.json` fixture under a dialect's fixture folder, as seeds. */
export function fixtureSeeds(dir: URL): Json[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.request.json'))
    .map((f) => JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as Json);
}

export function captureBody(name: string): Json {
  return (JSON.parse(readFileSync(new URL(`../fixtures/captures/${name}.json`, import.meta.url), 'utf8')) as { body: Json }).body;
}

// Keys and strings that have broken parsers before: prototype names, schema keywords, odd text.
const TRICKY_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'type', 'role', 'content', '$ref', 'allOf', 'anyOf', 'properties', 'items', 'required', ''];
const TRICKY_STRINGS = ['', ' ', '\u0000', '\n\r', '\u2028', '%', '#/%', '#', '#/$defs/x', '{"a":', '[]', 'null', 'data:', 'data:image/png;base64,!!', '\ud800', '😀', 'x'.repeat(300)];

const key = fc.oneof({ weight: 3, arbitrary: fc.string({ maxLength: 8 }) }, { weight: 1, arbitrary: fc.constantFrom(...TRICKY_KEYS) });

/** Any JSON value, leaning towards the shapes and strings parsers trip on; kept small. */
export const hostileJson: fc.Arbitrary<Json> = fc.letrec<{ value: Json }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -1, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2)),
    fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom(...TRICKY_STRINGS)),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(key, tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** The paths of every value inside `v` (objects' keys, arrays' indexes). */
function pathsOf(v: Json, at: Array<string | number> = [], out: Array<Array<string | number>> = []): Array<Array<string | number>> {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => pathsOf(x, [...at, i], out));
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) pathsOf(x, [...at, k], out);
  return out;
}

type Mutation = { kind: 'replace'; with: Json } | { kind: 'delete' } | { kind: 'wrap' } | { kind: 'duplicate' };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: hostileJson.map((w): Mutation => ({ kind: 'replace', with: w })) },
  { weight: 2, arbitrary: fc.constant<Mutation>({ kind: 'delete' }) },
  { weight: 1, arbitrary: fc.constant<Mutation>({ kind: 'wrap' }) },
  { weight: 1, arbitrary: fc.constant<Mutation>({ kind: 'duplicate' }) },
);

function applyMutation(root: Json, path: Array<string | number>, m: Mutation): Json {
  if (path.length === 0) return m.kind === 'replace' ? m.with : m.kind === 'wrap' ? [root] : root;
  const copy = structuredClone(root);
  let parent: Json = copy;
  for (const p of path.slice(0, -1)) parent = (parent as Record<string | number, Json>)[p]!;
  const last = path.at(-1)!;
  const holder = parent as Record<string | number, Json>;
  if (m.kind === 'replace') holder[last] = m.with;
  else if (m.kind === 'wrap') holder[last] = [holder[last]!];
  else if (m.kind === 'duplicate' && Array.isArray(parent)) parent.push(structuredClone(holder[last]!));
  else if (Array.isArray(parent)) parent.splice(Number(last), 1);
  else delete holder[last];
  return copy;
}

/** A seed with one to three random places mutated. */
export function mutated(seeds: readonly Json[]): fc.Arbitrary<Json> {
  return fc.constantFrom(...seeds).chain((seed) => {
    const paths = pathsOf(seed);
    return fc
      .array(fc.tuple(fc.nat({ max: paths.length - 1 }), mutation), { minLength: 1, maxLength: 3 })
      .map((steps) => steps.reduce<Json>((v, [i, m]) => {
        const all = pathsOf(v);
        return applyMutation(v, all[i % all.length]!, m);
      }, seed));
  });
}

/** Kinds that say "the client sent something wrong": the 4xx a bad body may get. */
const CLIENT_KINDS = new Set(['invalid_request', 'not_found', 'too_large']);

/** Runs `f`; passes when it returns, or throws a GatewayError of a client kind whose message says something. */
export function expectClientOutcome<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch (e) {
    if (!(e instanceof GatewayError) || !CLIENT_KINDS.has(e.kind)) {
      throw new Error(`expected a result or a client error, got ${e instanceof GatewayError ? `GatewayError(${e.kind})` : String(e)}`, { cause: e });
    }
    expect(e.message.length).toBeGreaterThan(10);
    return undefined;
  }
}

/** Heap growth over `f`, after giving the collector a chance (exact only with --expose-gc). */
export async function heapGrowth(f: () => Promise<void> | void): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage().heapUsed;
  await f();
  gc?.();
  return process.memoryUsage().heapUsed - before;
}

export const MIB = 1024 * 1024;
export type { Json };
