// The dependency rules of docs/ARCHITECTURE.md, checked on every import in src/: dialects and
// upstreams meet only in canonical/ (and protocols/), and neither knows the HTTP framework; the
// server knows dialects only through the registry, and by no name.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'fixtures' ? [] : sourceFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !p.includes('test-support') ? [p] : [];
  });
}

/** Every import of a file, as a path under src/ (e.g. `upstreams/code-assist/index.js`) or a package name. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((m) => m[1]!);
  return specs.map((s) => (s.startsWith('.') ? relative(SRC, resolve(dirname(file), s)) : s));
}

const files = sourceFiles(SRC).map((f) => ({ name: relative(SRC, f), imports: importsOf(f) }));
const layer = (path: string): string => path.split('/')[0] ?? '';

const rules: Array<[string, (imp: string) => boolean, string]> = [
  ['canonical', (i) => !i.startsWith('.') && layer(i) !== 'canonical' && !i.startsWith('node:'), 'only itself'],
  ['dialects', (i) => ['upstreams', 'pool', 'server', 'store', 'auth', 'cli'].includes(layer(i)) || i.startsWith('hono'), 'no upstream, pool, server or hono'],
  ['upstreams', (i) => ['dialects', 'pool', 'server', 'cli'].includes(layer(i)) || i.startsWith('hono'), 'no dialect, pool, server or hono'],
  ['protocols', (i) => !i.startsWith('node:') && layer(i) !== 'protocols', 'only wire types'],
  // Google's per-flavor facts are a leaf everything Google-facing asks.
  ['google', (i) => !i.startsWith('node:') && layer(i) !== 'google' && i !== 'config/schema.js', 'only node: and config types'],
  // Through the Upstream interface or google/, never Code Assist's internals.
  ['auth', (i) => i.startsWith('upstreams/code-assist/'), 'no upstreams/code-assist'],
  ['store', (i) => i.startsWith('upstreams/code-assist/'), 'no upstreams/code-assist'],
  // Provider-neutral: what is particular to Google comes through the Upstream; no terminal rendering.
  ['pool', (i) => i.startsWith('upstreams/code-assist/') || ['auth', 'google'].includes(layer(i)), 'no upstreams/code-assist, auth or google'],
  ['pool', (i) => i === 'chalk' || i === 'cli-table3', 'no chalk or cli-table3'],
];

/** The dialects' folders (those with an index.ts): `anthropic`, `gemini`, `openai-chat`, ... */
const dialectFolders = readdirSync(join(SRC, 'dialects'), { withFileTypes: true })
  .filter((e) => e.isDirectory() && readdirSync(join(SRC, 'dialects', e.name)).includes('index.ts'))
  .map((e) => e.name);
// The family names in those folders, and the client most of them serve.
const dialectWords = new RegExp(`(${[...new Set(dialectFolders.map((f) => f.split('-')[0]))].join('|')}|claude)`, 'i');

/** Every .ts file under a folder of src/, tests included. */
function allFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? allFiles(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

describe('architecture', () => {
  it('reads the source tree', () => expect(files.length).toBeGreaterThan(50));
  it.each(rules)('%s imports %s', (from, forbidden, what) => {
    const bad = files
      .filter((f) => layer(f.name) === from)
      .flatMap((f) => f.imports.filter(forbidden).map((i) => `${f.name} → ${i}`));
    expect(bad, `${from}/ may import ${what}`).toEqual([]);
  });

  it('server imports dialects only through the registry and the Dialect type', () => {
    const allowed = new Set(['dialects/registry.js', 'dialects/dialect.js']);
    const bad = files
      .filter((f) => layer(f.name) === 'server')
      .flatMap((f) => f.imports.filter((i) => layer(i) === 'dialects' && !allowed.has(i)).map((i) => `${f.name} → ${i}`));
    expect(bad).toEqual([]);
  });

  it('server names no dialect, not even in a comment or a test', () => {
    expect(dialectFolders.length).toBeGreaterThanOrEqual(4);
    const bad = allFiles(join(SRC, 'server')).flatMap((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .flatMap((line, i) => (dialectWords.test(line) ? [`${relative(SRC, f)}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(bad).toEqual([]);
  });
});
