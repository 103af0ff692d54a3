import { ConfigError } from './config-error.js';
import { DEFAULTS, DEFAULT_ALIASES } from './defaults.js';
import { resolveHome, configPath } from './paths.js';
import { readConfigFile } from './read-config-file.js';
import { strategies, type Config, type Strategy } from './schema.js';

export { ConfigError };

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

function strategyFrom(value: string | undefined, source: string): Strategy | undefined {
  if (value === undefined) return undefined;
  if ((strategies as readonly string[]).includes(value)) return value as Strategy;
  throw new ConfigError(`${source} must be one of ${strategies.join(', ')}; got "${value}".`);
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
    antigravityVersion: env.GATEWAY_ANTIGRAVITY_VERSION || file.antigravityVersion || DEFAULTS.antigravityVersion,
    secretStore: secretStoreFrom(env.GATEWAY_SECRET_STORE),
    endpoints,
    proxy,
    debug: flags.debug ?? env.GATEWAY_DEBUG === '1',
  };
  if (apiKey) config.apiKey = apiKey;
  const onboardPollMs = intFrom(env.GATEWAY_ONBOARD_POLL_MS, 'GATEWAY_ONBOARD_POLL_MS');
  if (onboardPollMs !== undefined) config.onboardPollMs = onboardPollMs;
  if (env.GATEWAY_BROWSER_CMD) config.browserCommand = env.GATEWAY_BROWSER_CMD;
  const tunnelName = env.GATEWAY_TUNNEL_NAME || file.tunnelName;
  const tunnelHostname = env.GATEWAY_TUNNEL_HOSTNAME || file.tunnelHostname;
  if (tunnelName) config.tunnelName = tunnelName;
  if (tunnelHostname) config.tunnelHostname = tunnelHostname.replace(/^https?:\/\//, '').replace(/\/+$/, '');
  return Object.freeze(config);
}
