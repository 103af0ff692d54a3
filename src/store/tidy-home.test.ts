import { spawnSync } from 'node:child_process';
import { chmod, mkdir, readdir, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempHome } from '../../test/helpers/temp-home.js';
import { writeFileAtomic } from './atomic-write.js';
import { tidyHome } from './tidy-home.js';

let temp: { home: string; cleanup(): Promise<void> };
beforeEach(async () => {
  temp = await makeTempHome();
});
afterEach(() => temp.cleanup());

/** The pid of a process that has already exited. */
const deadPid = (): number => spawnSync(process.execPath, ['-e', '']).pid;

describe('tidyHome (issue 11 row 9)', () => {
  it('removes temp files whose writer is gone, and says so', async () => {
    const orphan = `.secrets.json.${deadPid()}.0badc0de.tmp`;
    const live = `.accounts.json.${process.pid}.12345678.tmp`;
    await writeFile(join(temp.home, orphan), '{"secrets":{"a":"1//token"}}', { mode: 0o600 });
    await writeFile(join(temp.home, live), '{}');
    await writeFile(join(temp.home, 'notes.tmp'), 'mine');
    const lines = await tidyHome(temp.home);
    expect(lines).toEqual([expect.stringContaining(`removed a temporary file left by an interrupted write in ${temp.home}: ${orphan}`)]);
    expect((await readdir(temp.home)).sort()).toEqual([live, 'notes.tmp'].sort());
  });

  it('removes a temp file over an hour old even when its pid is alive (reused)', async () => {
    const old = join(temp.home, `.accounts.json.${process.pid}.aaaaaaaa.tmp`);
    await writeFile(old, '{}');
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    await utimes(old, twoHoursAgo, twoHoursAgo);
    await tidyHome(temp.home);
    expect(await readdir(temp.home)).toEqual([]);
  });

  it.skipIf(process.platform === 'win32')('narrows a secrets file others can read to 0600 and reports it', async () => {
    const path = join(temp.home, 'secrets.json');
    await writeFile(path, '{"version":1,"secrets":{}}');
    await chmod(path, 0o644);
    const lines = await tidyHome(temp.home);
    expect(lines).toEqual([expect.stringMatching(/secrets\.json was readable by others \(mode 0644\); narrowed it to 0600/)]);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await tidyHome(temp.home)).toEqual([]);
  });
});

describe('writeFileAtomic leaves no temp file', () => {
  it('removes its temp file when the write fails', async () => {
    // The target is a folder with something in it: the rename fails after the temp file was written.
    const target = join(temp.home, 'accounts.json');
    await mkdir(target);
    await writeFile(join(target, 'x'), '');
    await expect(writeFileAtomic(target, '{}')).rejects.toThrow();
    expect(await readdir(temp.home)).toEqual(['accounts.json']);
  });

  it('sweeps an orphan of the same file left by a writer killed mid-write', async () => {
    const orphan = `.secrets.json.${deadPid()}.0badc0de.tmp`;
    await writeFile(join(temp.home, orphan), 'half a file');
    await writeFileAtomic(join(temp.home, 'secrets.json'), '{}');
    expect(await readdir(temp.home)).toEqual(['secrets.json']);
  });
});
