// Every per-flavor fact of Google's Cloud Code Assist (shared/spec/google-upstream.md) in one
// place: OAuth client, scopes, endpoints, headers, default model catalog.
import { arch, platform } from 'node:os';
import type { Endpoints } from '../../config/schema.js';
import type { Flavor } from '../upstream.js';

export const FLAVORS: readonly Flavor[] = ['antigravity', 'gemini-cli'];

export const isFlavor = (s: string): s is Flavor => (FLAVORS as readonly string[]).includes(s);

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

const NODE_VERSION = process.versions.node;

/**
 * Which kind of Cloud Code call the headers are for: generation and model / quota calls, or the
 * control-plane calls (loadCodeAssist, onboardUser) that Antigravity makes through
 * google-api-nodejs-client.
 */
export type CallKind = 'generate' | 'onboard';

/** What Antigravity's control-plane calls add to their User-Agent. */
export const NODE_API_CLIENT = 'google-api-nodejs-client/10.3.0';

/**
 * Headers every Cloud Code call of this flavor carries, besides Authorization: the one place they
 * are built (shared/spec/google-upstream.md §0). The antigravity User-Agent claims the hub app on
 * darwin/arm64 whatever the machine, as the updater feed the version comes from is that build's;
 * generation calls carry no x-goog-api-client.
 * @example flavorHeaders('antigravity', '2.9.1', 'generate')['User-Agent'] // 'antigravity/hub/2.9.1 darwin/arm64'
 */
export function flavorHeaders(flavor: Flavor, antigravityVersion: string, kind: CallKind): Record<string, string> {
  if (flavor === 'antigravity') {
    const ua = `antigravity/hub/${antigravityVersion} darwin/arm64`;
    const headers: Record<string, string> = {
      'User-Agent': kind === 'onboard' ? `${ua} ${NODE_API_CLIENT}` : ua,
      'X-Client-Name': 'antigravity',
      'X-Client-Version': antigravityVersion,
      'Content-Type': 'application/json',
    };
    if (kind === 'onboard') headers['x-goog-api-client'] = `gl-node/${NODE_VERSION}`;
    return headers;
  }
  return {
    'User-Agent': `GeminiCLI/0.30.0 (${platform()}; ${arch()})`,
    'x-goog-api-client': `gl-node/${NODE_VERSION}`,
    'Client-Metadata': 'ideType=IDE_UNSPECIFIED,platform=PLATFORM_UNSPECIFIED,pluginType=GEMINI',
    'Content-Type': 'application/json',
  };
}

/** loadCodeAssist / onboardUser `metadata`: antigravity sends numeric enums, gemini-cli names. */
export function clientMetadata(flavor: Flavor): Record<string, unknown> {
  if (flavor === 'antigravity') return { ideType: 9, platform: 0, pluginType: 2 };
  return { ideType: 'IDE_UNSPECIFIED', platform: 'PLATFORM_UNSPECIFIED', pluginType: 'GEMINI' };
}
