// Turns fresh tokens into the account's metadata: its email, and its Cloud Code project and tier.
import type { Config } from '../config/schema.js';
import type { AccountFields } from '../store/save-account.js';
import { resolveClientVersion, type VersionConfig } from '../upstreams/code-assist/client-version.js';
import { discoverProject } from '../upstreams/code-assist/onboarding.js';
import type { Flavor } from '../upstreams/upstream.js';
import { fetchUserInfo } from './fetch-userinfo.js';

export interface DescribeLoginOptions {
  config: Pick<Config, 'endpoints' | 'onboardPollMs'> & VersionConfig;
  flavor: Flavor;
  accessToken: string;
  onProgress?: (line: string) => void;
}

export async function describeLogin(opts: DescribeLoginOptions): Promise<AccountFields> {
  const { email } = await fetchUserInfo(opts.config.endpoints, opts.accessToken);
  opts.onProgress?.(`Finding the Cloud Code project of ${email}`);
  const found = await discoverProject({
    endpoints: opts.config.endpoints,
    flavor: opts.flavor,
    // What a running server would claim before its feed answers: pin, cache, local app or floor.
    antigravityVersion: (await resolveClientVersion(opts.config, { fetchFeed: false })).version,
    accessToken: opts.accessToken,
    ...(opts.config.onboardPollMs !== undefined ? { pollIntervalMs: opts.config.onboardPollMs } : {}),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
  });
  return {
    email,
    flavor: opts.flavor,
    ...(found.projectId ? { projectId: found.projectId } : {}),
    ...(found.tier ? { tier: found.tier } : {}),
    state: found.projectId ? 'active' : 'no-project',
    ...(found.reason ? { stateReason: found.reason } : {}),
  };
}
