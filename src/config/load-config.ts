import { delimiter } from 'node:path';
import { ConfigError } from './config-error.js';
import { DEFAULTS, DEFAULT_ALIASES } from './defaults.js';
import { resolveHome, configPath } from './paths.js';
import { readConfigFile } from './read-config-file.js';
import type { Config } from './schema.js';
import { isStrategy, STRATEGIES, type Strategy } from './strategies.js';

/** Flags a command passes in; they win over env, which wins over config.json. */
export interface ConfigFlags {
  port?: number;
  host?: string;
  apiKey?: string;
  strategy?: string;
  debug?: boolean;
}

export interface LoadConfigOptions {
  /** Told about config.json keys that mean nothing (typos), one line each. */
  warn?: (line: string) => void;
}

function intFrom(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new ConfigError(`${name} must be a whole number, got "${value}".`);
  return n;
}

/** A whole number above zero: a zero budget or cap would refuse every request. */
function positiveFrom(value: string | undefined, name: string): number | undefined {
  const n = intFrom(value, name);
  if (n === 0) throw new ConfigError(`${name} must be above 0, got "${value}".`);
  return n;
}

/** A version Google would read as one: digits and dots (2.9.1). */
function versionFrom(value: string | undefined, source: string): string | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  if (/^\d+(\.\d+){1,3}$/.test(v)) return v;
  throw new ConfigError(`${source} must be a version such as 2.9.1; got "${value}".`);
}

function strategyFrom(value: string | undefined, source: string): Strategy | undefined {
  if (value === undefined) return undefined;
  if (isStrategy(value)) return value;
  throw new ConfigError(`${source} must be one of ${STRATEGIES.join(', ')}; got "${value}".`);
}

function secretStoreFrom(value: string | undefined): Config['secretStore'] {
  if (value === undefined || value === '' || value === 'auto') return 'auto';
  if (value === 'keychain' || value === 'file') return value;
  throw new ConfigError(`GATEWAY_SECRET_STORE must be auto, keychain or file; got "${value}".`);
}

/** Resolves defaults < config.json < env < flags once; nothing else reads process.env. */
export async function loadConfig(env: NodeJS.ProcessEnv, flags: ConfigFlags = {}, options: LoadConfigOptions = {}): Promise<Readonly<Config>> {
  const home = resolveHome(env);
  const file = await readConfigFile(configPath(home), home, options.warn);
  const endpoints: Config['endpoints'] = {
    oauthAuthUrl: env.GATEWAY_OAUTH_AUTH_URL || DEFAULTS.oauthAuthUrl,
    oauthTokenUrl: env.GATEWAY_OAUTH_TOKEN_URL || DEFAULTS.oauthTokenUrl,
    userinfoUrl: env.GATEWAY_USERINFO_URL || DEFAULTS.userinfoUrl,
  };
  if (env.GATEWAY_CODE_ASSIST_ENDPOINT) endpoints.codeAssistEndpoint = env.GATEWAY_CODE_ASSIST_ENDPOINT.replace(/\/+$/, '');
  const apiKey = flags.apiKey ?? (env.GATEWAY_API_KEY || undefined) ?? file.apiKey;
  const proxy: Config['proxy'] = {};
  const https = env.HTTPS_PROXY ?? env.https_proxy;
  const http = env.HTTP_PROXY ?? env.http_proxy;
  const noProxy = env.NO_PROXY ?? env.no_proxy;
  if (https) proxy.https = https;
  if (http) proxy.http = http;
  if (noProxy) proxy.noProxy = noProxy;
  const config: Config = {
    home,
    port: flags.port ?? intFrom(env.GATEWAY_PORT, 'GATEWAY_PORT') ?? file.port ?? DEFAULTS.port,
    host: flags.host ?? (env.GATEWAY_HOST || undefined) ?? file.host ?? DEFAULTS.host,
    strategy:
      strategyFrom(flags.strategy, '--strategy') ??
      strategyFrom(env.GATEWAY_STRATEGY || undefined, 'GATEWAY_STRATEGY') ??
      file.strategy ??
      DEFAULTS.strategy,
    aliases: Object.freeze({ ...DEFAULT_ALIASES, ...file.aliases }),
    corsOrigins: Object.freeze([...(file.corsOrigins ?? [])]),
    bodyLimitBytes: file.bodyLimitBytes ?? DEFAULTS.bodyLimitBytes,
    quotaRefreshSeconds:
      intFrom(env.GATEWAY_QUOTA_REFRESH_SECONDS, 'GATEWAY_QUOTA_REFRESH_SECONDS') ??
      file.quotaRefreshSeconds ??
      DEFAULTS.quotaRefreshSeconds,
    maxAttempts: file.maxAttempts ?? DEFAULTS.maxAttempts,
    upstreamTimeoutMs:
      intFrom(env.GATEWAY_UPSTREAM_TIMEOUT_MS, 'GATEWAY_UPSTREAM_TIMEOUT_MS') ??
      file.upstreamTimeoutMs ??
      DEFAULTS.upstreamTimeoutMs,
    antigravityVersionUrl: env.GATEWAY_ANTIGRAVITY_VERSION_URL || file.antigravityVersionUrl || DEFAULTS.antigravityVersionUrl,
    geminiMaxOutputTokens:
      positiveFrom(env.GATEWAY_GEMINI_MAX_OUTPUT_TOKENS, 'GATEWAY_GEMINI_MAX_OUTPUT_TOKENS') ??
      file.geminiMaxOutputTokens ??
      DEFAULTS.geminiMaxOutputTokens,
    claudeMaxOutputTokens:
      positiveFrom(env.GATEWAY_CLAUDE_MAX_OUTPUT_TOKENS, 'GATEWAY_CLAUDE_MAX_OUTPUT_TOKENS') ??
      file.claudeMaxOutputTokens ??
      DEFAULTS.claudeMaxOutputTokens,
    bodyMemoryBytes:
      positiveFrom(env.GATEWAY_BODY_MEMORY_BYTES, 'GATEWAY_BODY_MEMORY_BYTES') ?? file.bodyMemoryBytes ?? DEFAULTS.bodyMemoryBytes,
    requestBudgetMs:
      positiveFrom(env.GATEWAY_REQUEST_BUDGET_MS, 'GATEWAY_REQUEST_BUDGET_MS') ?? file.requestBudgetMs ?? DEFAULTS.requestBudgetMs,
    keepAliveDelayMs:
      intFrom(env.GATEWAY_KEEPALIVE_DELAY_MS, 'GATEWAY_KEEPALIVE_DELAY_MS') ?? file.keepAliveDelayMs ?? DEFAULTS.keepAliveDelayMs,
    drainMs: intFrom(env.GATEWAY_DRAIN_MS, 'GATEWAY_DRAIN_MS') ?? file.drainMs ?? DEFAULTS.drainMs,
    secretStore: secretStoreFrom(env.GATEWAY_SECRET_STORE),
    endpoints,
    proxy,
    debug: flags.debug ?? env.GATEWAY_DEBUG === '1',
    usageRetentionDays:
      intFrom(env.GATEWAY_USAGE_RETENTION_DAYS, 'GATEWAY_USAGE_RETENTION_DAYS') ?? file.usageRetentionDays ?? DEFAULTS.usageRetentionDays,
    prices: Object.freeze({ ...file.prices }),
  };
  if (apiKey) config.apiKey = apiKey;
  const pin = versionFrom(env.GATEWAY_ANTIGRAVITY_VERSION, 'GATEWAY_ANTIGRAVITY_VERSION') ?? versionFrom(file.antigravityVersion, 'config.json antigravityVersion');
  if (pin !== undefined) config.antigravityVersion = pin;
  // Set but empty means "look nowhere" (the tests' way to ignore an install on the machine).
  const appPaths = env.GATEWAY_ANTIGRAVITY_APP_PATHS;
  if (appPaths !== undefined) config.antigravityAppPaths = Object.freeze(appPaths.split(delimiter).filter((p) => p !== ''));
  else if (file.antigravityAppPaths) config.antigravityAppPaths = Object.freeze([...file.antigravityAppPaths]);
  const onboardPollMs = intFrom(env.GATEWAY_ONBOARD_POLL_MS, 'GATEWAY_ONBOARD_POLL_MS');
  if (onboardPollMs !== undefined) config.onboardPollMs = onboardPollMs;
  if (env.GATEWAY_BROWSER_CMD) config.browserCommand = env.GATEWAY_BROWSER_CMD;
  const tunnelName = env.GATEWAY_TUNNEL_NAME || file.tunnelName;
  const tunnelHostname = env.GATEWAY_TUNNEL_HOSTNAME || file.tunnelHostname;
  if (tunnelName) config.tunnelName = tunnelName;
  if (tunnelHostname) config.tunnelHostname = tunnelHostname.replace(/^https?:\/\//, '').replace(/\/+$/, '');
  return Object.freeze(config);
}
