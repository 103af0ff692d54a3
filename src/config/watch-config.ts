// A running gateway follows config.json: each change is loaded again (with env and flags on top, as
// at start); the settings that can change live are handed on, the others are named as needing a
// restart. A bad edit keeps the last good config and says so once, in one line.
import { watch, type FSWatcher } from 'node:fs';
import type { ConfigFlags } from './load-config.js';
import { loadConfig } from './load-config.js';
import type { Config } from './schema.js';

/** Applied to a running server and pool without a restart. */
const LIVE_KEYS = ['aliases', 'strategy', 'corsOrigins'] as const satisfies readonly (keyof Config)[];

/** Editors save in several steps (truncate, write, rename): one reload after they settle. */
const SETTLE_MS = 100;

export interface ConfigWatchOptions {
  env: NodeJS.ProcessEnv;
  flags: ConfigFlags;
  current: Readonly<Config>;
  /** The new config and which of LIVE_KEYS changed. */
  onChange(next: Readonly<Config>, changed: string[]): void;
  warn(line: string): void;
  info(line: string): void;
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

  let watcher: FSWatcher | undefined;
  try {
    // The file is often replaced by rename: watch the folder, not the file.
    watcher = watch(current.home, { persistent: false }, (_event, name) => {
      if (name !== null && String(name) !== 'config.json') return;
      clearTimeout(timer);
      timer = setTimeout(() => void reload(), SETTLE_MS);
    });
    watcher.on('error', () => undefined);
  } catch {
    // No home folder yet: nothing to follow until the next start.
  }
  return {
    reload,
    close() {
      clearTimeout(timer);
      watcher?.close();
    },
  };
}
