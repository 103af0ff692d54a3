import { describe, expect, it } from 'vitest';
import { parseFilters, parseGrouping, parseSince, UsageFilterError } from './usage-filters.js';

const NOW = Date.UTC(2026, 2, 15, 12, 0, 0);
const HOUR = 3_600_000;

describe('usage filters', () => {
  it('reads durations back from now', () => {
    expect(parseSince('90m', NOW)).toBe(NOW - 1.5 * HOUR);
    expect(parseSince('24h', NOW)).toBe(NOW - 24 * HOUR);
    expect(parseSince('7d', NOW)).toBe(NOW - 7 * 24 * HOUR);
    expect(parseSince(' 30D ', NOW)).toBe(NOW - 30 * 24 * HOUR);
    expect(parseSince('2w', NOW)).toBe(NOW - 14 * 24 * HOUR);
  });

  it('reads a date as its local midnight, and an ISO time as it is', () => {
    expect(parseSince('2026-03-01', NOW)).toBe(new Date(2026, 2, 1).getTime());
    expect(parseSince('2026-03-14T08:30:00Z', NOW)).toBe(Date.UTC(2026, 2, 14, 8, 30));
  });

  it('refuses what is neither, a date that does not exist, and the future, naming the parameter', () => {
    for (const bad of ['yesterday', '7', '-1d', '2026-02-31', '2026-3-1', '']) {
      expect(() => parseSince(bad, NOW)).toThrow(UsageFilterError);
    }
    expect(() => parseSince('2027-01-01', NOW)).toThrow(/future/);
    try {
      parseSince('soon', NOW);
    } catch (e) {
      expect(e).toMatchObject({ param: 'since', message: 'since must be a duration like 24h, 7d or 30d, or a date like 2026-01-31; got "soon".' });
    }
  });

  it('groups by one of day, model, account, client, key', () => {
    expect(parseGrouping('Model')).toBe('model');
    expect(() => parseGrouping('week')).toThrow(/by must be one of day, model, account, client, key; got "week"/);
  });

  it('defaults to the last 7 days without grouping; empty parameters count as missing', () => {
    expect(parseFilters({}, NOW)).toEqual({ since: NOW - 7 * 24 * HOUR });
    expect(parseFilters({ since: '', by: '' }, NOW)).toEqual({ since: NOW - 7 * 24 * HOUR });
    expect(parseFilters({ since: '24h', by: 'day' }, NOW)).toEqual({ since: NOW - 24 * HOUR, by: 'day' });
  });
});
