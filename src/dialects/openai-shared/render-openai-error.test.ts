import { describe, expect, it } from 'vitest';
import { GatewayError, invalidRequest, notFound } from '../../canonical/index.js';
import type { ErrorKind } from '../../canonical/index.js';
import { renderOpenAIError } from './render-openai-error.js';

describe('renderOpenAIError', () => {
  it('renders a bad field as a 400 invalid_request_error naming the param', () => {
    const r = renderOpenAIError(invalidRequest('messages.1.content: expected a string', 'messages.1.content'), 'req_1');
    expect(r).toEqual({
      status: 400,
      body: {
        error: {
          message: 'messages.1.content: expected a string',
          type: 'invalid_request_error',
          param: 'messages.1.content',
          code: null,
        },
      },
    });
  });

  it('gives an unknown model the model_not_found code', () => {
    const r = renderOpenAIError(new GatewayError('not_found', 'The model "x" does not exist.', { param: 'model' }), 'r');
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ error: { type: 'invalid_request_error', code: 'model_not_found', param: 'model' } });
    expect(renderOpenAIError(notFound('no such route'), 'r').body).toMatchObject({ error: { code: null } });
  });

  it('adds retry-after (whole seconds, rounded up) and retry-after-ms on a rate limit', () => {
    const r = renderOpenAIError(new GatewayError('rate_limited', 'slow down', { retryAfterMs: 1500 }), 'r');
    expect(r.status).toBe(429);
    expect(r.headers).toEqual({ 'retry-after': '2', 'retry-after-ms': '1500' });
    expect(r.body).toMatchObject({ error: { type: 'rate_limit_error', code: 'rate_limit_exceeded' } });
  });

  it('tells SDKs not to retry when the error says nothing will change soon', () => {
    const r = renderOpenAIError(new GatewayError('rate_limited', 'all accounts exhausted', { noRetry: true }), 'r');
    expect(r.headers).toEqual({ 'x-should-retry': 'false' });
  });

  it('has no headers when there is nothing to say', () => {
    expect(renderOpenAIError(invalidRequest('x'), 'r').headers).toBeUndefined();
  });

  it.each<[ErrorKind, number, string]>([
    ['auth', 401, 'authentication_error'],
    ['permission', 403, 'permission_error'],
    ['too_large', 413, 'invalid_request_error'],
    ['internal', 500, 'server_error'],
    ['upstream', 502, 'server_error'],
    ['overloaded', 503, 'server_error'],
    ['timeout', 504, 'server_error'],
  ])('maps %s to %i %s', (kind, status, type) => {
    const r = renderOpenAIError(new GatewayError(kind, 'm'), 'r');
    expect(r.status).toBe(status);
    expect(r.body).toMatchObject({ error: { type, message: 'm' } });
  });
});
