import { describe, expect, it } from 'vitest';
import { CODE_TTL_MS, createLoginCodes } from './ui-login-codes.js';

describe('createLoginCodes', () => {
  it('redeems a code once, and never an unknown one', () => {
    const codes = createLoginCodes();
    const { code } = codes.mint();
    expect(code).toMatch(/^[\w-]{32}$/);
    expect(codes.redeem('made-up')).toBe(false);
    expect(codes.redeem(code)).toBe(true);
    expect(codes.redeem(code)).toBe(false);
  });

  it('refuses a code once its time is up', () => {
    let now = 1_000;
    const codes = createLoginCodes(() => now);
    const a = codes.mint();
    const b = codes.mint();
    expect(a.expiresAt).toBe(1_000 + CODE_TTL_MS);
    now += CODE_TTL_MS - 1;
    expect(codes.redeem(a.code)).toBe(true);
    now += 1;
    expect(codes.redeem(b.code)).toBe(false);
  });

  it('keeps only the newest codes when many are minted and not used', () => {
    const codes = createLoginCodes();
    const minted = Array.from({ length: 40 }, () => codes.mint().code);
    expect(codes.redeem(minted[0]!)).toBe(false);
    expect(codes.redeem(minted[39]!)).toBe(true);
  });
});
