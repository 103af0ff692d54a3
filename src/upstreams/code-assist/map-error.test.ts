import { describe, expect, it } from 'vitest';
import { ACCOUNT_DISABLED, mapGoogleError, parseDuration } from './map-error.js';

const NOW = Date.parse('2026-11-23T17:00:00Z');
const headers = (h: Record<string, string> = {}) => new Headers(h);
const body = (code: number, status: string, message: string, details: unknown[] = []) => JSON.stringify({ error: { code, message, status, details } });
const errorInfo = (reason: string, metadata: Record<string, string> = {}) => ({ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason, domain: 'cloudcode-pa.googleapis.com', metadata });
const retryInfo = (retryDelay: string) => ({ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay });

describe('parseDuration', () => {
  it.each([
    ['3.5s', 3500],
    ['754.43ms', 754],
    ['1h2m3s', 3_723_000],
    ['2m', 120_000],
    ['0s', 0],
    ['30', 30_000],
    ['soon', undefined],
    ['3s and more', undefined],
  ])('%s → %s', (text, ms) => expect(parseDuration(text)).toBe(ms));
});

describe('mapGoogleError', () => {
  it.each([
    // status, body, headers, kind, reason, retryAfterMs
    [400, body(400, 'INVALID_ARGUMENT', 'Unknown name "x"'), {}, 'invalid_request', undefined, undefined],
    [401, body(401, 'UNAUTHENTICATED', 'bad token'), {}, 'auth', undefined, undefined],
    [403, body(403, 'PERMISSION_DENIED', 'The caller does not have permission'), {}, 'permission', undefined, undefined],
    [403, body(403, 'PERMISSION_DENIED', 'This account has been disabled for violation of Terms of Service'), {}, 'permission', ACCOUNT_DISABLED, undefined],
    [403, body(403, 'PERMISSION_DENIED', 'Cloud AI Companion API has not been used in project p before or it is disabled.'), {}, 'permission', undefined, undefined],
    [404, body(404, 'NOT_FOUND', 'Requested entity was not found.'), {}, 'not_found', undefined, undefined],
    [429, body(429, 'RESOURCE_EXHAUSTED', 'rate', [errorInfo('RATE_LIMIT_EXCEEDED'), retryInfo('3.5s')]), {}, 'rate_limited', 'RATE_LIMIT_EXCEEDED', 3500],
    [429, body(429, 'RESOURCE_EXHAUSTED', 'gone', [errorInfo('QUOTA_EXHAUSTED', { quotaResetDelay: '754.43ms' })]), {}, 'rate_limited', 'QUOTA_EXHAUSTED', 754],
    [429, body(429, 'RESOURCE_EXHAUSTED', 'gone', [errorInfo('QUOTA_EXHAUSTED', { quotaResetDelay: '1h2m3s' })]), {}, 'rate_limited', 'QUOTA_EXHAUSTED', 3_723_000],
    [429, body(429, 'RESOURCE_EXHAUSTED', 'gone', [errorInfo('QUOTA_EXHAUSTED', { quotaResetTimeStamp: '2026-11-23T18:00:00Z' })]), {}, 'rate_limited', 'QUOTA_EXHAUSTED', 3_600_000],
    // Google's generic text without details is transient, not a daily quota (spec §0).
    [429, body(429, 'RESOURCE_EXHAUSTED', 'Resource has been exhausted'), { 'retry-after': '12' }, 'rate_limited', 'RATE_LIMIT_EXCEEDED', 12_000],
    [429, body(429, 'RESOURCE_EXHAUSTED', 'Resource has been exhausted (e.g. check quota).'), {}, 'rate_limited', 'RATE_LIMIT_EXCEEDED', undefined],
    [429, body(429, 'RESOURCE_EXHAUSTED', 'You have exhausted your quota on this model.'), {}, 'rate_limited', 'QUOTA_EXHAUSTED', undefined],
    [429, body(429, 'RESOURCE_EXHAUSTED', 'slow down'), { 'retry-after': 'Mon, 23 Nov 2026 17:00:30 GMT' }, 'rate_limited', 'RATE_LIMIT_EXCEEDED', 30_000],
    [429, body(429, 'RESOURCE_EXHAUSTED', 'slow down'), { 'x-ratelimit-reset': '5' }, 'rate_limited', 'RATE_LIMIT_EXCEEDED', 5000],
    [429, body(429, 'RESOURCE_EXHAUSTED', 'Please retry in 37.5s.'), {}, 'rate_limited', 'RATE_LIMIT_EXCEEDED', 37_500],
    [429, body(429, 'RESOURCE_EXHAUSTED', 'busy', [errorInfo('MODEL_CAPACITY_EXHAUSTED')]), {}, 'rate_limited', 'MODEL_CAPACITY_EXHAUSTED', undefined],
    [503, body(503, 'UNAVAILABLE', 'No capacity available for model'), {}, 'overloaded', 'MODEL_CAPACITY_EXHAUSTED', undefined],
    [500, body(500, 'INTERNAL', 'Internal error encountered.'), {}, 'upstream', undefined, undefined],
    [502, '<html>Bad Gateway</html>', {}, 'upstream', undefined, undefined],
    [504, body(504, 'DEADLINE_EXCEEDED', 'deadline'), {}, 'timeout', undefined, undefined],
  ])('%i %s', (status, text, h, kind, reason, retryAfterMs) => {
    const e = mapGoogleError(status, text, headers(h), NOW);
    expect(e.kind).toBe(kind);
    expect(e.upstream?.status).toBe(status);
    expect(e.upstream?.reason).toBe(reason);
    expect(e.retryAfterMs).toBe(retryAfterMs);
  });

  it('keeps Google\'s message and status word', () => {
    const e = mapGoogleError(400, body(400, 'INVALID_ARGUMENT', 'Invalid JSON payload received. Unknown name "additionalProperties"'), headers());
    expect(e.message).toBe('Invalid JSON payload received. Unknown name "additionalProperties"');
    expect(e.upstream?.code).toBe('INVALID_ARGUMENT');
    expect(e.status).toBe(400);
  });

  it('says what happened when the body is not Google\'s', () => {
    const e = mapGoogleError(502, '<html>Bad Gateway</html>', headers());
    expect(e.message).toBe('Cloud Code Assist answered HTTP 502.');
    expect(e.upstream?.body).toBe('<html>Bad Gateway</html>');
  });
});

describe('accounts Google refuses', () => {
  const help = (...links: Array<{ description?: string; url: string }>) => ({ '@type': 'type.googleapis.com/google.rpc.Help', links });

  it('403 VALIDATION_REQUIRED: needs verification, the link from the Help detail', () => {
    const e = mapGoogleError(
      403,
      body(403, 'PERMISSION_DENIED', 'Verify your account to continue.', [
        errorInfo('VALIDATION_REQUIRED', { validation_link: 'https://fallback.example/verify' }),
        help({ description: 'Verify your account', url: 'https://accounts.google.com/signin/continue?x=1' }, { description: 'Learn more', url: 'https://support.google.com/x' }),
      ]),
      headers(),
    );
    expect(e.kind).toBe('permission');
    expect(e.upstream?.reason).toBe('VALIDATION_REQUIRED');
    expect(e.account).toEqual({
      state: 'needs-verification',
      message: 'Verify your account to continue.',
      link: { url: 'https://accounts.google.com/signin/continue?x=1', text: 'Verify your account', learnMoreUrl: 'https://support.google.com/x' },
    });
  });

  it('403 VALIDATION_REQUIRED without a Help detail: the link from ErrorInfo metadata.validation_link', () => {
    const e = mapGoogleError(403, body(403, 'PERMISSION_DENIED', 'Verify.', [errorInfo('VALIDATION_REQUIRED', { validation_link: 'https://accounts.google.com/v' })]), headers());
    expect(e.account).toEqual({ state: 'needs-verification', message: 'Verify.', link: { url: 'https://accounts.google.com/v' } });
  });

  it('403 VALIDATION_REQUIRED with no link at all still marks the account', () => {
    const e = mapGoogleError(403, body(403, 'PERMISSION_DENIED', 'Verify.', [errorInfo('VALIDATION_REQUIRED')]), headers());
    expect(e.account).toEqual({ state: 'needs-verification', message: 'Verify.' });
  });

  it.each([
    ['Terms of Service wording', body(403, 'PERMISSION_DENIED', 'This account has been disabled for violation of Terms of Service.')],
    ['account_disabled', body(403, 'PERMISSION_DENIED', 'The caller does not have permission: account_disabled')],
    ['user_disabled', body(403, 'PERMISSION_DENIED', 'user_disabled')],
    ['an ErrorInfo reason', body(403, 'PERMISSION_DENIED', 'Forbidden.', [errorInfo('USER_DISABLED')])],
  ])('a ban (%s) is marked with Google\'s message', (_name, text) => {
    const e = mapGoogleError(403, text, headers());
    expect(e.account?.state).toBe('banned');
    expect(e.account?.message).toBe(JSON.parse(text).error.message);
    expect(e.upstream?.reason).toBe(ACCOUNT_DISABLED);
  });

  it('UNSUPPORTED_CLIENT: the account is marked, and told to use the antigravity flavor', () => {
    const text = 'This client is no longer supported for Gemini Code Assist for individuals. Please migrate to the Antigravity suite.';
    for (const e of [
      mapGoogleError(403, body(403, 'PERMISSION_DENIED', text, [errorInfo('UNSUPPORTED_CLIENT')]), headers()),
      mapGoogleError(400, body(400, 'FAILED_PRECONDITION', text), headers()),
    ]) {
      expect(e.account?.state).toBe('unsupported-client');
      expect(e.account?.message).toContain(text);
      expect(e.account?.message).toContain('--flavor antigravity');
    }
  });

  it.each([
    [403, body(403, 'PERMISSION_DENIED', 'Cloud AI Companion API has not been used in project p before or it is disabled.')],
    [400, body(400, 'INVALID_ARGUMENT', 'This version of Antigravity is no longer supported.')],
    [401, body(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials.')],
    [429, body(429, 'RESOURCE_EXHAUSTED', 'violates rate limits', [errorInfo('RATE_LIMIT_EXCEEDED')])],
    [500, body(500, 'INTERNAL', 'Terms of Service backend failed')],
  ])('%i %s is not about the account', (status, text) => {
    expect(mapGoogleError(status, text, headers()).account).toBeUndefined();
  });
});
