// A lock file beside a data file, so the CLI and a running server never interleave
// read-modify-write cycles. O_EXCL creation is atomic on every local filesystem.
import { mkdir, open, stat, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { sleep } from '../util/sleep.js';
import { processAlive } from './process-alive.js';

export interface LockOptions {
  /** Give up after this long (ms). */
  timeoutMs?: number;
  /** A lock older than this (ms) is left over from a crashed process and is taken over. */
  staleMs?: number;
}

class LockTimeoutError extends Error {
  override readonly name = 'LockTimeoutError';
}

/** Which file a lock path named when it was judged: another lock made since is another file. */
interface LockFileId {
  ino: bigint;
  birthtimeNs: bigint;
  mtimeNs: bigint;
}

/**
 * The lock file's identity when it is stale: its owner's process is gone, or it is older than
 * `staleMs`; undefined while it is held (or gone). Its text and its identity are read from one
 * open file, so the verdict is about that file and no other.
 * @internal
 */
export async function staleLock(lockPath: string, staleMs: number): Promise<LockFileId | undefined> {
  let handle;
  try {
    handle = await open(lockPath, 'r');
  } catch (e) {
    // Gone between our attempt and now: not stale, just retry.
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  try {
    const info = await handle.stat({ bigint: true });
    const text = await handle.readFile('utf8');
    const pid = Number.parseInt(text.split('\n')[0] ?? '', 10);
    const ownerGone = Number.isInteger(pid) && pid > 0 && pid !== process.pid && !processAlive(pid);
    const old = Date.now() - Number(info.mtimeNs / 1_000_000n) > staleMs;
    return ownerGone || old ? { ino: info.ino, birthtimeNs: info.birthtimeNs, mtimeNs: info.mtimeNs } : undefined;
  } finally {
    await handle.close();
  }
}

/**
 * Removes the stale lock only if the path still names the file judged stale. An owner that exits
 * right after releasing its lock looks dead to a waiter that read its pid a moment before; by
 * then another process may hold a new lock at the same path, and removing that one would let
 * two writers in (a lost accounts.json update, seen under load).
 * @internal
 */
export async function removeStaleLock(lockPath: string, judged: LockFileId): Promise<void> {
  const now = await stat(lockPath, { bigint: true }).catch(() => undefined);
  if (now === undefined || now.ino !== judged.ino || now.birthtimeNs !== judged.birthtimeNs || now.mtimeNs !== judged.mtimeNs) return;
  await unlink(lockPath).catch(() => undefined);
}

/** Runs `fn` while holding `<path>.lock`. */
export async function withFileLock<T>(path: string, fn: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const lockPath = `${path}.lock`;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const staleMs = options.staleMs ?? 30_000;
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const deadline = Date.now() + timeoutMs;
  let wait = 2;
  for (;;) {
    try {
      const handle = await open(lockPath, 'wx', 0o600);
      try {
        await handle.writeFile(`${process.pid}\n${new Date().toISOString()}\n`);
      } finally {
        await handle.close();
      }
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const stale = await staleLock(lockPath, staleMs);
    if (stale !== undefined) {
      await removeStaleLock(lockPath, stale);
      continue;
    }
    if (Date.now() > deadline) {
      throw new LockTimeoutError(
        `${lockPath} has been held for over ${Math.round(timeoutMs / 1000)} s; if no other gateway process is running, delete it.`,
      );
    }
    await sleep(wait);
    wait = Math.min(wait * 2, 25);
  }
  try {
    return await fn();
  } finally {
    await unlink(lockPath).catch(() => undefined);
  }
}
