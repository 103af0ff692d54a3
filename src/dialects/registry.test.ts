import { describe, expect, it } from 'vitest';
import { createErrorDialect } from '../server/error-dialect.js';
import { checkDialect, defaultDialects } from './registry.js';

describe('defaultDialects', () => {
  it('declares only routes the server can serve', () => {
    expect(defaultDialects().dialects.flatMap(checkDialect)).toEqual([]);
  });

  it('gives the Responses dialect its own store per server', () => {
    const a = defaultDialects().dialects.find((d) => d.name === 'openai-responses');
    const b = defaultDialects().dialects.find((d) => d.name === 'openai-responses');
    expect(a).toBeDefined();
    expect(a).not.toBe(b);
  });

  // The claims must keep the answer each path had: SDKs read errors only in their own shape.
  it.each([
    ['/v1/messages', {}, 'anthropic'],
    ['/v1/messages/count_tokens', {}, 'anthropic'],
    ['/v1/models', { 'anthropic-version': '2023-06-01' }, 'anthropic'],
    ['/v1/models/some-model', { 'anthropic-version': '2023-06-01' }, 'anthropic'],
    ['/v1/models', {}, 'openai-chat'],
    ['/v1/models/some-model', {}, 'openai-chat'],
    ['/v1/chat/completions', {}, 'openai-chat'],
    ['/v1/responses', {}, 'openai-responses'],
    ['/v1beta/models/x:generateContent', {}, 'gemini'],
    ['/v1beta/anything', { 'anthropic-version': '2023-06-01' }, 'gemini'],
    ['/v1/models/x:streamGenerateContent', { 'anthropic-version': '2023-06-01' }, 'gemini'],
    ['/health', {}, 'openai-chat'],
    ['/refresh-token', {}, 'openai-chat'],
    ['/nowhere', { 'anthropic-version': '2023-06-01' }, 'openai-chat'],
  ] as const)('errors on %s %j are rendered by %s', (path, headers, name) => {
    const pick = createErrorDialect(defaultDialects());
    expect(pick(path, (h) => (headers as Record<string, string>)[h]).name).toBe(name);
  });
});
