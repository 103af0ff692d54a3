// Switchable faults of emulated generation, all off by default: what a hardened gateway must
// survive from Google. Set them on `state.faults` (or EmulatorOptions.faults) for the calls to come:
//   emulator.state.faults.hang = ['alice@example.com'];
//   emulator.state.faults.slowDrip = { events: 50, intervalMs: 20 };
// A fault stays on until it is set back (state.reset() leaves faults alone).
import type { HttpBindings } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { Context } from 'hono';
import type { GeminiPart } from '../../src/protocols/gemini.js';
import { sendGoogleError } from './google-error.js';

/** Which accounts a fault hits: every account (`true`) or these emails. */
export type FaultTarget = boolean | readonly string[];

export interface EmulatorFaults {
  /**
   * Generation answers 401 UNAUTHENTICATED whatever token the account sends, a freshly refreshed
   * one included (the refresh itself succeeds): a login Google accepts and the API refuses.
   */
  unauthorizedAfterRefresh?: FaultTarget;
  /** Generation accepts the request and then sends nothing, not even headers, until the client leaves. */
  hang?: FaultTarget;
  /** Streams are cut (socket destroyed) after this many events. */
  cutAfterEvents?: number;
  /** Streams send this many events, `intervalMs` apart (the last one finishes the answer). */
  slowDrip?: { events: number; intervalMs: number };
}

/** What the faults did so far, for assertions (a hung call the gateway never gave up on leaks). */
export interface FaultCounters {
  /** Hung calls whose connection is still open. */
  hanging: number;
  /** Hung calls in all. */
  hung: number;
  unauthorized: number;
}

const hits = (target: FaultTarget | undefined, email: string): boolean =>
  target === true || (Array.isArray(target) && target.includes(email));

/** Holds the call open with nothing sent until the client closes it. */
function hang(c: Context, counters: FaultCounters): Promise<Response> {
  const { outgoing } = c.env as HttpBindings;
  counters.hanging++;
  counters.hung++;
  return new Promise((resolve) => {
    outgoing.once('close', () => {
      counters.hanging--;
      resolve(RESPONSE_ALREADY_SENT);
    });
  });
}

/**
 * The answer to a generation call when a fault takes it over before anything is sent; undefined
 * when no fault applies and the call goes on as usual.
 */
export function faultBeforeAnswer(c: Context, faults: EmulatorFaults, counters: FaultCounters, email: string): Promise<Response> | Response | undefined {
  if (hits(faults.unauthorizedAfterRefresh, email)) {
    counters.unauthorized++;
    return sendGoogleError(c, { code: 401, message: 'Request had invalid authentication credentials. Expected OAuth 2 access token.' });
  }
  if (hits(faults.hang, email)) return hang(c, counters);
  return undefined;
}

export interface StreamShape {
  events: GeminiPart[][];
  delayMs: number;
  dropAfter: number | undefined;
}

/** What each slow-drip event says before the real answer. */
const DRIP_TEXT = 'drip';

/** The events of a streamed answer once slow drip and cut-after-N have had their say. */
export function shapeStream(faults: EmulatorFaults, shape: StreamShape): StreamShape {
  let { events, delayMs, dropAfter } = shape;
  const drip = faults.slowDrip;
  if (drip !== undefined && drip.events > 0) {
    // Words ahead of the real answer, so the last event still carries it (and the finish reason).
    // A word, not punctuation: the gateway holds back text that could still begin one of Google's
    // version refusals, and punctuation alone could.
    const all = events.flat();
    events = Array.from({ length: drip.events - 1 }, (): GeminiPart[] => [{ text: DRIP_TEXT }]);
    events.push(all);
    delayMs = drip.intervalMs;
  }
  if (faults.cutAfterEvents !== undefined) dropAfter = Math.min(dropAfter ?? Infinity, faults.cutAfterEvents);
  return { events, delayMs, dropAfter };
}
