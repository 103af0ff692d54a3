import { z } from 'zod';

export const strategies = ['quota', 'round-robin', 'sticky'] as const;
export type Strategy = (typeof strategies)[number];

/** config.json in the gateway home; every field optional, env and flags override it. */
export const configFileSchema = z.looseObject({
  port: z.number().int().min(0).max(65535).optional(),
  host: z.string().optional(),
  apiKey: z.string().optional(),
  strategy: z.enum(strategies).optional(),
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
  /** Total bytes of request bodies in memory at once; past it new requests get 503 + Retry-After. */
  bodyMemoryBytes: number;
  /** One budget per request, shared by every failover attempt, until the answer's first byte. */
  requestBudgetMs: number;
  /** A stream still waiting for its first event after this long gets headers and a keep-alive. */
  keepAliveDelayMs: number;
  /** On SIGTERM, how long open streams may finish before they get a closing error event. */
  drainMs: number;
  antigravityVersion: string;
  secretStore: 'auto' | 'keychain' | 'file';
  endpoints: Endpoints;
  /** HTTPS_PROXY / HTTP_PROXY / NO_PROXY, for upstream traffic. */
  proxy: { https?: string; http?: string; noProxy?: string };
  debug: boolean;
  /** Wait between onboardUser polls (GATEWAY_ONBOARD_POLL_MS; Google's clients use 5 s). */
  onboardPollMs?: number;
  /**
   * GATEWAY_BROWSER_CMD: the program `accounts add` opens the login URL with (given the URL as its
   * one argument) instead of the system browser; `none` only prints the URL.
   */
  browserCommand?: string;
}
