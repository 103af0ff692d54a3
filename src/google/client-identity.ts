// How each flavor introduces itself to Google: the headers of every Cloud Code call and the client
// metadata of onboarding calls (shared/spec/google-upstream.md §0).
import { arch, platform } from 'node:os';
import type { Flavor } from './flavors.js';

const NODE_VERSION = process.versions.node;

/**
 * Which kind of Cloud Code call the headers are for: generation and model / quota calls, or the
 * control-plane calls (loadCodeAssist, onboardUser) that Antigravity makes through
 * google-api-nodejs-client.
 */
export type CallKind = 'generate' | 'onboard';

/** What Antigravity's control-plane calls add to their User-Agent. */
const NODE_API_CLIENT = 'google-api-nodejs-client/10.3.0';

/**
 * Headers every Cloud Code call of this flavor carries, besides Authorization: the one place they
 * are built. The antigravity User-Agent claims the hub app on darwin/arm64 whatever the machine, as
 * the updater feed the version comes from is that build's; generation calls carry no
 * x-goog-api-client.
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
