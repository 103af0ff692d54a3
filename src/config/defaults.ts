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
  // The built-in floor of the Antigravity version the gateway claims: at least the newest version
  // shared/spec/google-upstream.md §0 names (Google refuses older clients). The updater feed
  // normally supplies a newer one.
  antigravityVersion: '2.9.1',
  antigravityVersionUrl: 'https://antigravity-hub-auto-updater-974169037036.us-central1.run.app/manifest/latest-arm64-mac.yml',
  // antigravity-claude-proxy's cap (June reports of 400 above it); newer flash models take more.
  geminiMaxOutputTokens: 16384,
  // Claude on Cloud Code: maxOutputTokens, thinking budget included, at most this.
  claudeMaxOutputTokens: 64000,
  usageRetentionDays: 90,
  // Request bodies held in memory at once: a few dozen big ones would exhaust the V8 heap.
  bodyMemoryBytes: 256 * 1024 * 1024,
  // Everything before the first answer byte, all failover attempts together.
  requestBudgetMs: 90_000,
  // Fast failures keep real HTTP statuses; slower streams get headers and a keep-alive then.
  keepAliveDelayMs: 2500,
  // How long open streams may finish after SIGTERM before they get a closing error event.
  drainMs: 5000,
  oauthAuthUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
  oauthTokenUrl: 'https://oauth2.googleapis.com/token',
  userinfoUrl: 'https://www.googleapis.com/oauth2/v2/userinfo',
} as const;

/**
 * The model names clients send by default, sent to the pool's models. config.json `aliases` adds
 * to and overrides them. A target the pool does not serve is followed through its own alias, so
 * one table fits pools of either flavor (Antigravity's names and gemini-cli's lead to each other).
 */
export const DEFAULT_ALIASES: Readonly<Record<string, string>> = {
  // Claude Code asks for Anthropic's own names.
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
  // OpenAI names (Codex asks for gpt-5-codex style names; Cursor, Cline and SDK examples for gpt-*
  // and o*): the large models to the strongest Gemini, the small ones to Flash.
  'gpt-5*': 'gemini-3.1-pro-high',
  'gpt-4*': 'gemini-3.1-pro-high',
  'chatgpt-*': 'gemini-3.1-pro-high',
  'codex-*': 'gemini-3.1-pro-high',
  'o1*': 'gemini-3.1-pro-high',
  'o3*': 'gemini-3.1-pro-high',
  'o4*': 'gemini-3.1-pro-high',
  'gpt-*-mini*': 'gemini-3-flash',
  'gpt-*-nano*': 'gemini-3-flash',
  'gpt-3.5*': 'gemini-3-flash',
  'codex-mini*': 'gemini-3-flash',
  'o1-mini*': 'gemini-3-flash',
  'o3-mini*': 'gemini-3-flash',
  'o4-mini*': 'gemini-3-flash',
  // Gemini names the pool may not serve (gemini-cli and SDK examples ask for gemini-2.5-pro, ...).
  'gemini-*-pro*': 'gemini-3.1-pro-high',
  'gemini-pro*': 'gemini-3.1-pro-high',
  'gemini-*-flash-lite*': 'gemini-2.5-flash-lite',
  'gemini-*-flash*': 'gemini-3-flash',
  'gemini-flash*': 'gemini-3-flash',
  // Antigravity's names on a gemini-cli pool, and back through the patterns above.
  'gemini-3.1-pro-high': 'gemini-3-pro-preview',
  'gemini-3.1-pro-low': 'gemini-3-pro-preview',
  'gemini-3-flash': 'gemini-3-flash-preview',
  'gemini-2.5-flash-lite': 'gemini-3-flash',
};
