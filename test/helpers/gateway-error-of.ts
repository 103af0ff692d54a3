// For tests that check a parse failure: the GatewayError a call throws.
import { GatewayError } from '../../src/canonical/index.js';

/** The GatewayError `fn` throws; any other error is rethrown, and no throw at all fails the test. */
export function gatewayErrorOf(fn: () => unknown): GatewayError {
  try {
    fn();
  } catch (e) {
    if (e instanceof GatewayError) return e;
    throw e;
  }
  throw new Error('expected a GatewayError, but nothing was thrown');
}
