// fetchAvailableModels (antigravity) and retrieveUserQuota (gemini-cli): each account's quota per
// model from `account.quota`, or a full default catalog when a test set none.
// Shapes: shared/spec/google-upstream.md §4. Zero fractions are left out, as proto3 JSON does.
import type { Context, Hono } from 'hono';
import { googleError, scriptedResponse } from './reply.js';
import type { EmulatedAccount, EmulatorState, QuotaEntry } from './state.js';

const ANTIGRAVITY_MODELS: Record<string, string> = {
  'claude-sonnet-4-6': 'Claude Sonnet 4.6',
  'claude-opus-4-6-thinking': 'Claude Opus 4.6 (Thinking)',
  'gemini-3-flash': 'Gemini 3 Flash',
  'gemini-3.1-pro-low': 'Gemini 3.1 Pro (Low)',
  'gemini-3.1-pro-high': 'Gemini 3.1 Pro (High)',
};

const GEMINI_CLI_MODELS = ['gemini-2.5-pro', 'gemini-2.5-flash', 'gemini-2.5-flash-lite', 'gemini-3-pro-preview', 'gemini-3-flash-preview'];

function quotaOf(account: EmulatedAccount, defaults: readonly string[]): Record<string, QuotaEntry> {
  if (Object.keys(account.quota).length > 0) return account.quota;
  const resetTime = new Date(Date.now() + 5 * 3600_000).toISOString();
  return Object.fromEntries(defaults.map((m) => [m, { remainingFraction: 1, resetTime }]));
}

/** proto3 JSON: a zero fraction is absent. */
function quotaInfo(q: QuotaEntry): Record<string, unknown> {
  return {
    ...(q.remainingFraction ? { remainingFraction: q.remainingFraction } : {}),
    ...(q.resetTime ? { resetTime: q.resetTime } : {}),
  };
}

async function authorized(c: Context, state: EmulatorState, method: string): Promise<EmulatedAccount | Response> {
  const account = state.accountForAuthorization(c.req.header('authorization'));
  if (!account) return c.json(googleError(401, 'Request had invalid authentication credentials.'), 401);
  const scripted = state.takeReply(method, account.email);
  if (scripted) return scriptedResponse(c, scripted);
  return account;
}

export function registerQuotaRoutes(app: Hono, state: EmulatorState): void {
  app.post('/v1internal:fetchAvailableModels', async (c) => {
    const account = await authorized(c, state, 'fetchAvailableModels');
    if (account instanceof Response) return account;
    const quota = quotaOf(account, Object.keys(ANTIGRAVITY_MODELS));
    const models = Object.fromEntries(
      Object.entries(quota).map(([id, q]) => [
        id,
        { displayName: q.displayName ?? ANTIGRAVITY_MODELS[id] ?? id, quotaInfo: quotaInfo(q) },
      ]),
    );
    return c.json({ models });
  });

  app.post('/v1internal:retrieveUserQuota', async (c) => {
    const account = await authorized(c, state, 'retrieveUserQuota');
    if (account instanceof Response) return account;
    const quota = quotaOf(account, GEMINI_CLI_MODELS);
    const buckets = Object.entries(quota).map(([modelId, q]) => ({ modelId, tokenType: 'REQUESTS', ...quotaInfo(q) }));
    return c.json({ buckets });
  });
}
