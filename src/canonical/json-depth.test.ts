import { describe, expect, it } from 'vitest';
import { nested, nestedJson } from '../../test/helpers/hostile-inputs.js';
import { GatewayError } from './gateway-error.js';
import { assertJsonDepth, MAX_JSON_DEPTH, tooDeepAt } from './json-depth.js';

describe('tooDeepAt', () => {
  it('finds nothing in flat or moderately nested values', () => {
    expect(tooDeepAt('x')).toBeUndefined();
    expect(tooDeepAt({ a: [1, { b: null }], c: 'x' })).toBeUndefined();
    expect(tooDeepAt(nested(MAX_JSON_DEPTH - 1))).toBeUndefined();
  });

  it('names the path to the first level past the limit', () => {
    expect(tooDeepAt({ ok: 1, list: [0, nested(5)] }, 4)).toEqual(['list', 1, 'a', 'a']);
  });

  it('walks 100,000 levels without recursing', () => {
    expect(tooDeepAt(JSON.parse(nestedJson(100_000)))).toHaveLength(MAX_JSON_DEPTH);
  });
});

describe('assertJsonDepth', () => {
  it('throws a 400 whose message says how deep and where', () => {
    let err: unknown;
    try {
      assertJsonDepth(nested(20), ['messages', 0, 'input'], 10);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(GatewayError);
    expect(err).toMatchObject({ kind: 'invalid_request', param: 'messages.0.input' });
    expect((err as Error).message).toMatch(/nested more than 10 levels deep at messages\.0\.input\.a\.a.*…; flatten it/);
  });
});
