// How `gateway run <client>` points one client process at the gateway: environment variables and
// command-line flags only. No file of the user's is changed; where a client reads settings only
// from a file (gemini-cli's auth type), a temporary file is handed to it by environment variable
// and removed afterwards.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';
import type { ModelChoice } from './choose-models.js';

export const RUN_CLIENTS = ['claude', 'codex', 'gemini', 'opencode'] as const;
export type RunClient = (typeof RUN_CLIENTS)[number];

export const isRunClient = (s: string): s is RunClient => (RUN_CLIENTS as readonly string[]).includes(s);

/** How to install each client, for the error when it is not on PATH. */
export const INSTALL_HINT: Readonly<Record<RunClient, string>> = {
  claude: 'npm install -g @anthropic-ai/claude-code',
  codex: 'npm install -g @openai/codex',
  gemini: 'npm install -g @google/gemini-cli',
  opencode: 'npm install -g opencode-ai',
};

export interface Target {
  /** http://127.0.0.1:8080: no /v1. */
  baseUrl: string;
  apiKey?: string;
  models: ModelChoice;
  /** Every model the gateway serves (opencode lists them). */
  catalog: readonly string[];
}

export interface Wiring {
  command: RunClient;
  args: string[];
  /** Set these; an `undefined` value removes the variable from the client's environment. */
  env: Record<string, string | undefined>;
  /** One line for the user: what the client was given. */
  summary: string;
  cleanup(): Promise<void>;
}

/** The provider id Codex and opencode know the gateway by. */
export const PROVIDER_ID = 'gateway';

/** A token the gateway ignores when it has no API key; clients insist on having one. */
export const NO_KEY_TOKEN = 'gateway';

const hasFlag = (args: readonly string[], ...flags: string[]): boolean =>
  args.some((a) => flags.some((f) => a === f || a.startsWith(`${f}=`)));

/** `-c model=...` / `--config model=...` among the user's own Codex arguments. */
const setsCodexModel = (args: readonly string[]): boolean =>
  hasFlag(args, '-m', '--model') || args.some((a, i) => /^model\s*=/.test(a) && ['-c', '--config'].includes(args[i - 1] ?? ''));

/** A TOML basic string: for the plain text written here (URLs, ids), JSON's quoting is TOML's. */
export const tomlString = (s: string): string => JSON.stringify(s);

function wireClaude(t: Target, userArgs: string[]): Wiring {
  const { opus, sonnet, haiku } = t.models;
  return {
    command: 'claude',
    args: userArgs,
    env: {
      ANTHROPIC_BASE_URL: t.baseUrl,
      ANTHROPIC_AUTH_TOKEN: t.apiKey ?? NO_KEY_TOKEN,
      // An Anthropic key in the user's shell would be sent instead of the token (and asked about).
      ANTHROPIC_API_KEY: undefined,
      ...(opus ? { ANTHROPIC_DEFAULT_OPUS_MODEL: opus } : {}),
      ...(sonnet ? { ANTHROPIC_DEFAULT_SONNET_MODEL: sonnet } : {}),
      ...(haiku ? { ANTHROPIC_DEFAULT_HAIKU_MODEL: haiku } : {}),
    },
    summary: `opus → ${opus ?? '(alias)'}, sonnet → ${sonnet ?? '(alias)'}, haiku → ${haiku ?? '(alias)'}`,
    cleanup: async () => undefined,
  };
}

function wireCodex(t: Target, userArgs: string[]): Wiring {
  const p = `model_providers.${PROVIDER_ID}`;
  const config = [
    `model_provider=${tomlString(PROVIDER_ID)}`,
    `${p}.name=${tomlString('gateway')}`,
    `${p}.base_url=${tomlString(`${t.baseUrl}/v1`)}`,
    `${p}.wire_api=${tomlString('responses')}`,
  ];
  if (t.apiKey) config.push(`${p}.env_key=${tomlString('GATEWAY_API_KEY')}`);
  const model = setsCodexModel(userArgs) ? undefined : t.models.main;
  if (model) config.push(`model=${tomlString(model)}`);
  return {
    command: 'codex',
    args: [...config.flatMap((c) => ['-c', c]), ...userArgs],
    env: t.apiKey ? { GATEWAY_API_KEY: t.apiKey } : {},
    summary: `provider "${PROVIDER_ID}" (Responses API)${model ? `, model ${model}` : ''}`,
    cleanup: async () => undefined,
  };
}

/** Where gemini-cli reads its system settings (the highest-precedence layer) by default. */
function geminiSystemSettingsPath(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string {
  if (env.GEMINI_CLI_SYSTEM_SETTINGS_PATH) return env.GEMINI_CLI_SYSTEM_SETTINGS_PATH;
  if (platform === 'darwin') return '/Library/Application Support/GeminiCli/settings.json';
  if (platform === 'win32') return 'C:\\ProgramData\\gemini-cli\\settings.json';
  return '/etc/gemini-cli/settings.json';
}

async function wireGemini(t: Target, userArgs: string[], env: NodeJS.ProcessEnv, platform: NodeJS.Platform): Promise<Wiring> {
  // A Google login chosen in the user's settings would win over GEMINI_API_KEY: the auth type is
  // overridden in a temporary copy of the system settings layer, the one that outranks the user's.
  let system: Record<string, unknown> = {};
  try {
    const parsed: unknown = parseJsonc(await readFile(geminiSystemSettingsPath(env, platform), 'utf8'));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) system = parsed as Record<string, unknown>;
  } catch {
    // none: ours is the whole layer
  }
  const security = { ...(system.security as object | undefined) } as Record<string, unknown>;
  security.auth = { ...(security.auth as object | undefined), selectedType: 'gemini-api-key' };
  const dir = await mkdtemp(join(tmpdir(), 'gateway-run-gemini-'));
  const settingsPath = join(dir, 'settings.json');
  await writeFile(settingsPath, JSON.stringify({ ...system, security }, null, 2), { mode: 0o600 });
  const model = hasFlag(userArgs, '-m', '--model') ? undefined : t.models.gemini;
  return {
    command: 'gemini',
    args: userArgs,
    env: {
      GOOGLE_GEMINI_BASE_URL: t.baseUrl,
      GEMINI_API_KEY: t.apiKey ?? NO_KEY_TOKEN,
      GEMINI_DEFAULT_AUTH_TYPE: 'gemini-api-key',
      GEMINI_CLI_SYSTEM_SETTINGS_PATH: settingsPath,
      GOOGLE_GENAI_USE_VERTEXAI: undefined,
      ...(model ? { GEMINI_MODEL: model } : {}),
    },
    summary: `Gemini API at the gateway${model ? `, model ${model}` : ''}`,
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

/** The opencode provider block for the gateway (also what `gateway setup opencode` writes). */
export function opencodeProvider(t: Pick<Target, 'baseUrl' | 'catalog'>, apiKey: string): Record<string, unknown> {
  return {
    npm: '@ai-sdk/openai-compatible',
    name: 'gateway',
    options: { baseURL: `${t.baseUrl}/v1`, apiKey },
    models: Object.fromEntries(t.catalog.map((id) => [id, { name: id }])),
  };
}

function wireOpencode(t: Target, userArgs: string[], env: NodeJS.ProcessEnv): Wiring {
  // opencode merges OPENCODE_CONFIG_CONTENT over its config files: the user's own inline config,
  // if any, is kept and ours laid on top.
  let inline: Record<string, unknown> = {};
  try {
    const parsed: unknown = env.OPENCODE_CONFIG_CONTENT ? parseJsonc(env.OPENCODE_CONFIG_CONTENT) : undefined;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) inline = parsed as Record<string, unknown>;
  } catch {
    // unreadable: replaced
  }
  const model = hasFlag(userArgs, '-m', '--model') ? undefined : t.models.main;
  const content = {
    ...inline,
    provider: { ...(inline.provider as object | undefined), [PROVIDER_ID]: opencodeProvider(t, t.apiKey ?? NO_KEY_TOKEN) },
    ...(model ? { model: `${PROVIDER_ID}/${model}` } : {}),
    ...(t.models.small ? { small_model: `${PROVIDER_ID}/${t.models.small}` } : {}),
  };
  return {
    command: 'opencode',
    args: userArgs,
    env: { OPENCODE_CONFIG_CONTENT: JSON.stringify(content) },
    summary: `provider "${PROVIDER_ID}" with ${t.catalog.length} model(s)${model ? `, model ${PROVIDER_ID}/${model}` : ''}`,
    cleanup: async () => undefined,
  };
}

export async function wireClient(
  client: RunClient,
  target: Target,
  userArgs: string[],
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
): Promise<Wiring> {
  switch (client) {
    case 'claude':
      return wireClaude(target, userArgs);
    case 'codex':
      return wireCodex(target, userArgs);
    case 'gemini':
      return wireGemini(target, userArgs, env, platform);
    case 'opencode':
      return wireOpencode(target, userArgs, env);
  }
}

/** The client's environment: the user's, with the wiring's variables set or removed. */
export function clientEnv(base: NodeJS.ProcessEnv, wiring: Pick<Wiring, 'env'>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base };
  for (const [k, v] of Object.entries(wiring.env)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}
