// Against the emulator: the project and tier an account ends up with, and the calls that got it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LEARN_MORE_URL, UNSUPPORTED_CLIENT_MESSAGE, VERIFY_MESSAGE, VERIFY_TEXT, VERIFY_URL } from '../../../test/emulator/account-trouble.js';
import { startEmulator, type Emulator } from '../../../test/emulator/server.js';
import type { Endpoints } from '../../config/schema.js';
import { FLAVOR_INFO } from '../../google/flavor-info.js';
import { discoverProject, type DiscoverOptions } from './onboarding.js';

let emulator: Emulator;
let endpoints: Endpoints;
beforeEach(async () => {
  emulator = await startEmulator({ strictOnboarding: true });
  endpoints = {
    oauthAuthUrl: emulator.env.GATEWAY_OAUTH_AUTH_URL!,
    oauthTokenUrl: emulator.env.GATEWAY_OAUTH_TOKEN_URL!,
    userinfoUrl: emulator.env.GATEWAY_USERINFO_URL!,
    codeAssistEndpoint: emulator.url,
  };
});
afterEach(() => emulator.close());

const discover = (email: string, flavor: 'antigravity' | 'gemini-cli' = 'antigravity', extra: Partial<DiscoverOptions> = {}) =>
  discoverProject({
    endpoints,
    flavor,
    antigravityVersion: '9.9.9',
    accessToken: emulator.state.issueAccessToken(email, FLAVOR_INFO[flavor].clientId).token,
    pollIntervalMs: 1,
    ...extra,
  });

describe('discoverProject', () => {
  it('prefers paidTier over currentTier', async () => {
    emulator.state.addAccount('p@example.com', { tier: 'standard-tier', paidTier: 'g1-ultra-tier', projectId: 'proj-p' });
    expect(await discover('p@example.com')).toEqual({ projectId: 'proj-p', tier: 'g1-ultra-tier' });
    const call = emulator.state.calls('loadCodeAssist')[0]!;
    expect(call.headers['user-agent']).toBe('antigravity/hub/9.9.9 darwin/arm64 google-api-nodejs-client/10.3.0');
    expect((call.body as { metadata: unknown }).metadata).toEqual({ ideType: 9, platform: 0, pluginType: 2 });
  });

  it('reads a project given as {id, name}', async () => {
    emulator.state.addAccount('o@example.com');
    emulator.state.enqueue({
      method: 'loadCodeAssist',
      body: { currentTier: { id: 'free-tier' }, cloudaicompanionProject: { id: 'obj-proj', name: 'x' } },
    });
    expect(await discover('o@example.com', 'gemini-cli')).toEqual({ projectId: 'obj-proj', tier: 'free-tier' });
    expect((emulator.state.calls('loadCodeAssist')[0]!.body as { metadata: { ideType: string } }).metadata.ideType).toBe('IDE_UNSPECIFIED');
  });

  it('onboards to the default tier and polls the operation with GET until it is done', async () => {
    emulator.state.addAccount('n@example.com', { tier: undefined, projectId: undefined, onboardPendingPolls: 3 });
    const progress: string[] = [];
    const found = await discover('n@example.com', 'antigravity', { onProgress: (l) => progress.push(l) });
    expect(found).toEqual({ projectId: 'project-n-example-com', tier: 'free-tier' });
    expect(emulator.state.calls('onboardUser')).toHaveLength(1);
    const polls = emulator.state.records.filter((r) => r.method === 'GET' && r.path.startsWith('/v1internal/operations/'));
    expect(polls.map((r) => r.path)).toEqual(Array(3).fill('/v1internal/operations/onboard-n-example-com'));
    expect(polls[0]!.headers.authorization).toMatch(/^Bearer ya29\./);
    expect(progress).toHaveLength(4);
  });

  it('calls onboardUser again when the operation has no name to poll', async () => {
    emulator.state.addAccount('nn@example.com', { tier: undefined, projectId: undefined, onboardPendingPolls: 0 });
    emulator.state.enqueue({ method: 'onboardUser', body: { done: false } });
    expect(await discover('nn@example.com')).toEqual({ projectId: 'project-nn-example-com', tier: 'free-tier' });
    expect(emulator.state.calls('onboardUser')).toHaveLength(2);
  });

  it('onboards a Workspace account (a current tier, no project) with that tier', async () => {
    emulator.state.addAccount('w@corp.example', { tier: 'standard-tier', projectId: undefined, onboardPendingPolls: 1 });
    expect(await discover('w@corp.example')).toEqual({ projectId: 'project-w-corp-example', tier: 'standard-tier' });
    const [call] = emulator.state.calls('onboardUser');
    expect(call!.body).toMatchObject({ tierId: 'standard-tier' });
  });

  it.each(['free-tier', 'g1-pro-tier'])('never sends a project when onboarding %s (Google refuses it)', async (tierId) => {
    emulator.state.addAccount('f@example.com', { tier: undefined, projectId: undefined, onboardPendingPolls: 0 });
    emulator.state.enqueue({ method: 'loadCodeAssist', body: { allowedTiers: [{ id: tierId, isDefault: true }] } });
    const found = await discover('f@example.com', 'antigravity', { projectId: 'my-own-project' });
    expect(found.tier).toBe(tierId);
    expect(found.projectId).toBe('project-f-example-com');
    const body = emulator.state.calls('onboardUser')[0]!.body as Record<string, unknown>;
    expect(body).not.toHaveProperty('cloudaicompanionProject');
    expect(body.metadata).not.toHaveProperty('duetProject');
  });

  it('sends the chosen project when onboarding a project-based tier', async () => {
    emulator.state.addAccount('s@example.com', { tier: undefined, projectId: undefined, onboardPendingPolls: 0 });
    emulator.state.enqueue({ method: 'loadCodeAssist', body: { allowedTiers: [{ id: 'standard-tier', isDefault: true, userDefinedCloudaicompanionProject: true }] } });
    expect(await discover('s@example.com', 'antigravity', { projectId: 'my-own-project' })).toEqual({ projectId: 'my-own-project', tier: 'standard-tier' });
    expect(emulator.state.calls('onboardUser')[0]!.body).toMatchObject({ cloudaicompanionProject: 'my-own-project', metadata: { duetProject: 'my-own-project' } });
  });

  it('the emulator, strict, refuses a project for the free tier as Google does', async () => {
    emulator.state.addAccount('x@example.com', { tier: undefined, projectId: undefined, onboardPendingPolls: 0 });
    const res = await fetch(`${emulator.url}/v1internal:onboardUser`, {
      method: 'POST',
      headers: { authorization: `Bearer ${emulator.state.issueAccessToken('x@example.com').token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ tierId: 'free-tier', cloudaicompanionProject: 'p', metadata: {} }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { status: 'FAILED_PRECONDITION' } });
  });

  it('an ineligibleTiers VALIDATION_REQUIRED: needs verification with Google\'s link, and no onboarding', async () => {
    const a = emulator.state.addAccount('v@example.com', { tier: undefined, projectId: undefined });
    a.trouble = { kind: 'validation-required', where: ['load'] };
    expect(await discover('v@example.com')).toEqual({
      tier: 'free-tier',
      verdict: { state: 'needs-verification', message: VERIFY_MESSAGE, link: { url: VERIFY_URL, text: VERIFY_TEXT, learnMoreUrl: LEARN_MORE_URL } },
      reason: VERIFY_MESSAGE,
    });
    expect(emulator.state.calls('onboardUser')).toHaveLength(0);
  });

  it('a 403 VALIDATION_REQUIRED on loadCodeAssist itself: needs verification', async () => {
    emulator.state.addAccount('v2@example.com');
    emulator.state.enqueue({
      method: 'loadCodeAssist',
      status: 403,
      body: { error: { code: 403, message: 'Verify.', status: 'PERMISSION_DENIED', details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'VALIDATION_REQUIRED', metadata: { validation_link: VERIFY_URL } }] } },
    });
    expect(await discover('v2@example.com')).toMatchObject({ verdict: { state: 'needs-verification', link: { url: VERIFY_URL } } });
  });

  it('UNSUPPORTED_CLIENT for the gemini-cli client: the reason and the antigravity hint; antigravity unaffected', async () => {
    emulator.state.addAccount('g@example.com', { projectId: 'proj-g' }).trouble = { kind: 'unsupported-client' };
    const found = await discover('g@example.com', 'gemini-cli');
    expect(found.verdict?.state).toBe('unsupported-client');
    expect(found.reason).toContain(UNSUPPORTED_CLIENT_MESSAGE);
    expect(found.reason).toContain('--flavor antigravity');
    expect(await discover('g@example.com', 'antigravity')).toEqual({ projectId: 'proj-g', tier: 'free-tier' });
  });

  it('a ban answered on loadCodeAssist: banned', async () => {
    emulator.state.addAccount('b@example.com').trouble = { kind: 'banned' };
    expect(await discover('b@example.com')).toMatchObject({ verdict: { state: 'banned', message: expect.stringContaining('Terms of Service') } });
  });

  it('ineligible tiers the account does not use are only information', async () => {
    emulator.state.addAccount('i@example.com', { projectId: 'proj-i' });
    emulator.state.enqueue({
      method: 'loadCodeAssist',
      body: {
        currentTier: { id: 'free-tier' },
        cloudaicompanionProject: 'proj-i',
        ineligibleTiers: [{ tierId: 'standard-tier', reasonCode: 'INELIGIBLE_ACCOUNT', reasonMessage: 'Not licensed.' }],
      },
    });
    expect(await discover('i@example.com')).toEqual({ projectId: 'proj-i', tier: 'free-tier' });
  });

  it('with no tier to use, Google\'s other reasons say why', async () => {
    emulator.state.addAccount('r@example.com', { tier: undefined, projectId: undefined });
    emulator.state.enqueue({
      method: 'loadCodeAssist',
      body: { allowedTiers: [], ineligibleTiers: [{ tierId: 'free-tier', reasonCode: 'RESTRICTED_AGE', reasonMessage: 'You must be 18 or older.' }] },
    });
    const found = await discover('r@example.com');
    expect(found.projectId).toBeUndefined();
    expect(found.verdict).toBeUndefined();
    expect(found.reason).toBe('Google will not serve this account: You must be 18 or older. (RESTRICTED_AGE).');
    expect(emulator.state.calls('onboardUser')).toHaveLength(0);
  });

  it('gives up after maxPolls with a reason instead of a project', async () => {
    emulator.state.addAccount('slow@example.com', { tier: undefined, projectId: undefined, onboardPendingPolls: 50 });
    const found = await discover('slow@example.com', 'antigravity', { maxPolls: 3 });
    expect(found.projectId).toBeUndefined();
    expect(found.reason).toMatch(/not finished onboarding .* after 3 checks/);
  });

  it('reports a tier that needs a user-defined project', async () => {
    emulator.state.addAccount('u@example.com');
    emulator.state.enqueue({
      method: 'loadCodeAssist',
      body: { allowedTiers: [{ id: 'standard-tier', isDefault: true, userDefinedCloudaicompanionProject: true }] },
    });
    const found = await discover('u@example.com');
    expect(found).toMatchObject({ tier: 'standard-tier' });
    expect(found.reason).toMatch(/needs a Google Cloud project of your own/);
    expect(emulator.state.calls('onboardUser')).toHaveLength(0);
  });

  it('throws an auth error on 401', async () => {
    emulator.state.addAccount('x@example.com');
    await expect(
      discoverProject({ endpoints, flavor: 'antigravity', antigravityVersion: '1', accessToken: 'ya29.bogus' }),
    ).rejects.toMatchObject({ name: 'GatewayError', kind: 'auth' });
  });
});
