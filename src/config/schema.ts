import { z } from 'zod';
import { STRATEGIES, type Strategy } from './strategies.js';

export type { Strategy };

/** config.json in the gateway home; every field optional, env and flags override it. */
export const configFileSchema = z.looseObject({
  port: z.number().int().min(0).max(65535).optional(),
  host: z.string().optional(),
  apiKey: z.string().optional(),
  strategy: z.enum(STRATEGIES).optional(),
  /** client model name → pool model id, e.g. {"claude-opus-4-5": "claude-opus-4-6-thinking"}; `*` matches any text */
  aliases: z.record(z.string(), z.string()).optional(),
  corsOrigins: z.array(z.string()).optional(),
  bodyLimitBytes: z.number().int().positive().optional(),
  quotaRefreshSeconds: z.number().int().positive().optional(),
  maxAttempts: z.number().int().positive().optional(),
  upstreamTimeoutMs: z.number().int().positive().optional(),
  bodyMemoryBytes: z.number().int().positive().optional(),
  requestBudgetMs: z.number().int().positive().optional(),
  keepAliveDelayMs: z.number().int().min(0).optional(),
  drainMs: z.number().int().min(0).optional(),
  antigravityVersion: z.string().optional(),
  antigravityVersionUrl: z.string().optional(),
  /** Antigravity install folders or product.json files to read its version from; [] reads none. */
  antigravityAppPaths: z.array(z.string()).optional(),
  geminiMaxOutputTokens: z.number().int().positive().optional(),
  claudeMaxOutputTokens: z.number().int().positive().optional(),
  /** Days the usage ledger keeps requests (default 90); 0 records nothing. */
  usageRetentionDays: z.number().int().min(0).optional(),
  /** pool model id (`*` matches any text) → USD per million tokens, over the built-in list prices */
  prices: z
    .record(z.string(), z.strictObject({ input: z.number().min(0), output: z.number().min(0), cached: z.number().min(0).optional() }))
    .optional(),
  /** `gateway start --tunnel` through this named Cloudflare tunnel (else a quick tunnel). */
  tunnelName: z.string().min(1).optional(),
  /** The public host name the named tunnel routes to this gateway. */
  tunnelHostname: z.string().min(1).optional(),
});
export type ConfigFile = z.infer<typeof configFileSchema>;

export interface Endpoints {
  oauthAuthUrl: string;
  oauthTokenUrl: string;
  userinfoUrl: string;
  /** Replaces every Cloud Code Assist endpoint of both flavors when set. */
  codeAssistEndpoint?: string;
}

export interface Config {
  home: string;
  port: number;
  host: string;
  apiKey?: string;
  strategy: Strategy;
  aliases: Readonly<Record<string, string>>;
  corsOrigins: readonly string[];
  bodyLimitBytes: number;
  quotaRefreshSeconds: number;
  maxAttempts: number;
  /** Connect / first-byte timeout; idle timeout between stream chunks is the same. */
  upstreamTimeoutMs: number;
  /**
   * A pinned Antigravity version (GATEWAY_ANTIGRAVITY_VERSION); unset, the version comes from the
   * updater feed, its cache, a local Antigravity install or the built-in floor (client-version.ts).
   */
  antigravityVersion?: string;
  /** Antigravity's updater feed (GATEWAY_ANTIGRAVITY_VERSION_URL). */
  antigravityVersionUrl: string;
  /** Where to look for a local Antigravity's product.json; unset: the usual install places. */
  antigravityAppPaths?: readonly string[];
  /** Caps on maxOutputTokens Google accepts (shared/spec/google-upstream.md §0). */
  geminiMaxOutputTokens: number;
  /** Claude's cap counts the thinking budget too. */
  claudeMaxOutputTokens: number;
  /** Total bytes of request bodies in memory at once; past it new requests get 503 + Retry-After. */
  bodyMemoryBytes: number;
  /** One budget per request, shared by every failover attempt, until the answer's first byte. */
  requestBudgetMs: number;
  /** A stream still waiting for its first event after this long gets headers and a keep-alive. */
  keepAliveDelayMs: number;
  /** On SIGTERM, how long open streams may finish before they get a closing error event. */
  drainMs: number;
  secretStore: 'auto' | 'keychain' | 'file';
  endpoints: Endpoints;
  /** HTTPS_PROXY / HTTP_PROXY / NO_PROXY, for upstream traffic. */
  proxy: { https?: string; http?: string; noProxy?: string };
  debug: boolean;
  /** Wait between onboardUser polls (GATEWAY_ONBOARD_POLL_MS; Google's clients use 5 s). */
  onboardPollMs?: number;
  /**
   * GATEWAY_BROWSER_CMD: the program `accounts add` and `gateway ui` open their URL with (given the
   * URL as its one argument) instead of the system browser; `none` only prints the URL.
   */
  browserCommand?: string;
  /** Days the usage ledger keeps requests; 0 turns the ledger off. */
  usageRetentionDays: number;
  /** config.json `prices`: overrides of the built-in list prices (USD per million tokens). */
  prices: Readonly<Record<string, ModelPriceOverride>>;
  /** GATEWAY_TUNNEL_NAME / config.json `tunnelName`: a named Cloudflare tunnel for `start --tunnel`. */
  tunnelName?: string;
  /** GATEWAY_TUNNEL_HOSTNAME / config.json `tunnelHostname`: the named tunnel's public host name. */
  tunnelHostname?: string;
}

export interface ModelPriceOverride {
  input: number;
  output: number;
  cached?: number;
}
