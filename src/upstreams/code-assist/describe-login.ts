// Turns fresh tokens into the account's metadata: its email, and its Cloud Code project and tier
// (onboarding the account when Google has not set it up yet).
import { fetchUserInfo } from '../../auth/fetch-userinfo.js';
import type { Config } from '../../config/schema.js';
import type { Flavor } from '../../google/flavors.js';
import { statusFields } from '../../store/account-status.js';
import type { AccountFields } from '../../store/save-account.js';
import type { AccountStatus } from '../../store/types.js';
import { resolveClientVersion, type VersionConfig } from './client-version.js';
import { discoverProject } from './onboarding.js';

export interface DescribeLoginOptions {
  config: Pick<Config, 'endpoints' | 'onboardPollMs'> & VersionConfig;
  flavor: Flavor;
  accessToken: string;
  /** Known already (`accounts verify`): no userinfo call. */
  email?: string;
  onProgress?: (line: string) => void;
  now?: () => Date;
}

export async function describeLogin(opts: DescribeLoginOptions): Promise<AccountFields> {
  const email = opts.email ?? (await fetchUserInfo(opts.config.endpoints, opts.accessToken)).email;
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
  // A verdict wins over a project: Google names the project of an account it still refuses.
  const status: AccountStatus = found.verdict
    ? found.verdict
    : found.projectId
      ? { state: 'active' }
      : { state: 'no-project', message: found.reason ?? 'Google gave this account no Cloud Code project.' };
  return {
    email,
    flavor: opts.flavor,
    ...(found.projectId ? { projectId: found.projectId } : {}),
    ...(found.tier ? { tier: found.tier } : {}),
    ...statusFields(status, (opts.now ?? (() => new Date()))().toISOString()),
  };
}
