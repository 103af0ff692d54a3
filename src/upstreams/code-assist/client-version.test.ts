import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  BUILT_IN_VERSION,
  compareVersions,
  createClientVersion,
  defaultAppPaths,
  parseFeed,
  readLocalAppVersion,
  resolveClientVersion,
  versionCachePath,
  type VersionConfig,
} from './client-version.js';

const URL_ = 'http://feed.invalid/manifest/latest-arm64-mac.yml';

let home: string;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'client-version-'));
});
afterEach(() => rm(home, { recursive: true, force: true }));

const cfg = (over: Partial<VersionConfig> = {}): VersionConfig => ({ home, antigravityVersionUrl: URL_, antigravityAppPaths: [], ...over });

/** A fetch that answers the feed with `body` (or fails, or never answers). */
function feedFetch(answer: { status?: number; body: string } | 'network' | 'hang'): typeof fetch {
  return ((_url: string, init?: RequestInit) => {
    if (answer === 'network') return Promise.reject(new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } }));
    if (answer === 'hang') {
      return new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal!.reason)));
    }
    return Promise.resolve(new Response(answer.body, { status: answer.status ?? 200 }));
  }) as typeof fetch;
}

async function appAt(version: Record<string, string>): Promise<string> {
  const dir = join(home, 'Antigravity', 'resources', 'app');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'product.json'), JSON.stringify({ nameShort: 'Antigravity', ...version }));
  return join(home, 'Antigravity');
}

describe('parseFeed', () => {
  it.each([
    ['the YAML manifest', 'version: 2.10.3\npath: Antigravity-2.10.3-arm64-mac.zip\n', '2.10.3'],
    ['a quoted YAML version with CRLF', "path: x\r\nversion: '2.11.0'\r\n", '2.11.0'],
    ['the older JSON release list, newest first', '[{"version":"1.22.2","execution_id":"a"},{"version":"1.21.9"}]', '1.22.2'],
    ['one JSON object', '{"version": "2.9.4"}', '2.9.4'],
    ['an HTML error page', '<html>version: nope</html>', undefined],
    ['a version that is not one', 'version: latest', undefined],
  ])('%s', (_name, text, expected) => expect(parseFeed(text)).toBe(expected));
});

describe('compareVersions', () => {
  it('compares numerically, part by part', () => {
    expect(compareVersions('2.10.0', '2.9.1')).toBe(1);
    expect(compareVersions('2.9', '2.9.0')).toBe(0);
    expect(compareVersions('1.107.0', '2.9.1')).toBe(-1);
  });
});

describe('local Antigravity', () => {
  it("reads Antigravity's own version from product.json before VS Code's", async () => {
    const dir = await appAt({ version: '1.107.0', ideVersion: '2.12.0' });
    expect(readLocalAppVersion([join(home, 'nowhere'), dir])?.version).toBe('2.12.0');
  });

  it('knows where Antigravity installs on each OS', () => {
    expect(defaultAppPaths('darwin', {}, '/Users/u')).toContain('/Applications/Antigravity.app/Contents/Resources/app/product.json');
    expect(defaultAppPaths('win32', { LOCALAPPDATA: 'C:\\L' }, 'C:\\U')[0]).toMatch(/Programs.Antigravity.resources.app.product\.json$/);
    expect(defaultAppPaths('linux', {}, '/home/u')).toContain('/usr/share/antigravity/resources/app/product.json');
  });
});

describe('createClientVersion', () => {
  it('starts from the built-in floor, then takes the feed and caches it for the next start', async () => {
    const versions = createClientVersion(cfg(), { fetch: feedFetch({ body: 'version: 99.1.0\n' }) });
    expect(versions.info()).toEqual({ version: BUILT_IN_VERSION, source: 'built-in', feed: { url: URL_ } });
    const after = await versions.refresh();
    expect(after).toMatchObject({ version: '99.1.0', source: 'feed', feed: { url: URL_, ok: true, version: '99.1.0' } });
    versions.close();
    expect(JSON.parse(await readFile(versionCachePath(home), 'utf8'))).toMatchObject({ version: '99.1.0', url: URL_ });
    expect((await stat(versionCachePath(home))).mode & 0o777).toBe(0o600);

    // The next start uses the cache at once, even with the feed down.
    const next = createClientVersion(cfg(), { fetch: feedFetch('network') });
    expect(next.info()).toMatchObject({ version: '99.1.0', source: 'cache' });
    const failed = await next.refresh();
    expect(failed).toMatchObject({ version: '99.1.0', source: 'cache', feed: { ok: false, error: 'fetch failed (ECONNREFUSED)' } });
    next.close();
  });

  it('a pin wins over everything and is never second-guessed', async () => {
    const versions = createClientVersion(cfg({ antigravityVersion: '1.0.0' }), { fetch: feedFetch({ body: 'version: 99.1.0' }) });
    await versions.refresh();
    expect(versions.info()).toMatchObject({ version: '1.0.0', source: 'pin', feed: { ok: true, version: '99.1.0' } });
    versions.close();
  });

  it('uses a local install newer than the floor, and ignores an older one', async () => {
    const newer = createClientVersion(cfg({ antigravityAppPaths: [await appAt({ version: '99.2.0' })] }));
    expect(newer.info()).toMatchObject({ version: '99.2.0', source: 'local-app' });
    const older = createClientVersion(cfg({ antigravityAppPaths: [await appAt({ version: '1.15.8' })] }));
    expect(older.info()).toMatchObject({ version: BUILT_IN_VERSION, source: 'built-in' });
  });

  it('never lets a feed answer below the floor lower the claim', async () => {
    const versions = createClientVersion(cfg(), { fetch: feedFetch({ body: 'version: 1.0.0' }) });
    expect(await versions.refresh()).toMatchObject({ version: BUILT_IN_VERSION, source: 'built-in', feed: { ok: true, version: '1.0.0' } });
  });

  it('reports a feed that fails or does not answer, and keeps serving', async () => {
    const bad = createClientVersion(cfg(), { fetch: feedFetch({ status: 503, body: 'down' }) });
    expect((await bad.refresh()).feed).toMatchObject({ ok: false, error: 'HTTP 503' });
    const silent = createClientVersion(cfg(), { fetch: feedFetch('hang'), timeoutMs: 5 });
    expect((await silent.refresh()).feed).toMatchObject({ ok: false, error: 'no answer in 0 s' });
    expect(silent.version()).toBe(BUILT_IN_VERSION);
  });

  it('asks the feed once however many callers want it at the same time', async () => {
    let calls = 0;
    const counting = ((...args: Parameters<typeof fetch>) => {
      calls++;
      return feedFetch({ body: 'version: 99.3.0' })(...args);
    }) as typeof fetch;
    const versions = createClientVersion(cfg(), { fetch: counting });
    await Promise.all([versions.refresh(), versions.refresh(), versions.refresh()]);
    expect(calls).toBe(1);
  });

  it('close() ends a request in flight without changing anything', async () => {
    const versions = createClientVersion(cfg(), { fetch: feedFetch('hang') });
    const pending = versions.refresh();
    versions.close();
    expect((await pending).feed.lastCheckedAt).toBeUndefined();
  });

  it('start() asks the feed after a moment, not while the server is still starting, then every period', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval'] });
    try {
      let calls = 0;
      const counting = ((...args: Parameters<typeof fetch>) => {
        calls++;
        return feedFetch({ body: 'version: 99.4.0' })(...args);
      }) as typeof fetch;
      const versions = createClientVersion(cfg(), { fetch: counting, firstCheckAfterMs: 500, refreshEveryMs: 60_000 });
      versions.start();
      expect(calls).toBe(0);
      await vi.advanceTimersByTimeAsync(500);
      expect(calls).toBe(1);
      // Joins the check in flight (no new request) until its answer is cached on disk.
      expect((await versions.refresh()).version).toBe('99.4.0');
      await vi.advanceTimersByTimeAsync(60_000);
      expect(calls).toBe(2);
      versions.close();
      await vi.advanceTimersByTimeAsync(120_000);
      expect(calls).toBe(2);

      const closedEarly = createClientVersion(cfg(), { fetch: counting });
      closedEarly.start();
      closedEarly.close();
      await vi.advanceTimersByTimeAsync(5_000);
      expect(calls).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('resolveClientVersion', () => {
  it('asks the feed once for a command without a server, or only reads what is on disk', async () => {
    expect(await resolveClientVersion(cfg(), { fetch: feedFetch({ body: 'version: 99.4.0' }) })).toMatchObject({ version: '99.4.0', source: 'feed' });
    expect(await resolveClientVersion(cfg(), { fetchFeed: false })).toMatchObject({ version: '99.4.0', source: 'cache' });
  });
});
