// The lock beside accounts.json and the secrets file: one holder at a time, a crashed holder's
// lock taken over, and never a lock someone else took in the meantime.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { removeStaleLock, staleLock, withFileLock } from './file-lock.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'file-lock-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** The pid of a process that has exited (and been reaped). */
const deadPid = (): number => spawnSync(process.execPath, ['-e', '0']).pid;

describe('withFileLock', () => {
  it('lets one caller in at a time and removes the lock after', async () => {
    const path = join(dir, 'data.json');
    const inside: number[] = [];
    let most = 0;
    await Promise.all(
      [1, 2, 3, 4].map((n) =>
        withFileLock(path, async () => {
          inside.push(n);
          most = Math.max(most, inside.length);
          await new Promise((r) => setTimeout(r, 5));
          inside.splice(inside.indexOf(n), 1);
        }),
      ),
    );
    expect(most).toBe(1);
    await expect(stat(`${path}.lock`)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('takes over a lock whose process is gone', async () => {
    const path = join(dir, 'data.json');
    await writeFile(`${path}.lock`, `${deadPid()}\n2026-01-01T00:00:00.000Z\n`);
    await expect(withFileLock(path, async () => 'in', { timeoutMs: 2000 })).resolves.toBe('in');
  });

  it('says which lock file to delete when a live holder keeps it past the timeout', async () => {
    const path = join(dir, 'data.json');
    await writeFile(`${path}.lock`, `${process.ppid}\n`);
    await expect(withFileLock(path, async () => 'in', { timeoutMs: 50 })).rejects.toThrow(/data\.json\.lock has been held for over \d+ s; if no other gateway process is running, delete it\./);
  });
});

describe('a stale lock replaced before it is removed', () => {
  it('keeps the new holder\'s lock: only the file judged stale is removed', async () => {
    const lockPath = join(dir, 'data.json.lock');
    await writeFile(lockPath, `${deadPid()}\n`);
    const judged = await staleLock(lockPath, 30_000);
    expect(judged).toBeDefined();
    // Meanwhile the dead owner's lock went away and a live process took a new one.
    await unlink(lockPath);
    await writeFile(lockPath, `${process.ppid}\n`);
    await removeStaleLock(lockPath, judged!);
    expect(await readFile(lockPath, 'utf8')).toBe(`${process.ppid}\n`);
    // The same file, still there: removed.
    await writeFile(lockPath, `${deadPid()}\n`);
    await removeStaleLock(lockPath, (await staleLock(lockPath, 30_000))!);
    await expect(stat(lockPath)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('a live holder\'s fresh lock is not stale', async () => {
    const lockPath = join(dir, 'data.json.lock');
    await writeFile(lockPath, `${process.ppid}\n`);
    expect(await staleLock(lockPath, 30_000)).toBeUndefined();
    expect(await staleLock(join(dir, 'missing.lock'), 30_000)).toBeUndefined();
  });
});
