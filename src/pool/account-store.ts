// Where the pool reads accounts and refresh tokens, and writes state changes back: accounts.json
// and the secret store by default; tests may pass their own.
import { statSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { Config } from '../config/schema.js';
import { accountsPath } from '../config/paths.js';
import type { Logger } from '../log/logger.js';
import type { AccountRecord, AccountStatus } from '../store/types.js';

export interface AccountStore {
  read(): Promise<AccountRecord[]>;
  /** Changes whenever the accounts may have changed (file mtime and size); cheap. */
  fingerprint(): Promise<string>;
  refreshToken(record: AccountRecord): Promise<string | undefined>;
  /** Persists a status change (needs-login, needs-verification, banned, ...) so the CLI shows it too. */
  setStatus(id: string, status: AccountStatus, since: string): Promise<void>;
  /** Persists the user's own switch (the dashboard's Disable / Enable). */
  setDisabled(id: string, disabled: boolean): Promise<void>;
  /** Calls back soon after the accounts change; returns the unsubscribe. */
  watch(onChange: () => void): () => void;
  /**
   * True while watch() is known to call back, before any later request is read, for every change:
   * the pool then skips fingerprint() per request. Absent or false: the pool checks per request.
   */
  watching?(): boolean;
}

// inotify queues a change's event before the writer's rename returns, so it is read before any
// request sent after it. Other platforms' watchers may deliver late: keep the per-request check.
const WATCH_IS_PROMPT = process.platform === 'linux';

export function createFileAccountStore(config: Pick<Config, 'home' | 'secretStore'>, log?: Logger): AccountStore {
  const path = accountsPath(config.home);
  let watchers = 0;
  // Once the file went missing (its folder may have been removed, taking the watch with it), the
  // watch is not trusted again.
  let trusted = WATCH_IS_PROMPT;
  return {
    async read() {
      const { readAccounts } = await import('../store/accounts-file.js');
      return readAccounts(config.home);
    },
    async fingerprint() {
      try {
        // Runs before every request: a synchronous stat takes a few µs, the promised one a
        // thread-pool round trip that costs ten times more.
        const s = statSync(path);
        return `${s.mtimeMs}:${s.size}:${s.ino}`;
      } catch {
        trusted = false;
        return 'missing';
      }
    },
    async refreshToken(record) {
      const { loadRefreshToken } = await import('../store/secret-store.js');
      return loadRefreshToken({ home: config.home, secretStore: config.secretStore }, record);
    },
    async setDisabled(id, disabled) {
      const { updateAccounts } = await import('../store/accounts-file.js');
      await updateAccounts(config.home, (accounts) => {
        const a = accounts.find((r) => r.id === id);
        if (!a) return;
        if (disabled) a.disabled = true;
        else delete a.disabled;
      });
    },
    async setStatus(id, status, since) {
      const [{ updateAccounts }, { setStatus }] = await Promise.all([import('../store/accounts-file.js'), import('../store/account-status.js')]);
      await updateAccounts(config.home, (accounts) => {
        const a = accounts.find((r) => r.id === id);
        if (a) setStatus(a, status, since);
      });
    },
    watch(onChange) {
      // The file is replaced by rename on every write, so watch its folder, not the file.
      let watcher: FSWatcher | undefined;
      try {
        watcher = watch(dirname(path), { persistent: false }, (_event, name) => {
          if (name === null || String(name) === basename(path)) onChange();
        });
        watchers++;
        watcher.on('error', (e) => {
          trusted = false;
          log?.debug('accounts watch failed', { error: e.message });
        });
      } catch (e) {
        // The folder may not exist yet; the mtime check before each pick still catches changes.
        log?.debug('accounts watch unavailable', { error: (e as Error).message });
      }
      let stopped = false;
      return () => {
        if (watcher === undefined || stopped) return;
        stopped = true;
        watchers--;
        watcher.close();
      };
    },
    watching() {
      return trusted && watchers > 0;
    },
  };
}
