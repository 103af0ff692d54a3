// The Antigravity version the gateway claims, and where it came from.
// PLACEHOLDER in this branch: the google-identity branch owns the real resolver (pin, updater
// feed, cache, local app, built-in floor); this keeps only its exported shape so `gateway doctor`
// builds and is tested against it. At merge, keep the other branch's file.
import type { Config } from '../../config/schema.js';
import { DEFAULTS } from '../../config/defaults.js';

export interface ClientVersionInfo {
  version: string;
  source: 'pin' | 'feed' | 'cache' | 'local-app' | 'built-in';
  feed: { url: string; lastCheckedAt?: string; ok?: boolean; version?: string; error?: string };
}

const FEED_URL = 'https://antigravity-hub-auto-updater-974169037036.us-central1.run.app/manifest/latest-arm64-mac.yml';

export function resolveClientVersion(config: Pick<Config, 'antigravityVersion'>): ClientVersionInfo {
  const pinned = config.antigravityVersion !== DEFAULTS.antigravityVersion;
  return { version: config.antigravityVersion, source: pinned ? 'pin' : 'built-in', feed: { url: FEED_URL } };
}
