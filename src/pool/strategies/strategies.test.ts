import { describe, expect, it } from 'vitest';
import { pickQuota } from './pick-quota.js';
import { pickRoundRobin } from './pick-round-robin.js';
import { pickSticky } from './pick-sticky.js';
import type { Candidate, PickState } from './strategy.js';

const c = (id: string, remainingFraction?: number, lastUsedAt?: number): Candidate => ({
  id,
  ...(remainingFraction !== undefined ? { remainingFraction } : {}),
  ...(lastUsedAt !== undefined ? { lastUsedAt } : {}),
});

describe('pickQuota', () => {
  const table: Array<[string, Candidate[], PickState, string | undefined]> = [
    ['nobody', [], {}, undefined],
    ['highest fraction', [c('a', 0.9), c('b', 0.2), c('c', 0.5)], {}, 'a'],
    ['highest fraction, order irrelevant', [c('b', 0.2), c('c', 0.5), c('a', 0.9)], {}, 'a'],
    ['near-tie goes to least recently used', [c('a', 0.9, 200), c('b', 0.87, 100), c('c', 0.5, 0)], {}, 'b'],
    ['never used beats used in a tie', [c('a', 0.9, 100), c('b', 0.9)], {}, 'b'],
    ['not a tie beyond 0.05', [c('a', 0.9, 200), c('b', 0.8, 100)], {}, 'a'],
    ['unknown fraction counts as full', [c('a', 0.6), c('b')], {}, 'b'],
    ['session stays within the margin', [c('a', 0.9), c('b', 0.8)], { sessionAccountId: 'b' }, 'b'],
    ['session moves when too far below', [c('a', 0.9), c('b', 0.5)], { sessionAccountId: 'b' }, 'a'],
    ['session account gone', [c('a', 0.9), c('b', 0.8)], { sessionAccountId: 'z' }, 'a'],
    ['session never stays on an empty account', [c('a', 0.1), c('b', 0)], { sessionAccountId: 'b' }, 'a'],
  ];
  it.each(table)('%s', (_name, candidates, state, expected) => {
    expect(pickQuota(candidates, 'm', state, 1000)).toBe(expected);
  });
});

describe('pickRoundRobin', () => {
  const abc = [c('a'), c('b'), c('c')];
  const table: Array<[string, Candidate[], PickState, string | undefined]> = [
    ['nobody', [], {}, undefined],
    ['first time: first', abc, {}, 'a'],
    ['after a: b', abc, { lastPickedId: 'a' }, 'b'],
    ['after c: wraps to a', abc, { lastPickedId: 'c' }, 'a'],
    ['after a cooling b: the next after b', [c('a'), c('c')], { lastPickedId: 'b' }, 'c'],
  ];
  it.each(table)('%s', (_name, candidates, state, expected) => {
    expect(pickRoundRobin(candidates, 'm', state, 0)).toBe(expected);
  });
});

describe('pickSticky', () => {
  const table: Array<[string, Candidate[], PickState, string | undefined]> = [
    ['nobody', [], {}, undefined],
    ['first time: first', [c('a', 0.1), c('b', 0.9)], {}, 'a'],
    ['stays on the last', [c('a', 0.9), c('b', 0.1)], { lastPickedId: 'b' }, 'b'],
    ['moves when the last cannot serve', [c('a'), c('c')], { lastPickedId: 'b' }, 'a'],
  ];
  it.each(table)('%s', (_name, candidates, state, expected) => {
    expect(pickSticky(candidates, 'm', state, 0)).toBe(expected);
  });
});
