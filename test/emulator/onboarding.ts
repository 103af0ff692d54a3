// loadCodeAssist and onboardUser (a long-running operation whose first poll(s) are not done,
// polled with GET v1internal/operations/... or by calling onboardUser again).
// Shapes: shared/spec/google-upstream.md §0 and §2.
import type { Context, Hono } from 'hono';
import { loadCodeAssistTrouble } from './account-trouble.js';
import { googleError, scriptedResponse } from './reply.js';
import type { EmulatedAccount, EmulatorState } from './state.js';

const TIER_NAMES: Record<string, string> = {
  'free-tier': 'Gemini Code Assist for individuals',
  'legacy-tier': 'Gemini Code Assist',
  'standard-tier': 'Gemini Code Assist Standard',
  'g1-pro-tier': 'Google AI Pro',
  'g1-ultra-tier': 'Google AI Ultra',
};

const ALLOWED_TIERS = [
  { id: 'free-tier', name: TIER_NAMES['free-tier'], isDefault: true, userDefinedCloudaicompanionProject: false },
  { id: 'standard-tier', name: TIER_NAMES['standard-tier'], userDefinedCloudaicompanionProject: true },
];

const tier = (id: string): { id: string; name: string } => ({ id, name: TIER_NAMES[id] ?? id });
const slug = (email: string): string => email.replace(/[^a-z0-9]/gi, '-');

async function authorized(
  c: Context,
  state: EmulatorState,
  method: string,
): Promise<{ account: EmulatedAccount; body: Record<string, unknown> } | Response> {
  const account = state.accountForAuthorization(c.req.header('authorization'));
  if (!account) return c.json(googleError(401, 'Request had invalid authentication credentials.'), 401);
  const scripted = state.takeReply(method, account.email);
  if (scripted) return scriptedResponse(c, scripted);
  let body: Record<string, unknown>;
  try {
    body = await c.req.json<Record<string, unknown>>();
  } catch {
    return c.json(googleError(400, 'Invalid JSON payload received.'), 400);
  }
  return { account, body };
}

export function registerOnboardingRoutes(app: Hono, state: EmulatorState): void {
  // What each pending onboarding asked for, so a GET of the operation can finish it.
  const pendingTiers = new Map<string, { tierId: string; requested?: string }>();

  app.post('/v1internal:loadCodeAssist', async (c) => {
    const got = await authorized(c, state, 'loadCodeAssist');
    if (got instanceof Response) return got;
    const { account } = got;
    const trouble = loadCodeAssistTrouble(c, state, account);
    if (trouble instanceof Response) return trouble;
    const ineligible = trouble.length > 0 ? { ineligibleTiers: trouble } : {};
    if (!account.tier) return c.json({ allowedTiers: ALLOWED_TIERS, ...ineligible });
    return c.json({
      currentTier: tier(account.tier),
      allowedTiers: ALLOWED_TIERS,
      ...(account.paidTier ? { paidTier: tier(account.paidTier) } : {}),
      ...(account.projectId ? { cloudaicompanionProject: account.projectId } : {}),
      ...ineligible,
    });
  });

  app.post('/v1internal:onboardUser', async (c) => {
    const got = await authorized(c, state, 'onboardUser');
    if (got instanceof Response) return got;
    const { account, body } = got;
    const tierId = typeof body.tierId === 'string' ? body.tierId : 'free-tier';
    const requested = typeof body.cloudaicompanionProject === 'string' ? body.cloudaicompanionProject : undefined;
    if (state.options.strictOnboarding && requested && (tierId === 'free-tier' || tierId.startsWith('g1-'))) {
      return c.json(googleError(400, 'Precondition check failed.', 'FAILED_PRECONDITION'), 400);
    }
    pendingTiers.set(account.email, { tierId, ...(requested ? { requested } : {}) });
    return operation(c, account);
  });

  const operation = (c: Context, account: EmulatedAccount): Response => {
    const name = `operations/onboard-${slug(account.email)}`;
    if (account.onboardPendingPolls > 0) {
      account.onboardPendingPolls -= 1;
      return c.json({ name, done: false });
    }
    const asked = pendingTiers.get(account.email) ?? { tierId: 'free-tier' };
    account.tier = asked.tierId;
    account.projectId ??= asked.requested ?? `project-${slug(account.email)}`;
    return c.json({
      name,
      done: true,
      response: {
        '@type': 'type.googleapis.com/google.cloud.gemini.v1main.OnboardUserResponse',
        cloudaicompanionProject: { id: account.projectId, name: account.projectId },
      },
    });
  };

  // gemini-cli polls the long-running operation by name instead of calling onboardUser again.
  app.get('/v1internal/operations/:id', (c) => {
    const account = state.accountForAuthorization(c.req.header('authorization'));
    if (!account) return c.json(googleError(401, 'Request had invalid authentication credentials.'), 401);
    const scripted = state.takeReply('getOperation', account.email);
    if (scripted) return scriptedResponse(c, scripted);
    if (c.req.param('id') !== `onboard-${slug(account.email)}` || !pendingTiers.has(account.email)) {
      return c.json(googleError(404, 'Requested entity was not found.'), 404);
    }
    return operation(c, account);
  });
}
