// One-time login codes for the dashboard: `gateway ui` (which holds the API key) asks the server
// for one and opens /ui/#code=...; the page trades it once for the key and keeps that in its
// session storage. The printed link is useless once used or after a few minutes, and never holds
// the key itself, so it may appear in a terminal or a browser's history.
import { randomBytes } from 'node:crypto';

/** @internal */
export const CODE_TTL_MS = 5 * 60_000;
/** Codes minted and not yet used are few; more means something mints in a loop. */
const MAX_OPEN_CODES = 32;

export interface LoginCodes {
  mint(): { code: string; expiresAt: number };
  /** True once for a valid, unexpired code; the code is gone afterwards either way. */
  redeem(code: string): boolean;
}

export function createLoginCodes(now: () => number = Date.now): LoginCodes {
  const open = new Map<string, number>();
  const sweep = (): void => {
    const t = now();
    for (const [code, expires] of open) if (expires <= t) open.delete(code);
  };
  return {
    mint() {
      sweep();
      // The oldest goes first: a flood cannot lock the user out of fresh codes.
      while (open.size >= MAX_OPEN_CODES) open.delete(open.keys().next().value!);
      const code = randomBytes(24).toString('base64url');
      const expiresAt = now() + CODE_TTL_MS;
      open.set(code, expiresAt);
      return { code, expiresAt };
    },
    redeem(code) {
      const expires = open.get(code);
      open.delete(code);
      return expires !== undefined && expires > now();
    },
  };
}
