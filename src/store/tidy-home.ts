// Start-of-run housekeeping of the gateway home: temp files that an interrupted atomic write left
// behind (kill -9 mid-write; the secrets file's hold every refresh token) are removed, and a
// secrets file readable by others is narrowed back to 0600. Both are reported, never silent.
import { chmod, readdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { secretsFilePath } from '../config/paths.js';
import { processAlive } from './process-alive.js';

/** `.accounts.json.1234.a1b2c3d4.tmp`: what writeFileAtomic names its temp files. */
const TEMP_FILE = /^\.(.+)\.(\d+)\.[0-9a-f]{8}\.tmp$/;

/** No atomic write takes this long: a temp file older than this is an orphan whoever owns it. */
const ORPHAN_AFTER_MS = 60 * 60 * 1000;

export const tempFileName = (target: string, pid: number, random: string): string => `.${target}.${pid}.${random}.tmp`;

/**
 * Removes the temp files of atomic writes in `dir` whose writer is gone (or that are over an hour
 * old); only those of `target` when given. Resolves with the names removed.
 */
export async function sweepTempFiles(dir: string, target?: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const m = TEMP_FILE.exec(name);
    if (!m || (target !== undefined && m[1] !== target)) continue;
    const path = join(dir, name);
    try {
      const stale = !processAlive(Number(m[2])) || Date.now() - (await stat(path)).mtimeMs > ORPHAN_AFTER_MS;
      if (!stale) continue;
      await unlink(path);
      removed.push(name);
    } catch {
      // Gone already (its writer finished or another sweep took it): nothing to do.
    }
  }
  return removed;
}

/** Narrows the secrets file to 0600 when others may read it; resolves with the old mode when it did. */
export async function narrowSecretsFile(home: string): Promise<number | undefined> {
  // Windows has no such bits; its ACLs are the user profile's.
  if (process.platform === 'win32') return undefined;
  const path = secretsFilePath(home);
  try {
    const mode = (await stat(path)).mode & 0o777;
    if ((mode & 0o077) === 0) return undefined;
    await chmod(path, 0o600);
    return mode;
  } catch {
    return undefined;
  }
}

/** Both, for `gateway start` and the accounts commands; resolves with one line per thing it fixed. */
export async function tidyHome(home: string): Promise<string[]> {
  const lines: string[] = [];
  const removed = await sweepTempFiles(home);
  if (removed.length > 0) {
    const what = removed.length === 1 ? 'a temporary file' : `${removed.length} temporary files`;
    lines.push(`removed ${what} left by an interrupted write in ${home}: ${removed.join(', ')}`);
  }
  const mode = await narrowSecretsFile(home);
  if (mode !== undefined) {
    lines.push(`${secretsFilePath(home)} was readable by others (mode ${mode.toString(8).padStart(4, '0')}); narrowed it to 0600. Its refresh tokens may have been seen: consider \`gateway accounts add\` again for each account.`);
  }
  return lines;
}
