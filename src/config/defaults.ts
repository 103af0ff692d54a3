// Defaults in one place; Google's URLs here are the real ones and every one is overridable.

export const DEFAULTS = {
  port: 8080,
  host: '127.0.0.1',
  strategy: 'quota',
  // Big enough for a few screenshots in base64.
  bodyLimitBytes: 50 * 1024 * 1024,
  quotaRefreshSeconds: 300,
  maxAttempts: 4,
  upstreamTimeoutMs: 120_000,
  // Request bodies held in memory at once: a few dozen big ones would exhaust the V8 heap.
  bodyMemoryBytes: 256 * 1024 * 1024,
  // Everything before the first answer byte, all failover attempts together.
  requestBudgetMs: 90_000,
  // Fast failures keep real HTTP statuses; slower streams get headers and a keep-alive then.
  keepAliveDelayMs: 2500,
  // How long open streams may finish after SIGTERM before they get a closing error event.
  drainMs: 5000,
  antigravityVersion: '1.15.8',
  oauthAuthUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
  oauthTokenUrl: 'https://oauth2.googleapis.com/token',
  userinfoUrl: 'https://www.googleapis.com/oauth2/v2/userinfo',
} as const;

/**
 * Claude Code asks for Anthropic's own model names by default; these send them to the pool's
 * Claude models. config.json `aliases` adds to and overrides them.
 */
export const DEFAULT_ALIASES: Readonly<Record<string, string>> = {
  'claude-opus-4-6': 'claude-opus-4-6-thinking',
  'claude-opus-4-5': 'claude-opus-4-6-thinking',
  'claude-opus-4-1': 'claude-opus-4-6-thinking',
  'claude-sonnet-4-5': 'claude-sonnet-4-6',
  'claude-sonnet-4': 'claude-sonnet-4-6',
  'claude-haiku-4-5': 'gemini-3-flash',
  'claude-3-5-haiku': 'gemini-3-flash',
  // Any other Claude name by family, so a Claude Code release with new model names still works.
  'claude-opus-*': 'claude-opus-4-6-thinking',
  'claude-sonnet-*': 'claude-sonnet-4-6',
  'claude-haiku-*': 'gemini-3-flash',
};
