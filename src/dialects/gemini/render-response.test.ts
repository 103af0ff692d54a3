import { GoogleGenAI } from '@google/genai';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GatewayError, invalidRequest } from '../../canonical/index.js';
import type { CanonicalResponse, ErrorKind } from '../../canonical/index.js';
import type { RenderContext } from '../dialect.js';
import { mapFinishReason } from './map-finish-reason.js';
import { parseGeminiRequest } from './parse-request.js';
import { renderGeminiError } from './render-error.js';
import { renderGeminiResponse } from './render-response.js';

const ctx: RenderContext = {
  requestId: 'req_2',
  model: 'gemini-2.5-pro',
  now: () => 1_700_000_000,
  request: parseGeminiRequest({ contents: [{ parts: [{ text: 'hi' }] }] }, { requestId: 'req_2', headers: {}, route: { model: 'gemini-2.5-pro' } }),
};

const folded: CanonicalResponse = {
  id: 'resp-1',
  model: 'gemini-2.5-pro',
  content: [
    { type: 'thinking', text: 'Think.', signature: 'sig-1' },
    { type: 'text', text: 'Reading it.' },
    { type: 'tool-call', id: 'call_1', name: 'read', input: { path: 'a.ts' }, signature: 'sig-2' },
  ],
  finishReason: 'tool-calls',
  usage: { inputTokens: 10, outputTokens: 8, reasoningTokens: 3 },
};

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('renderGeminiResponse', () => {
  // The folded goldens are the conformance suite's (conformance.test.ts).
  it('is read by @google/genai generateContent', async () => {
    const body = renderGeminiResponse({ ...folded, content: [{ type: 'text', text: 'Hi there.' }], finishReason: 'stop' }, ctx);
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } }));
    const ai = new GoogleGenAI({ apiKey: 'k', httpOptions: { baseUrl: 'http://gateway.invalid' } });
    const res = await ai.models.generateContent({ model: 'gemini-2.5-pro', contents: 'hi' });
    expect(res.text).toBe('Hi there.');
    expect(res.candidates?.[0]?.finishReason).toBe('STOP');
  });

  it('leaves content out when the model said nothing', () => {
    const body = renderGeminiResponse({ ...folded, content: [], finishReason: 'content-filter' }, ctx);
    expect(body.candidates).toEqual([{ finishReason: 'SAFETY', index: 0 }]);
  });
});

describe('mapFinishReason', () => {
  it.each([
    ['stop', undefined, 'STOP'],
    ['tool-calls', undefined, 'STOP'],
    ['length', undefined, 'MAX_TOKENS'],
    ['content-filter', undefined, 'SAFETY'],
    ['content-filter', 'RECITATION', 'RECITATION'],
    ['other', 'MALFORMED_FUNCTION_CALL', 'MALFORMED_FUNCTION_CALL'],
    ['other', 'end_turn', 'OTHER'],
    ['error', undefined, 'OTHER'],
  ] as const)('%s (raw %s) → %s', (reason, raw, expected) => {
    expect(mapFinishReason(reason, raw)).toBe(expected);
  });
});

describe('renderGeminiError', () => {
  it.each<[ErrorKind, number, string]>([
    ['invalid_request', 400, 'INVALID_ARGUMENT'],
    ['auth', 401, 'UNAUTHENTICATED'],
    ['permission', 403, 'PERMISSION_DENIED'],
    ['not_found', 404, 'NOT_FOUND'],
    ['rate_limited', 429, 'RESOURCE_EXHAUSTED'],
    ['internal', 500, 'INTERNAL'],
    ['overloaded', 503, 'UNAVAILABLE'],
    ['timeout', 504, 'DEADLINE_EXCEEDED'],
  ])('renders %s as %i %s', (kind, code, status) => {
    const r = renderGeminiError(new GatewayError(kind, 'm'), 'req_3');
    expect(r.status).toBe(code);
    expect(r.body.error).toMatchObject({ code, message: 'm', status });
  });

  it('names the field and the request id, and gives RetryInfo with retry-after on a rate limit', () => {
    const bad = renderGeminiError(invalidRequest('contents: required', 'contents'), 'req_4');
    expect(bad.body.error.details).toContainEqual(expect.objectContaining({ metadata: { requestId: 'req_4', field: 'contents' } }));
    const limited = renderGeminiError(new GatewayError('rate_limited', 'slow', { retryAfterMs: 1500 }), 'req_5');
    expect(limited.headers).toEqual({ 'retry-after': '2' });
    expect(limited.body.error.details).toContainEqual({ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '1.5s' });
  });
});
