// The settings the HTTP layer reads per request instead of once, so a running server can take new
// ones: CORS origins when config.json changes, the tunnel's host name once cloudflared reports it.

export interface LiveSettings {
  corsOrigins: readonly string[];
  /** Host names allowed besides loopback and the configured host: the tunnel's, nothing else. */
  extraHosts: ReadonlySet<string>;
}

export function createLiveSettings(corsOrigins: readonly string[]): LiveSettings {
  return { corsOrigins, extraHosts: new Set() };
}
