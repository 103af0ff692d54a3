import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFileSecretStore } from '../store/file-secret-store.js';
import { saveAccount } from '../store/save-account.js';
import { readAccounts, updateAccounts } from '../store/accounts-file.js';
import { makeTempHome } from '../../test/helpers/temp-home.js';
import { createFileAccountStore } from './account-store.js';

let home: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ home, cleanup } = await makeTempHome()));
afterEach(async () => cleanup());

const add = (email: string) =>
  saveAccount(home, createFileSecretStore(home), { email, flavor: 'antigravity', projectId: 'p', state: 'active' }, `1//rt-${email}`);

describe('file account store', () => {
  it('reads accounts and their refresh tokens, and fingerprints changes', async () => {
    const store = createFileAccountStore({ home, secretStore: 'file' });
    expect(await store.read()).toEqual([]);
    const empty = await store.fingerprint();
    const { record } = await add('a@example.com');
    const one = await store.fingerprint();
    expect(one).not.toBe(empty);
    expect((await store.read()).map((r) => r.email)).toEqual(['a@example.com']);
    expect(await store.refreshToken(record)).toBe('1//rt-a@example.com');
    await add('b@example.com');
    expect(await store.fingerprint()).not.toBe(one);
  });

  it('persists a state change with its reason', async () => {
    const store = createFileAccountStore({ home, secretStore: 'file' });
    const { record } = await add('a@example.com');
    await store.setStatus(record.id, { state: 'needs-login', message: 'Google refused the saved login' }, '2026-11-25T12:00:00.000Z');
    expect(await readAccounts(home)).toEqual([
      expect.objectContaining({ id: record.id, state: 'needs-login', stateReason: 'Google refused the saved login', stateSince: '2026-11-25T12:00:00.000Z' }),
    ]);
  });

  it('persists a verification link, and forgets it when the account is active again', async () => {
    const store = createFileAccountStore({ home, secretStore: 'file' });
    const { record } = await add('a@example.com');
    const link = { url: 'https://accounts.google.com/verify', text: 'Verify your account', learnMoreUrl: 'https://support.google.com/x' };
    await store.setStatus(record.id, { state: 'needs-verification', message: 'Verify your account.', link }, '2026-11-25T12:00:00.000Z');
    expect((await readAccounts(home))[0]).toMatchObject({ state: 'needs-verification', stateLink: link, stateSince: '2026-11-25T12:00:00.000Z' });
    await store.setStatus(record.id, { state: 'active' }, '2026-11-25T13:00:00.000Z');
    const [after] = await readAccounts(home);
    expect(after!.state).toBe('active');
    expect(after).not.toHaveProperty('stateLink');
    expect(after).not.toHaveProperty('stateReason');
    expect(after).not.toHaveProperty('stateSince');
  });

  it('reads the state older files called disabled as banned', async () => {
    const { record } = await add('a@example.com');
    await updateAccounts(home, (list) => {
      (list[0] as { state: string }).state = 'disabled';
    });
    expect((await readAccounts(home))[0]).toMatchObject({ id: record.id, state: 'banned' });
  });

  it('calls back when accounts.json changes', async () => {
    const store = createFileAccountStore({ home, secretStore: 'file' });
    let calls = 0;
    const stop = store.watch(() => void calls++);
    try {
      expect(calls).toBe(0);
      await add('a@example.com');
      await vi.waitFor(() => expect(calls).toBeGreaterThan(0), { timeout: 10_000, interval: 5 });
    } finally {
      stop();
    }
  });

  it('is trusted to report changes only while a watch runs and the file has not gone missing', async () => {
    await add('a@example.com');
    const store = createFileAccountStore({ home, secretStore: 'file' });
    expect(store.watching?.()).toBe(false);
    const stop = store.watch(() => {});
    // Only inotify delivers before a later request is read; elsewhere the pool checks per request.
    expect(store.watching?.()).toBe(process.platform === 'linux');
    stop();
    expect(store.watching?.()).toBe(false);
    const again = store.watch(() => {});
    await rm(join(home, 'accounts.json'));
    expect(await store.fingerprint()).toBe('missing');
    expect(store.watching?.()).toBe(false);
    again();
  });
});
