// A running gateway follows config.json: each change is loaded again (with env and flags on top, as
// at start); the settings that can change live are handed on, the others are named as needing a
// restart. A bad edit keeps the last good config and says so once, in one line.
import { unwatchFile, watch, watchFile, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import type { ConfigFlags } from './load-config.js';
import { loadConfig } from './load-config.js';
import type { Config } from './schema.js';

/** Applied to a running server and pool without a restart. */
const LIVE_KEYS = ['aliases', 'strategy', 'corsOrigins'] as const satisfies readonly (keyof Config)[];

/** Editors save in several steps (truncate, write, rename): one reload after they settle. */
const SETTLE_MS = 100;

/** How often config.json is looked at when the OS refuses a watch (inotify instances used up). */
const POLL_MS = 2000;

export interface ConfigWatchOptions {
  env: NodeJS.ProcessEnv;
  flags: ConfigFlags;
  current: Readonly<Config>;
  /** The new config and which of LIVE_KEYS changed. */
  onChange(next: Readonly<Config>, changed: string[]): void;
  warn(line: string): void;
  info(line: string): void;
  /** The OS watch; injected so tests can make it fail. */
  watch?: typeof watch;
  /** Polling interval when there is no watch (default 2 s). */
  pollMs?: number;
}

export interface ConfigWatch {
  /** Loads config.json now (tests, and the watch itself). */
  reload(): Promise<void>;
  close(): void;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

export function watchConfig(opts: ConfigWatchOptions): ConfigWatch {
  let current = opts.current;
  let lastProblem: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const load = async (): Promise<void> => {
    const warnings: string[] = [];
    let next: Readonly<Config>;
    try {
      next = await loadConfig(opts.env, opts.flags, { warn: (l) => warnings.push(l) });
    } catch (e) {
      const problem = (e as Error).message;
      if (problem !== lastProblem) opts.warn(`${problem} The gateway keeps running with the last good config.`);
      lastProblem = problem;
      return;
    }
    lastProblem = undefined;
    for (const w of warnings) opts.warn(w);
    const changed = LIVE_KEYS.filter((k) => !same(current[k], next[k]));
    const needRestart = (Object.keys(next) as (keyof Config)[]).filter(
      (k) => !(LIVE_KEYS as readonly string[]).includes(k) && k !== 'home' && !same(current[k], next[k]),
    );
    if (needRestart.length > 0) opts.info(`config.json: ${needRestart.join(', ')} changed; restart the gateway to apply.`);
    if (changed.length === 0) return;
    // Restart-only settings keep their running values, so what the server runs with stays one config.
    const merged = Object.freeze({ ...current, ...Object.fromEntries(changed.map((k) => [k, next[k]])) }) as Readonly<Config>;
    current = merged;
    opts.onChange(merged, changed);
  };

  const reload = (): Promise<void> => (running = running.then(load));

  const changedSoon = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => void reload(), SETTLE_MS);
  };
  const file = join(current.home, 'config.json');
  let polling = false;
  // Without a watch (the OS has none left to give), a stat every few seconds still follows edits.
  const poll = (why: string): void => {
    if (polling || closed) return;
    polling = true;
    const interval = opts.pollMs ?? POLL_MS;
    opts.info(`config.json: cannot watch the gateway home (${why}); checking it every ${interval / 1000} s instead.`);
    watchFile(file, { interval, persistent: false }, changedSoon);
  };
  let closed = false;
  let watcher: FSWatcher | undefined;
  try {
    // The file is often replaced by rename: watch the folder, not the file.
    watcher = (opts.watch ?? watch)(current.home, { persistent: false }, (_event, name) => {
      if (name !== null && String(name) !== 'config.json') return;
      changedSoon();
    });
    watcher.on('error', (e) => {
      watcher?.close();
      poll(e.message);
    });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // No home folder yet: nothing to follow until the next start. Anything else: poll.
    if (code !== 'ENOENT') poll((e as Error).message);
  }
  return {
    reload,
    close() {
      closed = true;
      clearTimeout(timer);
      watcher?.close();
      if (polling) unwatchFile(file, changedSoon);
    },
  };
}
