// The work of `gateway setup`, loaded only when the command runs.
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { createTwoFilesPatch } from 'diff';
import { chooseModels } from '../../clients/choose-models.js';
import { fetchCatalog, probeGateway } from '../../clients/reach-gateway.js';
import { applyChanges, undoChanges } from '../../clients/setup/apply.js';
import { claudeSettingsPath, planClaudeCode } from '../../clients/setup/claude-code.js';
import { codexHome, planCodex } from '../../clients/setup/codex.js';
import { planGeminiCli } from '../../clients/setup/gemini-cli.js';
import { opencodeConfigPath, planOpencode } from '../../clients/setup/opencode.js';
import { pasteFor } from '../../clients/setup/paste.js';
import { SetupError, type SetupContext, type SetupPlan } from '../../clients/setup/types.js';
import { PROVIDER_ID } from '../../clients/wire-client.js';
import { ensureWritableHome } from '../../config/check-home.js';
import { loadConfig } from '../../config/load-config.js';
import type { Config } from '../../config/schema.js';
import { urlFor } from '../../server/url-for.js';
import { readTextIfExists } from '../../util/read-text-if-exists.js';
import { readAccounts } from '../../store/accounts-file.js';
import { maskKey, readStoredApiKey } from '../../store/stored-api-key.js';
import { defaultModelsOf } from '../../google/flavor-info.js';
import { DEFAULT_FLAVOR } from '../../google/flavors.js';
import { CliError } from '../cli-error.js';
import { configFlags } from '../config-flags.js';
import type { CliIO } from '../context.js';
import { createOutput, type Output } from '../output.js';
import type { SetupOptions } from './setup.js';

const FILE_CLIENTS = ['claude-code', 'codex', 'gemini-cli', 'opencode'] as const;
const PASTE_CLIENTS = ['cline', 'roo', 'continue', 'cursor'] as const;
type SetupClient = (typeof FILE_CLIENTS)[number] | (typeof PASTE_CLIENTS)[number];

const NAMES: Readonly<Record<string, SetupClient>> = {
  claude: 'claude-code',
  'claude-code': 'claude-code',
  codex: 'codex',
  gemini: 'gemini-cli',
  'gemini-cli': 'gemini-cli',
  opencode: 'opencode',
  cline: 'cline',
  roo: 'roo',
  'roo-code': 'roo',
  continue: 'continue',
  cursor: 'cursor',
};

/** The models to write: what a running gateway serves, else what the pool's accounts would serve. */
async function catalogFor(config: Readonly<Config>, url: string, apiKey: string | undefined): Promise<Set<string>> {
  if ((await probeGateway(url, apiKey)).state === 'up') {
    const served = await fetchCatalog(url, apiKey);
    if (served.size > 0) return served;
  }
  const accounts = await readAccounts(config.home).catch(() => []);
  const flavors = new Set(accounts.map((a) => a.flavor));
  if (flavors.size === 0) flavors.add(DEFAULT_FLAVOR);
  return new Set([...flavors].flatMap(defaultModelsOf));
}

async function plan(client: (typeof FILE_CLIENTS)[number], ctx: SetupContext): Promise<SetupPlan> {
  switch (client) {
    case 'claude-code':
      return planClaudeCode(ctx, await readTextIfExists(claudeSettingsPath(ctx)));
    case 'codex': {
      const home = codexHome(ctx);
      return planCodex(ctx, await readTextIfExists(join(home, 'config.toml')), await readTextIfExists(join(home, `${PROVIDER_ID}.config.toml`)));
    }
    case 'gemini-cli': {
      const dir = join(ctx.userHome, '.gemini');
      return planGeminiCli(ctx, await readTextIfExists(join(dir, 'settings.json')), await readTextIfExists(join(dir, '.env')));
    }
    case 'opencode':
      return planOpencode(ctx, await readTextIfExists(opencodeConfigPath(ctx)));
  }
}

function printDiff(out: Output, plan: SetupPlan, hide: string | undefined): number {
  const c = out.color;
  let changed = 0;
  for (const ch of plan.changes) {
    if (ch.before === ch.after) continue;
    changed++;
    const mask = (t: string): string => (hide ? t.split(hide).join(maskKey(hide)) : t);
    const patch = createTwoFilesPatch(ch.path, ch.path, mask(ch.before ?? ''), mask(ch.after), ch.before === undefined ? '(new file)' : 'now', 'after setup');
    for (const line of patch.split('\n').slice(1)) {
      if (line.startsWith('+') && !line.startsWith('+++')) out.out(c.green(line));
      else if (line.startsWith('-') && !line.startsWith('---')) out.out(c.red(line));
      else if (line.startsWith('@@')) out.out(c.cyan(line));
      else out.out(line);
    }
  }
  return changed;
}

export async function runSetup(name: string, opts: SetupOptions, cmd: Command, io: CliIO): Promise<void> {
  const client = NAMES[name.toLowerCase()];
  if (!client) {
    throw new CliError(`Unknown client "${name}".`, 2, `Use one of: ${[...FILE_CLIENTS, ...PASTE_CLIENTS].join(', ')}.`);
  }
  if (opts.write && opts.undo) throw new CliError('--write and --undo do not go together.', 2);
  const out = createOutput(io);
  const c = out.color;
  const config = await loadConfig(io.env, configFlags(cmd), { warn: (l) => out.warn(l) });

  if (opts.undo) {
    const undone = await undoChanges(config.home, client);
    if (!undone) {
      out.info(`Nothing to undo: \`gateway setup ${client} --write\` has not changed anything (or was undone already).`);
      return;
    }
    for (const u of undone) {
      out.out(`${c.green('✔')} ${u.action === 'restored' ? 'Restored' : 'Removed'} ${u.path}`);
      if (u.keptEdits) out.warn(`${u.path} had changed since gateway wrote it; that version is kept as ${u.keptEdits}.`);
    }
    return;
  }

  if (config.port === 0) throw new CliError('The configured port is 0, so there is no fixed address to write.', 2, 'Set GATEWAY_PORT (or "port" in config.json).');
  const baseUrl = urlFor(config.host, config.port);
  const apiKey = config.apiKey ?? (await readStoredApiKey({ home: config.home, secretStore: config.secretStore }));
  const catalog = await catalogFor(config, baseUrl, apiKey);
  const ctx: SetupContext = {
    baseUrl,
    ...(apiKey ? { apiKey } : {}),
    models: chooseModels(config.aliases, catalog),
    catalog: [...catalog].sort(),
    env: io.env,
    userHome: io.env.HOME || io.env.USERPROFILE || homedir(),
    platform: process.platform,
  };

  if ((PASTE_CLIENTS as readonly string[]).includes(client)) {
    const paste = pasteFor(client as (typeof PASTE_CLIENTS)[number], ctx, apiKey ? '<your GATEWAY_API_KEY>' : '');
    out.out(c.bold(paste.where));
    const width = Math.max(0, ...paste.fields.map(([k]) => k.length));
    for (const [k, v] of paste.fields) out.out(`  ${k.padEnd(width)}  ${v}`);
    if (paste.block) out.out(paste.block);
    if (opts.write) out.info(`Nothing to write for ${client}: it keeps these settings in its own UI.`);
    return;
  }

  let p: SetupPlan;
  try {
    p = await plan(client as (typeof FILE_CLIENTS)[number], ctx);
  } catch (e) {
    if (e instanceof SetupError) throw new CliError(e.message, 1, e.hint);
    throw e;
  }
  for (const w of p.warnings) out.warn(w);
  if (!opts.write) {
    const changed = printDiff(out, p, apiKey);
    if (changed === 0) {
      out.info(`${client} already points at the gateway on ${baseUrl}; nothing to change.`);
      return;
    }
    out.info(`\nDry run: nothing was written. Apply it with \`gateway setup ${client} --write\` (a backup of each file is kept; \`--undo\` restores them).`);
    return;
  }
  await ensureWritableHome(config.home);
  const written = await applyChanges(config.home, client, p.changes);
  if (written.length === 0) {
    out.info(`${client} already points at the gateway on ${baseUrl}; nothing to change.`);
    return;
  }
  for (const w of written) out.out(`${c.green('✔')} Wrote ${w.path}${w.backup ? ` (backup: ${w.backup})` : ' (new file)'}`);
  for (const n of p.next) out.out(n);
  out.out(`Take it back with \`gateway setup ${client} --undo\`.`);
}
