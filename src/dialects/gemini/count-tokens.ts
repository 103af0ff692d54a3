// `:countTokens`: the body is `{contents}` or `{generateContentRequest: {...}}`; the answer `{totalTokens}`.
import type { CanonicalRequest } from '../../canonical/index.js';
import type { GeminiCountTokensResponse } from '../../protocols/gemini.js';
import type { ParseContext } from '../dialect.js';
import { normalizeKeys } from './normalize-keys.js';
import { parseGeminiRequest } from './parse-request.js';

/**
 * @example parseGeminiCountTokens({contents: [...]}, {requestId, headers, route: {model: 'gemini-2.5-flash'}})
 */
export function parseGeminiCountTokens(body: unknown, ctx: ParseContext): CanonicalRequest {
  const b = normalizeKeys(body);
  const inner = typeof b === 'object' && b !== null ? (b as { generateContentRequest?: unknown }).generateContentRequest : undefined;
  if (typeof inner === 'object' && inner !== null) {
    const model = (inner as { model?: unknown }).model;
    const route = { ...ctx.route, stream: false, ...(ctx.route?.model ? {} : typeof model === 'string' ? { model } : {}) };
    return parseGeminiRequest(inner, { ...ctx, route });
  }
  return parseGeminiRequest(b, { ...ctx, route: { ...ctx.route, stream: false } });
}

export const renderGeminiCountTokens = (totalTokens: number): GeminiCountTokensResponse => ({ totalTokens });
