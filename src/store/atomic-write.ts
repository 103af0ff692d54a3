// Writes a file so that readers see the old or the new content, never a half-written one, and
// leaves no temp file behind: removed on any failure, and an earlier writer's orphan swept first.
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { sweepTempFiles, tempFileName } from './tidy-home.js';

/**
 * Temp file in the same folder (so rename stays on one filesystem) + fsync + rename, then an
 * fsync of the folder so the rename itself survives a crash. `mode` applies from creation, so a
 * secret is never readable by others even for a moment. Callers hold the file's lock, so a temp
 * file of the same target whose writer is gone is an orphan of a crash (kill -9) and is removed.
 */
export async function writeFileAtomic(path: string, data: string, mode = 0o600): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await sweepTempFiles(dir, basename(path));
  const tmp = join(dir, tempFileName(basename(path), process.pid, randomBytes(4).toString('hex')));
  let handle: FileHandle | undefined = await open(tmp, 'wx', mode);
  try {
    await handle.writeFile(data, 'utf8');
    // The umask can narrow the creation mode but never widen it; chmod makes it exact.
    await handle.chmod(mode);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(tmp, path);
  } catch (e) {
    await handle?.close().catch(() => undefined);
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
  await syncDir(dir);
}

async function syncDir(dir: string): Promise<void> {
  // Not every platform lets you open a folder (Windows); the rename is done either way.
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // best effort
  }
}
