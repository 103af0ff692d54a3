// Every per-flavor fact of Google's side (shared/spec/google-upstream.md) in one table: OAuth
// client, scopes, Cloud Code endpoints, the quota method, the default model catalog.
import type { Endpoints } from '../config/schema.js';
import type { Flavor } from './flavors.js';

const SCOPE = 'https://www.googleapis.com/auth/';

export interface FlavorInfo {
  clientId: string;
  /** An installed-app secret, published by both projects; not a user secret. */
  clientSecret: string;
  scopes: readonly string[];
  /** Generation endpoints, tried in order. */
  generateEndpoints: readonly string[];
  /** loadCodeAssist / onboardUser endpoints, tried in order. */
  onboardEndpoints: readonly string[];
  quotaMethod: 'fetchAvailableModels' | 'retrieveUserQuota';
  /** Used when quota discovery fails. */
  defaultModels: readonly string[];
}

const PROD = 'https://cloudcode-pa.googleapis.com';
const DAILY = 'https://daily-cloudcode-pa.googleapis.com';

export const FLAVOR_INFO: Readonly<Record<Flavor, FlavorInfo>> = {
  antigravity: {
    clientId: '1071006060591-tmhssin2h21lcre235vtolojh4g403ep.apps.googleusercontent.com',
    clientSecret: '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',
    scopes: [
      `${SCOPE}cloud-platform`,
      `${SCOPE}userinfo.email`,
      `${SCOPE}userinfo.profile`,
      `${SCOPE}cclog`,
      `${SCOPE}experimentsandconfigs`,
    ],
    generateEndpoints: [DAILY, PROD],
    onboardEndpoints: [PROD, DAILY],
    quotaMethod: 'fetchAvailableModels',
    defaultModels: ['claude-sonnet-4-6', 'claude-opus-4-6-thinking', 'gemini-3-flash', 'gemini-3.1-pro-low', 'gemini-3.1-pro-high'],
  },
  'gemini-cli': {
    clientId: '681255809395-oo8ft2oprdrnp9e3aqf6av3hmdib135j.apps.googleusercontent.com',
    clientSecret: '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',
    scopes: [`${SCOPE}cloud-platform`, `${SCOPE}userinfo.email`, `${SCOPE}userinfo.profile`],
    generateEndpoints: [PROD],
    onboardEndpoints: [PROD],
    quotaMethod: 'retrieveUserQuota',
    defaultModels: ['gemini-2.5-pro', 'gemini-2.5-flash', 'gemini-2.5-flash-lite', 'gemini-3-pro-preview', 'gemini-3-flash-preview'],
  },
};

/** The endpoints to try for a flavor; one override replaces them all (tests, the emulator). */
export function endpointsFor(flavor: Flavor, use: 'generate' | 'onboard', endpoints: Endpoints): readonly string[] {
  if (endpoints.codeAssistEndpoint) return [endpoints.codeAssistEndpoint];
  const info = FLAVOR_INFO[flavor];
  return use === 'generate' ? info.generateEndpoints : info.onboardEndpoints;
}

/**
 * The models a flavor's accounts serve until quota discovery names them; none for a flavor this
 * gateway does not know (an accounts.json written by a newer one).
 */
export const defaultModelsOf = (flavor: Flavor): readonly string[] => FLAVOR_INFO[flavor]?.defaultModels ?? [];
