// Google error answers (status, JSON body, headers) → GatewayError, reading the structured
// details first (ErrorInfo, RetryInfo), then headers, and only then the message text.
import { GatewayError, type AccountVerdict, type ActionLink, type ErrorKind } from '../../canonical/index.js';
import type { GoogleErrorBody, GoogleErrorDetail } from '../../protocols/gemini.js';

const ERROR_INFO = 'type.googleapis.com/google.rpc.ErrorInfo';
const RETRY_INFO = 'type.googleapis.com/google.rpc.RetryInfo';
const HELP = 'type.googleapis.com/google.rpc.Help';

export type RateLimitReason = 'RATE_LIMIT_EXCEEDED' | 'QUOTA_EXHAUSTED' | 'MODEL_CAPACITY_EXHAUSTED';

/** Marks a 403 that means Google has blocked the account (upstream.reason). @internal */
export const ACCOUNT_DISABLED = 'ACCOUNT_DISABLED';

// A ban, not a bare "disabled": Google's 403 "... API has not been used ... or it is disabled"
// for a wrong project says nothing about the account.
const BANNED = /terms of service|\btos\b|account (?:has been |is |was )?(?:disabled|suspended|banned)|violat|account_disabled|user_disabled/i;
const BAN_REASONS = new Set(['ACCOUNT_DISABLED', 'USER_DISABLED', 'TOS_VIOLATION']);

// gemini-cli's OAuth client refused for personal accounts since June 2026 ("This client is no
// longer supported for Gemini Code Assist for individuals"). Not the version refusal, whose text
// says "This version of Antigravity is no longer supported".
const UNSUPPORTED_CLIENT = /client is no longer supported/i;

/** What the user does about an account Google refuses with gemini-cli's client. */
export const UNSUPPORTED_CLIENT_HINT = 'Google serves only licensed Gemini Code Assist Standard / Enterprise accounts with the gemini-cli flavor; add the account again with `gateway accounts add --flavor antigravity`.';

const BODY_EXCERPT = 500;

export interface HeaderReader {
  get(name: string): string | null;
}

/**
 * Parses Google's duration spellings: proto Duration "3.5s", "754.43ms", "1h2m3s", "2m", and a
 * bare number of seconds. Returns milliseconds.
 * @internal
 */
export function parseDuration(text: string): number | undefined {
  const s = text.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return Math.round(Number(s) * 1000);
  const re = /(\d+(?:\.\d+)?)(ms|h|m|s)/gy;
  let total = 0;
  let matched = false;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) {
    const n = Number(m[1]);
    total += m[2] === 'h' ? n * 3_600_000 : m[2] === 'm' ? n * 60_000 : m[2] === 's' ? n * 1000 : n;
    matched = true;
    if (re.lastIndex === s.length) return Math.round(total);
  }
  return matched && re.lastIndex === s.length ? Math.round(total) : undefined;
}

function parseBody(text: string): GoogleErrorBody['error'] | undefined {
  try {
    const v: unknown = JSON.parse(text);
    // Some proxies answer with a one-element array of the error.
    const obj: unknown = Array.isArray(v) ? v[0] : v;
    if (obj && typeof obj === 'object' && 'error' in obj) {
      const err = obj.error;
      if (err && typeof err === 'object') return err as GoogleErrorBody['error'];
    }
  } catch {
    // not JSON: an HTML page from a proxy, say
  }
  return undefined;
}

/** Milliseconds until Google says to try again, from the body's details, then headers, then text. */
function retryAfterFrom(details: readonly GoogleErrorDetail[], headers: HeaderReader, message: string, now: number): number | undefined {
  const retryInfo = details.find((d) => d['@type'] === RETRY_INFO);
  const fromRetry = retryInfo?.retryDelay ? parseDuration(retryInfo.retryDelay) : undefined;
  if (fromRetry !== undefined) return fromRetry;
  const meta = details.find((d) => d['@type'] === ERROR_INFO)?.metadata;
  const fromDelay = meta?.quotaResetDelay ? parseDuration(meta.quotaResetDelay) : undefined;
  if (fromDelay !== undefined) return fromDelay;
  if (meta?.quotaResetTimeStamp) {
    const at = Date.parse(meta.quotaResetTimeStamp);
    if (!Number.isNaN(at)) return Math.max(0, at - now);
  }
  const retryAfter = headers.get('retry-after');
  if (retryAfter) {
    const secs = parseDuration(retryAfter);
    if (secs !== undefined) return secs;
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) return Math.max(0, at - now);
  }
  const reset = headers.get('x-ratelimit-reset');
  if (reset && /^\d+(\.\d+)?$/.test(reset)) {
    const n = Number(reset);
    // Either seconds from now or a Unix time in seconds.
    return n > 1e9 ? Math.max(0, n * 1000 - now) : Math.round(n * 1000);
  }
  const m = /(?:retry|reset)[^0-9]{0,20}(\d+(?:\.\d+)?(?:ms|s|m|h)(?:\d+(?:\.\d+)?(?:ms|s|m|h))*)/i.exec(message);
  return m?.[1] ? parseDuration(m[1]) : undefined;
}

function rateLimitReason(info: string | undefined, message: string): RateLimitReason {
  if (info === 'RATE_LIMIT_EXCEEDED' || info === 'QUOTA_EXHAUSTED' || info === 'MODEL_CAPACITY_EXHAUSTED') return info;
  if (/capacity/i.test(message)) return 'MODEL_CAPACITY_EXHAUSTED';
  // Google's generic 429 text ("Resource has been exhausted (e.g. check quota).") says nothing of
  // a daily quota without details: a transient limit (shared/spec/google-upstream.md §0).
  if (/resource has been exhausted/i.test(message)) return 'RATE_LIMIT_EXCEEDED';
  if (/quota|exhausted/i.test(message) && !/per minute|rate/i.test(message)) return 'QUOTA_EXHAUSTED';
  return 'RATE_LIMIT_EXCEEDED';
}

function kindFor(status: number): ErrorKind {
  if (status === 400 || status === 422) return 'invalid_request';
  if (status === 401) return 'auth';
  if (status === 403) return 'permission';
  if (status === 404) return 'not_found';
  if (status === 408) return 'timeout';
  if (status === 413) return 'too_large';
  if (status === 429) return 'rate_limited';
  if (status === 503 || status === 529) return 'overloaded';
  if (status === 504) return 'timeout';
  if (status >= 500) return 'upstream';
  return 'invalid_request';
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * Where Google asks the person to verify the account: a google.rpc.Help detail's first link (its
 * description is the link's text, a second link explains why), else ErrorInfo
 * metadata.validation_link. gemini-cli reads it the same way.
 */
function validationLink(details: readonly GoogleErrorDetail[]): ActionLink | undefined {
  const links: unknown = details.find((d) => d['@type'] === HELP)?.links;
  const [first, second] = Array.isArray(links) ? (links as Array<Record<string, unknown> | null>) : [];
  const url = str(first?.url);
  if (url) {
    const text = str(first?.description);
    const learnMoreUrl = str(second?.url);
    return { url, ...(text ? { text } : {}), ...(learnMoreUrl ? { learnMoreUrl } : {}) };
  }
  const fallback = str(details.find((d) => d['@type'] === ERROR_INFO)?.metadata?.validation_link);
  return fallback ? { url: fallback } : undefined;
}

/** Whether the answer says the account itself is refused (verification, ban, unsupported client). */
function accountVerdict(status: number, message: string, details: readonly GoogleErrorDetail[], infoReason: string | undefined): AccountVerdict | undefined {
  if (status < 400 || status >= 500 || status === 429 || status === 401) return undefined;
  if (infoReason === 'VALIDATION_REQUIRED') {
    const link = validationLink(details);
    return { state: 'needs-verification', message, ...(link ? { link } : {}) };
  }
  if (infoReason === 'UNSUPPORTED_CLIENT' || UNSUPPORTED_CLIENT.test(message)) {
    return { state: 'unsupported-client', message: `${message.replace(/\s*$/, '')} ${UNSUPPORTED_CLIENT_HINT}` };
  }
  if (status === 403 && ((infoReason !== undefined && BAN_REASONS.has(infoReason)) || BANNED.test(message))) return { state: 'banned', message };
  return undefined;
}

/** One Google error answer → GatewayError; 400 keeps Google's message for the client. */
export function mapGoogleError(status: number, bodyText: string, headers: HeaderReader, now: number = Date.now()): GatewayError {
  const err = parseBody(bodyText);
  const details = Array.isArray(err?.details) ? err.details : [];
  const message = typeof err?.message === 'string' && err.message ? err.message : `Cloud Code Assist answered HTTP ${status}.`;
  const code = err?.status;
  const infoReason = details.find((d) => d['@type'] === ERROR_INFO)?.reason;
  let reason: string | undefined = infoReason;
  const capacity = infoReason === 'MODEL_CAPACITY_EXHAUSTED' || /capacity/i.test(message);
  if (status === 429 || (capacity && (status === 503 || status === 529))) reason = rateLimitReason(infoReason, message);
  const account = accountVerdict(status, message, details, infoReason);
  if (account?.state === 'banned') reason = ACCOUNT_DISABLED;
  const kind = kindFor(status);
  const retryAfterMs = status === 429 || status >= 500 ? retryAfterFrom(details, headers, message, now) : undefined;
  return new GatewayError(kind, message, {
    upstream: {
      status,
      ...(code ? { code } : {}),
      ...(reason ? { reason } : {}),
      body: bodyText.slice(0, BODY_EXCERPT),
    },
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    ...(account ? { account } : {}),
  });
}

/** A fetch that failed without an HTTP answer (refused, reset, DNS). */
export function networkError(e: unknown, what: string): GatewayError {
  const cause = e instanceof Error && e.cause instanceof Error ? e.cause : e;
  const code = cause && typeof cause === 'object' && 'code' in cause ? String(cause.code) : undefined;
  return new GatewayError('upstream', `Could not reach Cloud Code Assist ${what}${code ? ` (${code})` : ''}.`, { cause: e });
}

/** The connection failed after the answer began. */
export function brokenStreamError(e: unknown): GatewayError {
  return new GatewayError('upstream', 'The connection to Cloud Code Assist broke in the middle of the answer.', { cause: e });
}

export function timeoutError(ms: number, what: string): GatewayError {
  return new GatewayError('timeout', `Cloud Code Assist sent nothing for ${Math.round(ms / 1000)} s ${what}.`);
}
