import { mkdtemp, rm, stat, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadRefreshToken, openSecretStore } from './secret-store.js';

let home: string;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'gw-sec-'));
});
afterEach(() => rm(home, { recursive: true, force: true }));

describe('file secret store', () => {
  it('keeps secrets in a 0600 file and deletes them', async () => {
    const store = await openSecretStore({ home, secretStore: 'file' });
    expect(store.backend).toBe('file');
    await store.set('acc1', '1//secret-one');
    await store.set('acc2', '1//secret-two');
    const info = await stat(join(home, 'secrets.json'));
    expect(info.mode & 0o777).toBe(0o600);
    expect(await store.get('acc1')).toBe('1//secret-one');
    await store.delete('acc1');
    expect(await store.get('acc1')).toBeUndefined();
    expect(await store.get('acc2')).toBe('1//secret-two');
    expect(store.describe()).toContain('secrets.json');
  });

  it('narrows a file that arrived with wider permissions', async () => {
    const path = join(home, 'secrets.json');
    await writeFile(path, JSON.stringify({ version: 1, secrets: {} }));
    await chmod(path, 0o644);
    const store = await openSecretStore({ home, secretStore: 'file' });
    await store.set('a', 'b');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('loads a refresh token from the backend the record names', async () => {
    const store = await openSecretStore({ home, secretStore: 'file' });
    await store.set('id1', '1//tok');
    const token = await loadRefreshToken(
      { home, secretStore: 'auto' },
      { id: 'id1', email: 'a@x.test', flavor: 'antigravity', addedAt: '', state: 'active', secretBackend: 'file' },
    );
    expect(token).toBe('1//tok');
  });
});
