// Which dialect renders an error, from the paths and headers the dialects claim (ErrorClaim), so that
// even a refused Host, a missing API key or an unknown path comes back in the shape the client's SDK
// understands. Asked only when there is an error to render.
import type { Context } from 'hono';
import type { Dialect, ErrorClaim } from '../dialects/dialect.js';
import type { DialectRegistry } from '../dialects/registry.js';
import { readHeader } from './read-headers.js';
import type { AppEnv } from './types.js';

export type ErrorDialect = (path: string, header: (name: string) => string | undefined) => Dialect;

const conditions = (k: ErrorClaim): number => Number(k.header !== undefined) + Number(k.pattern !== undefined);

/** The claim with the longest matching prefix wins (at equal length, the one with more conditions); else the fallback. */
export function createErrorDialect(registry: DialectRegistry): ErrorDialect {
  const claims = registry.dialects
    .flatMap((dialect) => dialect.errorClaims.map((claim) => ({ dialect, claim, header: claim.header?.toLowerCase() })))
    .sort((a, b) => b.claim.prefix.length - a.claim.prefix.length || conditions(b.claim) - conditions(a.claim));
  return (path, header) => {
    for (const { dialect, claim, header: name } of claims) {
      if (!path.startsWith(claim.prefix)) continue;
      if (claim.pattern !== undefined && !claim.pattern.test(path)) continue;
      if (name !== undefined && !header(name)) continue;
      return dialect;
    }
    return registry.fallback;
  };
}

/** The dialect that renders errors for this request. */
export const errorDialectOf = (c: Context<AppEnv>, pick: ErrorDialect): Dialect => pick(c.req.path, (name) => readHeader(c, name));
