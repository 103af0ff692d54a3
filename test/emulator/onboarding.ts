// loadCodeAssist and onboardUser (a long-running operation whose first poll(s) are not done).
// Shapes: shared/spec/google-upstream.md §2.
import type { Context, Hono } from 'hono';
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
  let body: Record<string, unknown> = {};
  try {
    body = (await c.req.json()) as Record<string, unknown>;
  } catch {
    return c.json(googleError(400, 'Invalid JSON payload received.'), 400);
  }
  return { account, body };
}

export function registerOnboardingRoutes(app: Hono, state: EmulatorState): void {
  app.post('/v1internal:loadCodeAssist', async (c) => {
    const got = await authorized(c, state, 'loadCodeAssist');
    if (got instanceof Response) return got;
    const { account } = got;
    if (!account.tier) return c.json({ allowedTiers: ALLOWED_TIERS });
    return c.json({
      currentTier: tier(account.tier),
      allowedTiers: ALLOWED_TIERS,
      ...(account.paidTier ? { paidTier: tier(account.paidTier) } : {}),
      ...(account.projectId ? { cloudaicompanionProject: account.projectId } : {}),
    });
  });

  app.post('/v1internal:onboardUser', async (c) => {
    const got = await authorized(c, state, 'onboardUser');
    if (got instanceof Response) return got;
    const { account, body } = got;
    const name = `operations/onboard-${slug(account.email)}`;
    if (account.onboardPendingPolls > 0) {
      account.onboardPendingPolls -= 1;
      return c.json({ name, done: false });
    }
    account.tier = typeof body.tierId === 'string' ? body.tierId : 'free-tier';
    const requested = typeof body.cloudaicompanionProject === 'string' ? body.cloudaicompanionProject : undefined;
    account.projectId ??= requested ?? `project-${slug(account.email)}`;
    return c.json({
      name,
      done: true,
      response: {
        '@type': 'type.googleapis.com/google.cloud.gemini.v1main.OnboardUserResponse',
        cloudaicompanionProject: { id: account.projectId, name: account.projectId },
      },
    });
  });
}
