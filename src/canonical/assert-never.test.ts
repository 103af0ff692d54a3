import { describe, expect, it } from 'vitest';
import { assertNever } from './assert-never.js';
import { GatewayError } from './gateway-error.js';

describe('assertNever', () => {
  it('is a gateway bug: an internal error (500), never a 400 that blames the client', () => {
    const err = (() => {
      try {
        return assertNever('surprise' as never);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(GatewayError);
    expect(err).toMatchObject({ kind: 'internal', status: 500, message: expect.stringContaining('"surprise"') });
  });
});
