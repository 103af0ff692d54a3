// Against the emulator: the project and tier an account ends up with, and the calls that got it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../../test/emulator/server.js';
import type { Endpoints } from '../../config/schema.js';
import { discoverProject, type DiscoverOptions } from './onboarding.js';

let emulator: Emulator;
let endpoints: Endpoints;
beforeEach(async () => {
  emulator = await startEmulator();
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
    accessToken: emulator.state.issueAccessToken(email).token,
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

  it('onboards to the default tier and polls until the operation is done', async () => {
    emulator.state.addAccount('n@example.com', { tier: undefined, projectId: undefined, onboardPendingPolls: 3 });
    const progress: string[] = [];
    const found = await discover('n@example.com', 'antigravity', { onProgress: (l) => progress.push(l) });
    expect(found).toEqual({ projectId: 'project-n-example-com', tier: 'free-tier' });
    expect(emulator.state.calls('onboardUser')).toHaveLength(4);
    expect(progress).toHaveLength(4);
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
