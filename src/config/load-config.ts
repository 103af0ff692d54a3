import { readJsonFile } from '../util/read-json-file.js';
import { DEFAULTS, DEFAULT_ALIASES } from './defaults.js';
import { resolveHome, configPath } from './paths.js';
import { configFileSchema, strategies, type Config, type ConfigFile, type Strategy } from './schema.js';

/** Flags a command passes in; they win over env, which wins over config.json. */
export interface ConfigFlags {
  port?: number;
  host?: string;
  apiKey?: string;
  strategy?: string;
  debug?: boolean;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

async function readConfigFile(path: string): Promise<ConfigFile> {
  const raw = await readJsonFile(path, () => new ConfigError(`${path} is not valid JSON; fix it or move it away.`));
  if (raw === undefined) return {};
  const parsed = configFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`${path}: ${issue?.path.join('.') || 'root'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
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
export async function loadConfig(env: NodeJS.ProcessEnv, flags: ConfigFlags = {}): Promise<Readonly<Config>> {
  const home = resolveHome(env);
  const file = await readConfigFile(configPath(home));
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
    bodyMemoryBytes:
      positiveFrom(env.GATEWAY_BODY_MEMORY_BYTES, 'GATEWAY_BODY_MEMORY_BYTES') ?? file.bodyMemoryBytes ?? DEFAULTS.bodyMemoryBytes,
    requestBudgetMs:
      positiveFrom(env.GATEWAY_REQUEST_BUDGET_MS, 'GATEWAY_REQUEST_BUDGET_MS') ?? file.requestBudgetMs ?? DEFAULTS.requestBudgetMs,
    keepAliveDelayMs:
      intFrom(env.GATEWAY_KEEPALIVE_DELAY_MS, 'GATEWAY_KEEPALIVE_DELAY_MS') ?? file.keepAliveDelayMs ?? DEFAULTS.keepAliveDelayMs,
    drainMs: intFrom(env.GATEWAY_DRAIN_MS, 'GATEWAY_DRAIN_MS') ?? file.drainMs ?? DEFAULTS.drainMs,
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
  return Object.freeze(config);
}
