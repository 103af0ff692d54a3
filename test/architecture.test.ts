// The dependency rules of docs/ARCHITECTURE.md ("Dependency rules"), one per folder of src/, checked
// on every import of every source file (tests and test-support aside): what each folder may import
// of ours, where the packages that shape the design may be imported, that the CLI is imported by
// nobody but the server's lazy table renderer, and that the server knows no dialect by name.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../src');

/**
 * What each folder of src/ may import of ours, besides itself: a whole folder (`util`) or one file
 * (`upstreams/upstream.js`, as the import writes it); `*` is anything. Written in the order of
 * docs/ARCHITECTURE.md's "Dependency rules", one line each, so the two compare by eye.
 */
const MAY_IMPORT: Record<string, readonly string[]> = {
  canonical: [],
  protocols: [],
  util: [],
  log: [],
  config: ['util'],
  google: ['config/schema.js'],
  store: ['canonical', 'config', 'google', 'util'],
  auth: ['canonical', 'config', 'google', 'util', 'upstreams/upstream.js'],
  upstreams: ['auth', 'canonical', 'config', 'google', 'log', 'protocols', 'store', 'util'],
  dialects: ['canonical', 'protocols', 'util'],
  pool: ['canonical', 'config', 'log', 'store', 'util', 'upstreams/upstream.js'],
  usage: ['canonical', 'config', 'log', 'util', 'pool/backend.js'],
  server: ['canonical', 'config', 'log', 'usage', 'util', 'dialects/registry.js', 'dialects/dialect.js', 'pool/backend.js', 'pool/limits-report.js', 'cli/render-limits-table.js'],
  clients: ['config', 'pool', 'store', 'util'],
  doctor: ['auth', 'canonical', 'config', 'google', 'log', 'store', 'upstreams', 'util', 'pool/limits-report.js', 'server/url-for.js'],
  cli: ['*'],
};

/** The leaves import no package at all, only `node:` modules. */
const NO_PACKAGES = ['canonical', 'protocols', 'google', 'log'];

/** Packages that only some folders may import: where each belongs, and why. */
const PACKAGE_HOMES: Array<[pkg: string, folders: readonly string[], why: string]> = [
  ['hono', ['server'], 'the HTTP framework stays in the server'],
  ['@hono/node-server', ['server'], 'the HTTP framework stays in the server'],
  ['chalk', ['cli', 'doctor'], 'terminal rendering'],
  ['cli-table3', ['cli', 'doctor'], 'terminal rendering'],
  ['commander', ['cli'], 'the command line'],
  ['libsql', ['usage'], 'the usage ledger'],
  ['@napi-rs/keyring', ['store'], 'the secret store'],
  ['google-auth-library', ['auth'], 'Google OAuth'],
];

interface Import {
  /** A path under src/ (`upstreams/code-assist/index.js`), or a package name as written. */
  path: string;
  /** `import('...')`, loaded when first needed. */
  lazy: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'fixtures' ? [] : sourceFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !p.includes('test-support') ? [p] : [];
  });
}

/** Every import of a file, static or lazy, read by TypeScript's parser (comments and strings are not imports). */
function importsOf(file: string): Import[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
  const found: Import[] = [];
  const add = (spec: ts.Node | undefined, lazy: boolean): void => {
    if (!spec || !ts.isStringLiteral(spec)) return;
    const s = spec.text;
    found.push({ path: s.startsWith('.') ? relative(SRC, resolve(dirname(file), s)) : s, lazy });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) add(node.moduleSpecifier, false);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) add(node.arguments[0], true);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const files = sourceFiles(SRC).map((f) => ({ name: relative(SRC, f), imports: importsOf(f) }));
const folderOf = (path: string): string => path.split('/')[0] ?? '';
const isOurs = (path: string): boolean => !path.startsWith('node:') && existsSync(join(SRC, folderOf(path)));
const packageOf = (spec: string): string => spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');
const folders = readdirSync(SRC, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name);

/** The imports of a folder's files that break `allowed`, as `file → import` lines. */
function offending(folder: string, allowed: (i: Import) => boolean): string[] {
  return files
    .filter((f) => folderOf(f.name) === folder)
    .flatMap((f) => f.imports.filter((i) => !allowed(i)).map((i) => `${f.name} → ${i.path}`));
}

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

  it('has a rule for every folder of src/, and names only files that exist', () => {
    expect(Object.keys(MAY_IMPORT).sort(), 'a new folder needs its line here and in docs/ARCHITECTURE.md').toEqual([...folders].sort());
    const named = Object.values(MAY_IMPORT).flat().filter((p) => p.includes('/'));
    expect(named.filter((p) => !existsSync(join(SRC, p.replace(/\.js$/, '.ts'))))).toEqual([]);
  });

  it.each(Object.entries(MAY_IMPORT))('%s/ imports only %j of ours', (folder, may) => {
    const allowed = (i: Import): boolean =>
      !isOurs(i.path) || folderOf(i.path) === folder || may.includes('*') || may.includes(folderOf(i.path)) || may.includes(i.path);
    expect(offending(folder, allowed), `${folder}/ may import only ${may.join(', ') || 'nothing'} of ours`).toEqual([]);
  });

  it.each(NO_PACKAGES)('%s/ imports no package', (folder) => {
    expect(offending(folder, (i) => i.path.startsWith('node:') || isOurs(i.path))).toEqual([]);
  });

  it.each(PACKAGE_HOMES)('%s only in %j: %s', (pkg, homes) => {
    const bad = files.flatMap((f) =>
      homes.includes(folderOf(f.name)) ? [] : f.imports.filter((i) => packageOf(i.path) === pkg).map((i) => `${f.name} → ${i.path}`),
    );
    expect(bad).toEqual([]);
  });

  it('the CLI is loaded by the server only lazily (the table renderer), and imported by nothing else', () => {
    const bad = files
      .filter((f) => folderOf(f.name) !== 'cli')
      .flatMap((f) => f.imports.filter((i) => folderOf(i.path) === 'cli' && !(folderOf(f.name) === 'server' && i.lazy)).map((i) => `${f.name} → ${i.path}`));
    expect(bad).toEqual([]);
  });

  it('no source file imports test-support', () => {
    const bad = files.flatMap((f) => f.imports.filter((i) => i.path.includes('test-support')).map((i) => `${f.name} → ${i.path}`));
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
