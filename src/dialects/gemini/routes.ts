// Gemini API paths, as @google/genai and gemini-cli-style clients call them: `models/{model}:verb`
// under /v1beta and /v1, the model and the stream flag taken from the path.
import type { DialectRoute, ErrorClaim } from '../dialect.js';

function modelMethods(base: string): DialectRoute[] {
  const at = (verb: string): string => `${base}/models/{model}:${verb}`;
  return [
    { method: 'POST', path: at('generateContent'), does: 'generate', stream: false },
    { method: 'POST', path: at('streamGenerateContent'), does: 'generate', stream: true, encoding: 'sse', when: { query: { alt: 'sse' } } },
    // Without ?alt=sse Google streams one JSON array.
    { method: 'POST', path: at('streamGenerateContent'), does: 'generate', stream: true, encoding: 'json-array' },
    { method: 'POST', path: at('countTokens'), does: 'count-tokens' },
  ];
}

export const routes: readonly DialectRoute[] = [
  ...modelMethods('/v1beta'),
  ...modelMethods('/v1'),
  { method: 'GET', path: '/v1beta/models', does: 'list-models' },
  { method: 'GET', path: '/v1beta/models/{model}', does: 'get-model' },
];

export const errorClaims: readonly ErrorClaim[] = [{ prefix: '/v1beta/' }, { prefix: '/v1/models/', pattern: /^\/v1\/models\/[^/]+:/ }];
