// accounts.json is shared by processes (the CLI adds an account while the server marks another
// one's state), so the lock must hold across processes, not only across promises of one.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readAccounts } from '../../src/store/accounts-file.js';
import { assertBuilt } from '../helpers/spawn-cli.js';
import { makeTempHome } from '../helpers/temp-home.js';

const STORE = fileURLToPath(new URL('../../dist/store/accounts-file.js', import.meta.url));

// Each child appends its own records one read-modify-write at a time.
const writer = `
  const { updateAccounts } = await import(process.argv[1]);
  const [home, tag, n] = process.argv.slice(2);
  for (let i = 0; i < Number(n); i++) {
    const email = tag + '-' + i + '@x.test';
    await updateAccounts(home, (a) => [...a, { id: email, email, flavor: 'antigravity', addedAt: new Date().toISOString(), state: 'active' }]);
  }
`;

function runWriter(home: string, tag: string, n: number): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', writer, STORE, home, tag, String(n)], { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('close', resolve);
  });
}

describe('accounts.json between processes', () => {
  let temp: Awaited<ReturnType<typeof makeTempHome>>;
  beforeEach(async () => {
    assertBuilt();
    temp = await makeTempHome();
  });
  afterEach(() => temp.cleanup());

  it('loses no write when four processes update it at once, and leaves valid JSON', async () => {
    const codes = await Promise.all(['p0', 'p1', 'p2', 'p3'].map((tag) => runWriter(temp.home, tag, 15)));
    expect(codes).toEqual([0, 0, 0, 0]);
    const emails = (await readAccounts(temp.home)).map((a) => a.email);
    expect(emails).toHaveLength(60);
    expect(new Set(emails).size).toBe(60);
    expect(JSON.parse(await readFile(join(temp.home, 'accounts.json'), 'utf8'))).toMatchObject({ version: 1 });
  });
});
