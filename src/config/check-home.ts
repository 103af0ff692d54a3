// An unusable gateway home (a file where a folder should be, no permission) is said in words that
// name the path and the fix, before any work that would fail on it later (a login, a write).
import { constants } from 'node:fs';
import { access, mkdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ConfigError } from './config-error.js';

const HINT = 'Point GATEWAY_HOME at a folder you can write to (or unset it for the default).';

/** The nearest existing ancestor of `path` (itself included) that is not a folder, if any. */
async function fileInTheWay(path: string): Promise<string | undefined> {
  for (let p = path; ; p = dirname(p)) {
    try {
      return (await stat(p)).isDirectory() ? undefined : p;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') return undefined;
    }
    if (dirname(p) === p) return undefined;
  }
}

/** A read or write error under the home, turned into one line that says what is wrong with the home. */
export async function explainHomeError(home: string, e: unknown): Promise<Error> {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOTDIR' || code === 'EEXIST') {
    const file = await fileInTheWay(home);
    if (file !== undefined) return new ConfigError(`The gateway home ${home} cannot be used: ${file} is a file, not a folder. ${HINT}`);
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new ConfigError(`The gateway home ${home} cannot be used: no permission (${(e as Error).message.split(',')[0]}). ${HINT}`);
  }
  if (code === 'EROFS') return new ConfigError(`The gateway home ${home} is on a read-only file system. ${HINT}`);
  return e instanceof Error ? e : new Error(String(e));
}

/** Creates the home when missing and checks that it can be written; throws a ConfigError that says why not. */
export async function ensureWritableHome(home: string): Promise<void> {
  const file = await fileInTheWay(home);
  if (file !== undefined) throw new ConfigError(`The gateway home ${home} cannot be used: ${file} is a file, not a folder. ${HINT}`);
  try {
    await mkdir(home, { recursive: true, mode: 0o700 });
    await access(home, constants.W_OK | constants.X_OK);
  } catch (e) {
    throw await explainHomeError(home, e);
  }
}
