// Where Anthropic clients (Claude Code, @anthropic-ai/sdk) call: `?beta=true` is served by the same routes.
import type { DialectRoute, ErrorClaim } from '../dialect.js';

// Claude Code posts telemetry to its base URL; answering keeps it from logging errors.
const telemetry = (path: string): DialectRoute => ({ method: 'POST', path, does: 'acknowledge', open: true, quiet: true });

export const routes: readonly DialectRoute[] = [
  { method: 'POST', path: '/v1/messages', does: 'generate' },
  { method: 'POST', path: '/v1/messages/count_tokens', does: 'count-tokens' },
  // The same path as the OpenAI list: every Anthropic SDK sends anthropic-version, no OpenAI one does.
  { method: 'GET', path: '/v1/models', does: 'list-models', when: { header: 'anthropic-version' } },
  telemetry('/api/event_logging/batch'),
  telemetry('/'),
];

export const errorClaims: readonly ErrorClaim[] = [{ prefix: '/v1/messages' }, { prefix: '/v1/models', header: 'anthropic-version' }];
