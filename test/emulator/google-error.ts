// Google-shaped error bodies for the emulator and for tests that script failures:
// {error: {code, message, status, details: [ErrorInfo, RetryInfo]}}.
import type { Context } from 'hono';
import type { GoogleErrorBody, GoogleErrorDetail } from '../../src/protocols/gemini.js';

const STATUS_WORDS: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  501: 'NOT_IMPLEMENTED',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

export interface GoogleErrorSpec {
  code: number;
  message?: string;
  /** Google's status word; derived from the code when left out. */
  status?: string;
  /** ErrorInfo reason: RATE_LIMIT_EXCEEDED, QUOTA_EXHAUSTED, MODEL_CAPACITY_EXHAUSTED, ... */
  reason?: string;
  domain?: string;
  /** ErrorInfo metadata, e.g. {quotaResetDelay: "754.43ms", quotaResetTimeStamp: "..."} */
  metadata?: Record<string, string>;
  /** RetryInfo retryDelay, a proto Duration such as "3.5s". */
  retryDelay?: string;
}

export function googleError(spec: GoogleErrorSpec): GoogleErrorBody {
  const details: GoogleErrorDetail[] = [];
  if (spec.reason || spec.metadata) {
    details.push({
      '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
      ...(spec.reason ? { reason: spec.reason } : {}),
      domain: spec.domain ?? 'cloudcode-pa.googleapis.com',
      ...(spec.metadata ? { metadata: spec.metadata } : {}),
    });
  }
  if (spec.retryDelay) details.push({ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: spec.retryDelay });
  return {
    error: {
      code: spec.code,
      message: spec.message ?? defaultMessage(spec.code),
      status: spec.status ?? STATUS_WORDS[spec.code] ?? 'UNKNOWN',
      ...(details.length > 0 ? { details } : {}),
    },
  };
}

function defaultMessage(code: number): string {
  if (code === 401) return 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.';
  if (code === 429) return 'Resource has been exhausted (e.g. check quota).';
  if (code === 404) return 'Requested entity was not found.';
  if (code >= 500) return 'Internal error encountered.';
  return 'Request contains an invalid argument.';
}

/** A 429 as Cloud Code sends it; `retryDelay` like "3.5s". */
export function rateLimitError(
  reason: 'RATE_LIMIT_EXCEEDED' | 'QUOTA_EXHAUSTED' | 'MODEL_CAPACITY_EXHAUSTED',
  opts: { retryDelay?: string; quotaResetDelay?: string; quotaResetTimeStamp?: string; model?: string; message?: string } = {},
): GoogleErrorBody {
  const metadata: Record<string, string> = {};
  if (opts.model) metadata.model = opts.model;
  if (opts.quotaResetDelay) metadata.quotaResetDelay = opts.quotaResetDelay;
  if (opts.quotaResetTimeStamp) metadata.quotaResetTimeStamp = opts.quotaResetTimeStamp;
  return googleError({
    code: 429,
    reason,
    ...(Object.keys(metadata).length > 0 ? { metadata } : {}),
    ...(opts.retryDelay ? { retryDelay: opts.retryDelay } : {}),
    message:
      opts.message ??
      (reason === 'QUOTA_EXHAUSTED'
        ? 'You have exhausted your capacity on this model. Your quota will reset later.'
        : reason === 'MODEL_CAPACITY_EXHAUSTED'
          ? 'No capacity available for model right now.'
          : 'Resource has been exhausted (e.g. check quota).'),
  });
}

/** Answers with a Google error body. */
export function sendGoogleError(c: Context, spec: GoogleErrorSpec, headers: Record<string, string> = {}): Response {
  return c.json(googleError(spec), spec.code as 400, headers);
}
