// models/{model}:countTokens: the generateContent body, or the whole request under `generateContentRequest`.
import type { CanonicalRequest } from '../../canonical/index.js';
import type { ParseContext } from '../dialect.js';
import { parseGeminiRequest } from './parse-request.js';

export function parseCountTokensRequest(body: unknown, ctx: ParseContext): CanonicalRequest {
  return parseGeminiRequest(unwrap(body), ctx);
}

function unwrap(body: unknown): unknown {
  if (body && typeof body === 'object' && 'generateContentRequest' in body) {
    const inner = body.generateContentRequest;
    if (inner && typeof inner === 'object') return inner;
  }
  return body;
}
