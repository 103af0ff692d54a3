// Emulated quota discovery: fetchAvailableModels (antigravity) and retrieveUserQuota
// (gemini-cli), answering from each account's quota map with proto3's habit of leaving out
// zero values (an exhausted model has a resetTime and no remainingFraction).
import type { Context, Hono } from 'hono';
import { refuseCall } from './account-trouble.js';
import { knownModels } from './generate.js';
import { googleError, sendGoogleError } from './google-error.js';
import type { EmulatedAccount, EmulatorState, QuotaEntry } from './state.js';
import { internalModels } from './today.js';

const DISPLAY_NAMES: Record<string, string> = {
  'claude-sonnet-4-6': 'Claude Sonnet 4.6',
  'claude-opus-4-6-thinking': 'Claude Opus 4.6 (Thinking)',
  'gemini-3-flash': 'Gemini 3 Flash',
  'gemini-3.1-pro-low': 'Gemini 3.1 Pro (Low)',
  'gemini-3.1-pro-high': 'Gemini 3.1 Pro (High)',
};

/** With an empty quota map the flavor's default models are served, fully available, resetting in 5 h. */
function quotaOf(account: EmulatedAccount, c: Context): Array<[string, QuotaEntry]> {
  const entries = Object.entries(account.quota);
  if (entries.length > 0) return entries;
  const resetTime = new Date(Date.now() + 5 * 3600_000).toISOString();
  return knownModels(account, c).map((id) => [id, { remainingFraction: 1, resetTime }]);
}

function quotaInfo(q: QuotaEntry): Record<string, unknown> {
  const info: Record<string, unknown> = {};
  // proto3 JSON drops zero: a test asks for that by leaving remainingFraction out, or setting 0.
  if (q.remainingFraction !== undefined && q.remainingFraction !== 0) info.remainingFraction = q.remainingFraction;
  if (q.resetTime) info.resetTime = q.resetTime;
  return info;
}

async function handle(c: Context, state: EmulatorState, method: string, answer: (a: EmulatedAccount) => unknown): Promise<Response> {
  const account = state.accountForAuthorization(c.req.header('authorization'));
  if (!account) return sendGoogleError(c, { code: 401 });
  const refused = refuseCall(c, state, account);
  if (refused) return refused;
  const reply = state.takeReply(method, account.email);
  if (reply?.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
  if (reply?.status !== undefined) return c.json(reply.body ?? googleError({ code: reply.status }), reply.status as 400, reply.headers);
  if (reply?.body !== undefined) return c.json(reply.body as object);
  return c.json(answer(account) as object);
}

export function registerQuotaRoutes(app: Hono, state: EmulatorState): void {
  app.post('/v1internal:fetchAvailableModels', (c) =>
    handle(c, state, 'fetchAvailableModels', (account) => ({
      models: Object.fromEntries(
        [...quotaOf(account, c), ...internalModels(state)].map(([id, q]) => [
          id,
          {
            displayName: q.displayName ?? DISPLAY_NAMES[id] ?? id,
            quotaInfo: quotaInfo(q),
            supportsThinking: /thinking|gemini-3/.test(id),
            ...('isInternal' in q ? { isInternal: q.isInternal } : {}),
          },
        ]),
      ),
    })),
  );
  app.post('/v1internal:retrieveUserQuota', (c) =>
    handle(c, state, 'retrieveUserQuota', (account) => ({
      buckets: quotaOf(account, c).map(([id, q]) => ({ modelId: id, tokenType: 'REQUESTS', ...quotaInfo(q) })),
    })),
  );
}
