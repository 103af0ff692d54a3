// Google's refusals of an outdated client, told apart from answers. Below its moving minimum,
// Google answers Antigravity with HTTP 200 and an ordinary-looking reply whose only text is "This
// version of Antigravity is no longer supported…" (users saw it arrive in Claude Code as the
// model's reply), or with 404 for models it lists (shared/spec/google-upstream.md §0). Either
// becomes one clear gateway error that names the version sent and the fix.
import { GatewayError, type CanonicalEvent } from '../../canonical/index.js';

/** Marks the error (upstream.reason) for logs and the usage record; `noFailover` tells the pool every account would get it. */
const CLIENT_VERSION_REFUSED = 'CLIENT_VERSION_REFUSED';

/**
 * The openings of the refusal texts seen, normalised (lower case, every run of other characters one
 * space). The known variants end "Please update to receive the latest features!", "Please upgrade
 * to receive the latest features." and "Please visit https://antigravity.google/download …".
 */
const OPENINGS = ['this version of antigravity is no longer supported', 'your current version of antigravity is out of date'];

/** A refusal is a sentence or two; an answer that goes on past this is the model's own. */
const MAX_REFUSAL_CHARS = 500;

const normalise = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trimStart();

/** The first characters normalise() would keep of any opening. */
const FIRST_KEPT = new Set(OPENINGS.map((o) => o[0]!));

/**
 * The first character normalise() keeps of `text` ('' when it keeps none), read without
 * normalising; undefined when a non-ASCII character comes first (its lower case is normalise's to decide).
 */
function firstKept(text: string): string | undefined {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) return undefined;
    if ((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a)) return text[i];
    if (c >= 0x41 && c <= 0x5a) return String.fromCharCode(c + 0x20);
  }
  return '';
}

/** 'refusal' when the text opens with a known refusal, 'maybe' while it could still become one, else 'no'. @internal */
export function classifyOpening(text: string): 'refusal' | 'maybe' | 'no' {
  // Most answers are decided by their first letter, without normalising the text.
  const first = firstKept(text);
  if (first !== undefined && first !== '' && !FIRST_KEPT.has(first)) return 'no';
  const n = normalise(text);
  if (OPENINGS.some((o) => n.startsWith(o))) return 'refusal';
  return OPENINGS.some((o) => o.startsWith(n)) ? 'maybe' : 'no';
}

/** Whole answer texts (non-streaming callers, tests). @internal */
export const isRefusalText = (text: string): boolean => text.length <= MAX_REFUSAL_CHARS && classifyOpening(text) === 'refusal';

export interface HeadResult {
  /** The events read so far, in order, to be passed on. */
  events: CanonicalEvent[];
  /** The source ended within them. */
  done: boolean;
}

/**
 * Reads the head of an answer until it is clear whether it is a refusal: events are held back
 * only while the text so far could still open one (a normal answer is decided by its first
 * words), and a refusal's text is read to its end. Throws `onRefusal(text)` when it is one.
 * Anything but text first (thinking, a tool call) decides at once: refusals carry neither.
 */
export async function readHead(
  it: AsyncIterator<CanonicalEvent>,
  onRefusal: (text: string) => GatewayError,
): Promise<HeadResult> {
  const events: CanonicalEvent[] = [];
  let text = '';
  let suspect = false;
  for (;;) {
    const r = await it.next();
    if (r.done) {
      if (suspect && text.length <= MAX_REFUSAL_CHARS) throw onRefusal(text);
      return { events, done: true };
    }
    const ev = r.value;
    events.push(ev);
    switch (ev.type) {
      case 'message-start':
      case 'block-end':
      case 'usage':
      case 'ping':
        continue;
      case 'block-start':
        if (ev.block.type === 'text') continue;
        return { events, done: false };
      case 'text-delta': {
        text += ev.text;
        if (text.length > MAX_REFUSAL_CHARS) return { events, done: false };
        if (suspect) continue;
        const opening = classifyOpening(text);
        if (opening === 'no') return { events, done: false };
        suspect = opening === 'refusal';
        continue;
      }
      case 'finish':
        if (suspect) throw onRefusal(text);
        return { events, done: false };
      default:
        return { events, done: false };
    }
  }
}

const PIN = 'GATEWAY_ANTIGRAVITY_VERSION';

/** The error a client gets: 502, not retried by SDKs, naming the version sent and the fix. */
export function versionRefusedError(version: string, what: string, status: number): GatewayError {
  return new GatewayError(
    'upstream',
    `Google refused the Antigravity version this gateway claims (${version}): ${what}. ` +
      `The gateway is asking Antigravity's updater feed for the current version now; if this persists, ` +
      `set ${PIN} to the current Antigravity version (https://antigravity.google/download) and restart the gateway.`,
    { noRetry: true, noFailover: true, upstream: { status, reason: CLIENT_VERSION_REFUSED } },
  );
}

/** The refusal text, quoted and cut short for a message. */
export function quoteRefusal(text: string): string {
  const t = text.trim().replace(/\s+/g, ' ');
  return `it answered "${t.length > 160 ? `${t.slice(0, 157)}...` : t}"`;
}
