import { describe, expect, it } from 'vitest';
import { fixFor, sameStatus, statusOf, withStatus } from './account-status.js';
import type { AccountRecord } from './types.js';

const base: AccountRecord = { id: 'a', email: 'a@example.com', flavor: 'antigravity', projectId: 'p', addedAt: '2026-01-01T00:00:00Z', state: 'active' };
const link = { url: 'https://accounts.google.com/verify', text: 'Verify your account' };

describe('account status', () => {
  it('round-trips each state through the flat record, leaving nothing of the previous one', () => {
    const marked = withStatus(base, { state: 'needs-verification', message: 'Verify.', link }, '2026-12-01T10:00:00.000Z');
    expect(marked).toMatchObject({ state: 'needs-verification', stateReason: 'Verify.', stateLink: link, stateSince: '2026-12-01T10:00:00.000Z' });
    expect(statusOf(marked)).toEqual({ state: 'needs-verification', message: 'Verify.', link });
    const banned = withStatus(marked, { state: 'banned', message: 'ToS.' }, '2026-12-02T10:00:00.000Z');
    expect(banned).not.toHaveProperty('stateLink');
    expect(banned.stateSince).toBe('2026-12-02T10:00:00.000Z');
    const back = withStatus(banned, { state: 'active' }, '2026-12-03T10:00:00.000Z');
    expect(back).toEqual(base);
  });

  it('keeps the time a state began while the state stays', () => {
    const first = withStatus(base, { state: 'needs-verification', message: 'Verify.' }, '2026-12-01T10:00:00.000Z');
    const again = withStatus(first, { state: 'needs-verification', message: 'Verify.', link }, '2026-12-05T10:00:00.000Z');
    expect(again.stateSince).toBe('2026-12-01T10:00:00.000Z');
    expect(again.stateLink).toEqual(link);
  });

  it('tells a changed link from the same status', () => {
    expect(sameStatus({ state: 'needs-verification', message: 'x' }, { state: 'needs-verification', message: 'x' })).toBe(true);
    expect(sameStatus({ state: 'needs-verification', message: 'x' }, { state: 'needs-verification', message: 'x', link })).toBe(false);
  });

  it('says what to do for each state', () => {
    expect(fixFor({ state: 'active' })).toBe('');
    expect(fixFor({ state: 'needs-verification', message: '', link })).toContain(link.url);
    expect(fixFor({ state: 'needs-verification', message: '' })).toContain('gateway accounts verify');
    expect(fixFor({ state: 'unsupported-client', message: '' })).toContain('--flavor antigravity');
    expect(fixFor({ state: 'needs-login', message: '' })).toContain('gateway accounts add');
  });
});
