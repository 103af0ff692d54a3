import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureWritableHome } from './check-home.js';
import { ConfigError } from './config-error.js';
import { loadConfig } from './load-config.js';
import { closestKey, KNOWN_KEYS, parseConfigText } from './read-config-file.js';
import { STARTER_CONFIG, writeStarterConfig } from './starter-config.js';
import { watchConfig } from './watch-config.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gateway-config-file-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const messageOf = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error('did not throw');
};

describe('config.json parsing', () => {
  it('takes comments and trailing commas', () => {
    expect(parseConfigText('// hi\n{ "port": 9000, /* x */ "strategy": "sticky", }\n', 'c.json')).toEqual({ port: 9000, strategy: 'sticky' });
  });

  it('reports every syntax error with its line and column', () => {
    const msg = messageOf(() => parseConfigText('{\n  "port": 9000\n  "host": x\n}', 'c.json'));
    expect(msg).toMatch(/^c\.json is not valid JSON/);
    expect(msg).toContain('line 3, column 3: a "," was expected');
    expect(msg).toContain('line 3, column 11: unexpected character');
  });

  it('reports every invalid value at once', () => {
    const msg = messageOf(() => parseConfigText('{"port": "80", "strategy": "fastest", "corsOrigins": "x"}', 'c.json'));
    expect(msg).toMatch(/port: /);
    expect(msg).toMatch(/strategy: /);
    expect(msg).toMatch(/corsOrigins: /);
  });

  it('warns about unknown keys with the closest known one', () => {
    const warnings: string[] = [];
    expect(parseConfigText('{"prot": 1, "aliasses": {}, "zzzzzzzz": 1, "port": 2}', 'c.json', (l) => warnings.push(l))).toMatchObject({ port: 2 });
    expect(warnings).toEqual([
      'c.json: unknown key "prot" is ignored (did you mean "port"?).',
      'c.json: unknown key "aliasses" is ignored (did you mean "aliases"?).',
      'c.json: unknown key "zzzzzzzz" is ignored.',
    ]);
    expect(closestKey('stratgy', KNOWN_KEYS)).toBe('strategy');
  });

  it('the starter config parses to nothing set and names only known keys', () => {
    const warnings: string[] = [];
    expect(parseConfigText(STARTER_CONFIG, 'c.json', (l) => warnings.push(l))).toEqual({});
    const uncommented = STARTER_CONFIG.replace(/^(\s*)\/\/ (\s*"|\s*\},?$|\s*\],?$)/gm, '$1$2');
    const keys = [...uncommented.matchAll(/^\s*"(\w+)":/gm)].map((m) => m[1]!);
    expect(keys.length).toBeGreaterThan(5);
    for (const k of keys.filter((k) => k !== 'my-fast-model')) expect(KNOWN_KEYS).toContain(k);
  });

  it('writes the starter config once and never over an existing file', async () => {
    const home = join(dir, 'home');
    expect(await writeStarterConfig(home)).toBe(true);
    await writeFile(join(home, 'config.json'), '{"port": 1}');
    expect(await writeStarterConfig(home)).toBe(false);
    expect(await readFile(join(home, 'config.json'), 'utf8')).toBe('{"port": 1}');
  });
});

describe('an unusable home', () => {
  it('names the file that stands where a folder should be', async () => {
    await writeFile(join(dir, 'afile'), 'x');
    const home = join(dir, 'afile', 'gateway');
    await expect(loadConfig({ GATEWAY_HOME: home })).rejects.toThrow(`${join(dir, 'afile')} is a file, not a folder`);
    await expect(ensureWritableHome(home)).rejects.toThrow(/is a file, not a folder\. Point GATEWAY_HOME at a folder/);
  });

  // root may write anywhere, so the permission case can only be shown by another user.
  it.skipIf(process.getuid?.() === 0)('says when the home cannot be written', async () => {
    const locked = join(dir, 'locked');
    await mkdir(locked, { mode: 0o500 });
    await expect(ensureWritableHome(join(locked, 'gateway'))).rejects.toThrow(/cannot be used: no permission/);
  });
});

describe('watchConfig', () => {
  it('applies live settings, keeps the last good config on a bad edit, and warns once', async () => {
    const env = { GATEWAY_HOME: dir };
    await writeFile(join(dir, 'config.json'), '{"strategy": "quota"}');
    const current = await loadConfig(env);
    const changes: Array<[string, string[]]> = [];
    const warnings: string[] = [];
    const infos: string[] = [];
    const w = watchConfig({
      env,
      flags: {},
      current,
      onChange: (next, changed) => changes.push([next.strategy, changed]),
      warn: (l) => warnings.push(l),
      info: (l) => infos.push(l),
    });
    try {
      await writeFile(join(dir, 'config.json'), '// edited\n{"strategy": "sticky", "aliases": {"x": "gemini-3-flash"}, "port": 9999,}');
      await w.reload();
      expect(changes).toEqual([['sticky', ['aliases', 'strategy']]]);
      expect(infos).toEqual([expect.stringContaining('port changed; restart the gateway')]);
      await writeFile(join(dir, 'config.json'), '{"strategy": "sticky"');
      await w.reload();
      await w.reload();
      expect(changes).toHaveLength(1);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/is not valid JSON \(line 1, column 22: a "}" was expected\).*keeps running with the last good config/);
    } finally {
      w.close();
    }
  });
});
