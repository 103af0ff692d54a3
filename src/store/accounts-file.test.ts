import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountsFileError, readAccounts, updateAccounts } from './accounts-file.js';
import type { AccountRecord } from './types.js';

let home: string;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'gw-acc-'));
});
afterEach(() => rm(home, { recursive: true, force: true }));

const rec = (email: string): AccountRecord => ({
  id: email.slice(0, 4),
  email,
  flavor: 'antigravity',
  addedAt: '2026-01-01T00:00:00.000Z',
  state: 'active',
});

describe('accounts file', () => {
  it('reads [] when there is no file', async () => {
    expect(await readAccounts(home)).toEqual([]);
  });

  it('writes a versioned file and reads it back', async () => {
    await updateAccounts(home, (a) => {
      a.push(rec('a@x.test'));
    });
    const raw = JSON.parse(await readFile(join(home, 'accounts.json'), 'utf8'));
    expect(raw.version).toBe(1);
    expect((await readAccounts(home)).map((a) => a.email)).toEqual(['a@x.test']);
  });

  it('loses no write when many updates race', async () => {
    const emails = Array.from({ length: 25 }, (_, i) => `u${i}@x.test`);
    await Promise.all(emails.map((e) => updateAccounts(home, (a) => [...a, { ...rec(e), id: e }])));
    expect((await readAccounts(home)).map((a) => a.email).sort()).toEqual([...emails].sort());
  });

  it('reports a corrupt file by name and leaves it as it was', async () => {
    const path = join(home, 'accounts.json');
    await writeFile(path, '{"version":1,"accounts":[');
    await expect(readAccounts(home)).rejects.toThrow(AccountsFileError);
    await expect(updateAccounts(home, (a) => [...a, rec('b@x.test')])).rejects.toThrow(path);
    expect(await readFile(path, 'utf8')).toBe('{"version":1,"accounts":[');
  });

  it('refuses an unknown schema version', async () => {
    await writeFile(join(home, 'accounts.json'), JSON.stringify({ version: 2, accounts: [] }));
    await expect(readAccounts(home)).rejects.toThrow(/schema version 2/);
  });

  it('takes over a lock left by a dead process', async () => {
    await writeFile(join(home, 'accounts.json.lock'), '999999999\n');
    await updateAccounts(home, (a) => [...a, rec('c@x.test')]);
    expect(await readAccounts(home)).toHaveLength(1);
  });
});
