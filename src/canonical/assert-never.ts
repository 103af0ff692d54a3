// The "cannot happen" branch of an exhaustive switch. Input is validated at the edge, so reaching it
// means a gateway bug (a union grew a case nobody handles): an internal error (500), not a 400
// that would blame the client.
import { GatewayError } from './gateway-error.js';

export function assertNever(x: never): never {
  const shown = JSON.stringify(x)?.slice(0, 200) ?? String(x);
  throw new GatewayError('internal', `The gateway met a case it does not handle (${shown}); this is a bug in the gateway.`);
}
