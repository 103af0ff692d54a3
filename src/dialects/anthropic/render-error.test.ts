import Anthropic from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import { GatewayError, invalidRequest } from '../../canonical/index.js';
import type { ErrorKind } from '../../canonical/index.js';
import { anthropicDialect } from './index.js';
import { renderError } from './render-error.js';
import { rejectionOf } from '../../../test/helpers/rejection-of.js';

describe('renderError', () => {
  it('renders a bad field as a 400 invalid_request_error with the request id in body and header', () => {
    expect(renderError(invalidRequest('max_tokens: is required', 'max_tokens'), 'req_1')).toEqual({
      status: 400,
      body: { type: 'error', error: { type: 'invalid_request_error', message: 'max_tokens: is required' }, request_id: 'req_1' },
      headers: { 'request-id': 'req_1' },
    });
  });

  it.each<[ErrorKind, number, string]>([
    ['too_large', 413, 'request_too_large'],
    ['auth', 401, 'authentication_error'],
    ['permission', 403, 'permission_error'],
    ['not_found', 404, 'not_found_error'],
    ['rate_limited', 429, 'rate_limit_error'],
    ['internal', 500, 'api_error'],
    ['upstream', 502, 'api_error'],
    ['timeout', 504, 'api_error'],
    ['unavailable', 503, 'overloaded_error'],
    ['overloaded', 529, 'overloaded_error'],
  ])('maps %s to %i %s', (kind, status, type) => {
    const r = renderError(new GatewayError(kind, 'm'), 'r');
    expect(r.status).toBe(status);
    expect(r.body).toEqual({ type: 'error', error: { type, message: 'm' }, request_id: 'r' });
  });

  it('sets retry-after in whole seconds, rounded up, and x-should-retry when retrying cannot help', () => {
    const r = renderError(new GatewayError('rate_limited', 'all accounts exhausted', { retryAfterMs: 1500, noRetry: true }), 'r');
    expect(r.headers).toEqual({ 'request-id': 'r', 'retry-after': '2', 'x-should-retry': 'false' });
    expect(renderError(new GatewayError('rate_limited', 'x', { retryAfterMs: 10 }), 'r').headers?.['retry-after']).toBe('1');
  });

  it('is what the dialect object exposes', () => {
    expect(anthropicDialect.renderError).toBe(renderError);
    expect(anthropicDialect.name).toBe('anthropic');
    expect(anthropicDialect.encodings['sse']?.contentType).toBe('text/event-stream');
  });

  it('gives the SDK the error class, type and request id it expects', async () => {
    const rendered = renderError(new GatewayError('not_found', 'model "nope" is not available; try one of: a, b'), 'req_9');
    const fetch = async (): Promise<Response> =>
      new Response(JSON.stringify(rendered.body), { status: rendered.status, headers: { 'content-type': 'application/json', ...rendered.headers } });
    const client = new Anthropic({ apiKey: 'k', baseURL: 'http://gateway.invalid', fetch, maxRetries: 0 });
    const apiErr = await rejectionOf(client.messages.create({ model: 'nope', max_tokens: 1, messages: [] }), Anthropic.NotFoundError);
    expect(apiErr.type).toBe('not_found_error');
    expect(apiErr.requestID).toBe('req_9');
    expect(apiErr.message).toContain('try one of: a, b');
  });
});
