import { describe, expect, it } from 'vitest';
import { GatewayError, type ErrorKind } from '../canonical/index.js';
import { Cooldowns, classifyCooldown, type Cooldown } from './cooldowns.js';

const err = (kind: ErrorKind, reason?: string, retryAfterMs?: number): GatewayError =>
  new GatewayError(kind, 'x', {
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    ...(reason ? { upstream: { status: 429, reason } } : {}),
  });

const NOW = 1_000_000;

describe('classifyCooldown', () => {
  const table: Array<[string, GatewayError, Cooldown | undefined, number | undefined, Partial<Cooldown> | undefined]> = [
    ['per-minute limit with RetryInfo', err('rate_limited', 'RATE_LIMIT_EXCEEDED', 3500), undefined, undefined, { reason: 'rate-limit', until: NOW + 3500 }],
    ['per-minute limit without delay: 10 s', err('rate_limited', 'RATE_LIMIT_EXCEEDED'), undefined, undefined, { reason: 'rate-limit', until: NOW + 10_000 }],
    ['a tiny delay is raised to 2 s', err('rate_limited', undefined, 754), undefined, undefined, { until: NOW + 2000 }],
    ['a rate limit of 4 min cools down', err('rate_limited', 'RATE_LIMIT_EXCEEDED', 240_000), undefined, undefined, { reason: 'rate-limit', until: NOW + 240_000 }],
    ['a rate limit of 5 min or more is a quota gone', err('rate_limited', 'RATE_LIMIT_EXCEEDED', 300_000), undefined, undefined, { reason: 'quota-exhausted', until: NOW + 300_000 }],
    ['quota exhausted with a reset delay', err('rate_limited', 'QUOTA_EXHAUSTED', 3_600_000), undefined, undefined, { reason: 'quota-exhausted', until: NOW + 3_600_000 }],
    ['quota exhausted: the known reset time', err('rate_limited', 'QUOTA_EXHAUSTED'), undefined, NOW + 7_200_000, { until: NOW + 7_200_000 }],
    ['quota exhausted, nothing known: 1 min', err('rate_limited', 'QUOTA_EXHAUSTED'), undefined, undefined, { until: NOW + 60_000, strikes: 1 }],
    [
      'quota exhausted again: 5 min',
      err('rate_limited', 'QUOTA_EXHAUSTED'),
      { reason: 'quota-exhausted', until: 0, strikes: 1 },
      undefined,
      { until: NOW + 300_000, strikes: 2 },
    ],
    [
      'quota tiers stop at 2 h',
      err('rate_limited', 'QUOTA_EXHAUSTED'),
      { reason: 'quota-exhausted', until: 0, strikes: 9 },
      undefined,
      { until: NOW + 7_200_000 },
    ],
    ['capacity: 5 s', err('rate_limited', 'MODEL_CAPACITY_EXHAUSTED'), undefined, undefined, { reason: 'capacity', until: NOW + 5000 }],
    ['capacity again: 10 s', err('overloaded'), { reason: 'capacity', until: 0, strikes: 1 }, undefined, { until: NOW + 10_000 }],
    ['5xx: 5 s', err('upstream'), undefined, undefined, { reason: 'server-error', until: NOW + 5000 }],
    ['a different reason restarts the tiers', err('upstream'), { reason: 'capacity', until: 0, strikes: 4 }, undefined, { strikes: 1 }],
    ['bad request: none', err('invalid_request'), undefined, undefined, undefined],
  ];
  it.each(table)('%s', (_name, e, previous, resetAt, expected) => {
    const c = classifyCooldown(e, NOW, previous, resetAt);
    if (expected === undefined) expect(c).toBeUndefined();
    else expect(c).toMatchObject(expected);
  });
});

describe('Cooldowns', () => {
  it('is active until its time, per account and model', () => {
    const cd = new Cooldowns();
    cd.set('a', 'm', { until: 100, reason: 'rate-limit', strikes: 1 });
    expect(cd.active('a', 'm', 99)?.reason).toBe('rate-limit');
    expect(cd.active('a', 'm', 100)).toBeUndefined();
    expect(cd.active('a', 'other', 50)).toBeUndefined();
    expect(cd.active('b', 'm', 50)).toBeUndefined();
    expect(cd.last('a', 'm')?.strikes).toBe(1);
    cd.forgetAccount('a');
    expect(cd.last('a', 'm')).toBeUndefined();
  });
});
