// The Antigravity version the gateway claims to Google, kept current without a release of ours.
// Google refuses clients below a minimum that keeps rising (shared/spec/google-upstream.md §0), so
// a hard-coded version breaks every user some weeks after it ships. In order: a pin
// (GATEWAY_ANTIGRAVITY_VERSION), Antigravity's own updater feed (asked in the background, its
// answer cached in the gateway home for the next start), the product.json of an Antigravity
// installed on this machine, and a built-in floor.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { DEFAULTS } from '../../config/defaults.js';
import type { Config } from '../../config/schema.js';
import { silentLogger, type Logger } from '../../log/logger.js';
import { writeFileAtomic } from '../../store/atomic-write.js';

export type ClientVersionSource = 'pin' | 'feed' | 'cache' | 'local-app' | 'built-in';

/** What the updater feed last said; `lastCheckedAt` is unset until it has answered or failed once. */
export interface FeedStatus {
  url: string;
  lastCheckedAt?: string;
  ok?: boolean;
  version?: string;
  error?: string;
}

export interface ClientVersionInfo {
  version: string;
  source: ClientVersionSource;
  feed: FeedStatus;
}

export type VersionConfig = Pick<Config, 'home' | 'antigravityVersion' | 'antigravityVersionUrl' | 'antigravityAppPaths'>;

/** The floor: never claim less than this (config/defaults.ts keeps the value with the other defaults). @internal */
export const BUILT_IN_VERSION: string = DEFAULTS.antigravityVersion;

/** CLIProxyAPI asks every 3 hours; the feed is a small static file. */
const FEED_REFRESH_MS = 3 * 60 * 60 * 1000;
const FIRST_CHECK_AFTER_MS = 500;
const FEED_TIMEOUT_MS = 10_000;
/** `gateway doctor` and other one-shot callers wait this long at most. */
const ONE_SHOT_TIMEOUT_MS = 4000;
const MAX_FEED_BYTES = 64 * 1024;

const VERSION = /^\d+(?:\.\d+){1,3}$/;

/** Numeric comparison of dotted versions: 2.10.0 > 2.9.1. @internal */
export function compareVersions(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

/**
 * The version in an updater feed answer: the YAML manifest's `version: x.y.z` line, or the older
 * JSON forms (a list of releases newest first, or one object).
 * @internal
 */
export function parseFeed(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
    try {
      const v: unknown = JSON.parse(trimmed);
      const first: unknown = Array.isArray(v) ? v[0] : v;
      const version = first && typeof first === 'object' ? (first as { version?: unknown }).version : undefined;
      return typeof version === 'string' && VERSION.test(version.trim()) ? version.trim() : undefined;
    } catch {
      return undefined;
    }
  }
  const m = /^version:[ \t]*["']?([0-9][0-9.]*)["']?[ \t]*$/m.exec(text);
  return m?.[1] && VERSION.test(m[1]) ? m[1] : undefined;
}

/** Where Antigravity keeps its product.json on each OS (VS Code's layout, which it is built on). @internal */
export function defaultAppPaths(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env, home = homedir()): string[] {
  const resources = join('resources', 'app', 'product.json');
  if (platform === 'darwin') {
    const inBundle = join('Antigravity.app', 'Contents', 'Resources', 'app', 'product.json');
    return [join('/Applications', inBundle), join(home, 'Applications', inBundle)];
  }
  if (platform === 'win32') {
    const local = env.LOCALAPPDATA ?? join(home, 'AppData', 'Local');
    return [
      join(local, 'Programs', 'Antigravity', resources),
      join(env.ProgramFiles ?? 'C:\\Program Files', 'Antigravity', resources),
    ];
  }
  return [
    join('/usr/share/antigravity', resources),
    join('/opt/antigravity', resources),
    join('/opt/Antigravity', resources),
    join(home, '.local', 'share', 'antigravity', resources),
  ];
}

/**
 * The version of a locally installed Antigravity, from the first product.json found. A path may
 * name the file or an install folder. Antigravity's own version is preferred over VS Code's
 * `version`, which some builds carry (an X-Client-Version of 1.107 was VS Code's, and refused).
 * @internal
 */
export function readLocalAppVersion(paths: readonly string[]): { version: string; path: string } | undefined {
  for (const given of paths) {
    const candidates = given.endsWith('.json') ? [given] : [join(given, 'product.json'), join(given, 'resources', 'app', 'product.json'), join(given, 'Contents', 'Resources', 'app', 'product.json')];
    for (const path of candidates) {
      let product: Record<string, unknown>;
      try {
        product = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
      } catch {
        continue;
      }
      for (const key of ['antigravityVersion', 'ideVersion', 'version']) {
        const v = product[key];
        if (typeof v === 'string' && VERSION.test(v.trim())) return { version: v.trim(), path };
      }
    }
  }
  return undefined;
}

interface CachedFeed {
  version: string;
  url: string;
  fetchedAt: string;
}

/** @internal */
export const versionCachePath = (home: string): string => join(home, 'antigravity-version.json');

function readCache(home: string): CachedFeed | undefined {
  try {
    const v = JSON.parse(readFileSync(versionCachePath(home), 'utf8')) as Partial<CachedFeed>;
    if (typeof v.version === 'string' && VERSION.test(v.version) && typeof v.url === 'string' && typeof v.fetchedAt === 'string') {
      return { version: v.version, url: v.url, fetchedAt: v.fetchedAt };
    }
  } catch {
    // none yet, or damaged: the feed will write a good one
  }
  return undefined;
}

/** One GET of the feed; throws an Error whose message says what went wrong in a few words. */
async function fetchFeed(url: string, signal: AbortSignal, fetchImpl: typeof fetch): Promise<string> {
  const res = await fetchImpl(url, { signal, headers: { Accept: 'application/x-yaml, text/yaml, application/json, */*' } });
  const text = await res.text();
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  if (text.length > MAX_FEED_BYTES) throw new Error('answer too large for a version manifest');
  const version = parseFeed(text);
  if (!version) throw new Error('no version in the answer');
  return version;
}

export interface ClientVersionOptions {
  log?: Logger;
  fetch?: typeof fetch;
  now?: () => number;
  /** How long one feed request may take (10 s in the background). */
  timeoutMs?: number;
  /** Between background feed checks (3 h). */
  refreshEveryMs?: number;
  /** From start() to the first background check (0.5 s). */
  firstCheckAfterMs?: number;
}

/** The version in use, kept current by the feed in the background. */
export interface ClientVersion {
  /** The version requests claim now; never waits. */
  version(): string;
  info(): ClientVersionInfo;
  /** Asks the feed now (one request in flight at a time); resolves with the result, never rejects. */
  refresh(): Promise<ClientVersionInfo>;
  /** Asks the feed now and then every few hours, in the background. */
  start(): void;
  /** Stops the timer and any request in flight. */
  close(): void;
}

/**
 * @example
 *   const versions = createClientVersion(config, { log });
 *   versions.start();               // never blocks: the first requests use the cache or the floor
 *   headers['User-Agent'] = `antigravity/hub/${versions.version()} darwin/arm64`;
 */
export function createClientVersion(config: Readonly<VersionConfig>, options: ClientVersionOptions = {}): ClientVersion {
  const log = options.log ?? silentLogger;
  const now = options.now ?? Date.now;
  const fetchImpl = options.fetch ?? fetch;
  const url = config.antigravityVersionUrl;
  const local = config.antigravityVersion ? undefined : readLocalAppVersion(config.antigravityAppPaths ?? defaultAppPaths());
  const cached = config.antigravityVersion ? undefined : readCache(config.home);
  const feed: FeedStatus = { url };
  // What the feed (or, until it answers, its cache) says; undefined when neither knows.
  let latest: { version: string; source: 'feed' | 'cache' } | undefined;
  if (cached && cached.url === url) {
    latest = { version: cached.version, source: 'cache' };
    Object.assign(feed, { lastCheckedAt: cached.fetchedAt, ok: true, version: cached.version });
  }
  let current = choose();
  let inflight: Promise<ClientVersionInfo> | undefined;
  let timer: NodeJS.Timeout | undefined;
  const stop = new AbortController();

  /**
   * The pin as given; otherwise the highest of the feed (or cache), the local app and the floor,
   * ties going to the earlier: an old local install or a stale answer never takes the claim below
   * the floor.
   */
  function choose(): { version: string; source: ClientVersionSource } {
    if (config.antigravityVersion) return { version: config.antigravityVersion, source: 'pin' };
    const candidates: Array<{ version: string; source: ClientVersionSource }> = [];
    if (latest) candidates.push(latest);
    if (local) candidates.push({ version: local.version, source: 'local-app' });
    candidates.push({ version: BUILT_IN_VERSION, source: 'built-in' });
    return candidates.reduce((best, c) => (compareVersions(c.version, best.version) > 0 ? c : best));
  }

  const info = (): ClientVersionInfo => ({ version: current.version, source: current.source, feed: { ...feed } });

  async function check(timeoutMs: number): Promise<ClientVersionInfo> {
    const ac = new AbortController();
    const timeout = setTimeout(() => ac.abort(new Error(`no answer in ${Math.round(timeoutMs / 1000)} s`)), timeoutMs);
    const onStop = (): void => ac.abort(new Error('stopped'));
    stop.signal.addEventListener('abort', onStop, { once: true });
    const at = new Date(now()).toISOString();
    try {
      const version = await fetchFeed(url, ac.signal, fetchImpl);
      if (stop.signal.aborted) return info();
      Object.assign(feed, { lastCheckedAt: at, ok: true, version });
      delete feed.error;
      const before = current.version;
      latest = { version, source: 'feed' };
      current = choose();
      if (current.version !== before) log.info('Antigravity version from its updater feed', { version: current.version, source: current.source });
      // Rewritten on every answer (a few bytes every few hours) so its time says when it was last true.
      await writeFileAtomic(versionCachePath(config.home), JSON.stringify({ version, url, fetchedAt: at }) + '\n').catch((e: Error) =>
        log.debug('could not cache the Antigravity version', { error: e.message }),
      );
    } catch (e) {
      if (stop.signal.aborted) return info();
      const reason = ac.signal.aborted && ac.signal.reason instanceof Error ? ac.signal.reason : (e as Error);
      const cause = (reason as { cause?: { code?: string } }).cause?.code;
      Object.assign(feed, { lastCheckedAt: at, ok: false, error: cause ? `${reason.message} (${cause})` : reason.message });
      log.debug('Antigravity updater feed failed', { url, error: feed.error });
    } finally {
      clearTimeout(timeout);
      stop.signal.removeEventListener('abort', onStop);
    }
    return info();
  }

  const refresh = (timeoutMs = options.timeoutMs ?? FEED_TIMEOUT_MS): Promise<ClientVersionInfo> => {
    if (stop.signal.aborted) return Promise.resolve(info());
    inflight ??= check(timeoutMs).finally(() => (inflight = undefined));
    return inflight;
  };

  return {
    version: () => current.version,
    info,
    refresh: () => refresh(),
    start() {
      if (timer !== undefined || stop.signal.aborted) return;
      // Not at once: the first fetch() loads Node's HTTP client (~40 ms of CPU), which would
      // land before the server listens and delay the ready line. The claim meanwhile is the
      // cached feed answer, the local app or the floor.
      timer = setTimeout(() => {
        void refresh();
        timer = setInterval(() => void refresh(), options.refreshEveryMs ?? FEED_REFRESH_MS);
        timer.unref();
      }, options.firstCheckAfterMs ?? FIRST_CHECK_AFTER_MS);
      timer.unref();
    },
    close() {
      // Either the first check's timeout or the interval: clearTimeout clears both kinds.
      clearTimeout(timer);
      stop.abort();
    },
  };
}

export interface ResolveOptions extends ClientVersionOptions {
  /** Ask the updater feed once (default true); false reads only the pin, cache, local app and floor. */
  fetchFeed?: boolean;
}

/**
 * The version a command without a running server would claim, and where it came from: `gateway
 * doctor` prints this. Asks the feed once with a short timeout unless told not to.
 * @example const { version, source, feed } = await resolveClientVersion(config);
 */
export async function resolveClientVersion(config: Readonly<VersionConfig>, options: ResolveOptions = {}): Promise<ClientVersionInfo> {
  const versions = createClientVersion(config, { timeoutMs: ONE_SHOT_TIMEOUT_MS, ...options });
  try {
    return options.fetchFeed === false ? versions.info() : await versions.refresh();
  } finally {
    versions.close();
  }
}
