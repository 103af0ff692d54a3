// Codex: a [model_providers.gateway] table in $CODEX_HOME/config.toml (our own marked block, so
// the user's comments and layout stay as they are) and a profile file, gateway.config.toml, that
// selects it: `codex --profile gateway`. Codex 0.134 and later read profiles from such files.
import { join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { PROVIDER_ID, tomlString as toml } from '../wire-client.js';
import { blockOf, putBlock, withoutBlock } from './marked-block.js';
import { SetupError, type SetupContext, type SetupPlan } from './types.js';

export const codexHome = (ctx: Pick<SetupContext, 'env' | 'userHome'>): string => ctx.env.CODEX_HOME || join(ctx.userHome, '.codex');

function parses(text: string, path: string): Record<string, unknown> {
  try {
    return parseToml(text);
  } catch (e) {
    throw new SetupError(`${path} is not valid TOML (${(e as Error).message.split('\n')[0]}); it was left as it is.`, 'Fix it, then run this again.');
  }
}

export function planCodex(ctx: SetupContext, configBefore: string | undefined, profileBefore: string | undefined): SetupPlan {
  const home = codexHome(ctx);
  const configPath = join(home, 'config.toml');
  const profilePath = join(home, `${PROVIDER_ID}.config.toml`);
  const text = configBefore ?? '';
  const outside = parses(withoutBlock(text), configPath);
  const providers = outside.model_providers as Record<string, unknown> | undefined;
  if (providers?.[PROVIDER_ID] !== undefined) {
    throw new SetupError(
      `${configPath} already defines [model_providers.${PROVIDER_ID}] outside the block gateway writes.`,
      'Remove or rename that table, then run this again.',
    );
  }
  const table = [
    `[model_providers.${PROVIDER_ID}]`,
    `name = ${toml('gateway')}`,
    `base_url = ${toml(`${ctx.baseUrl}/v1`)}`,
    `wire_api = ${toml('responses')}`,
    ...(ctx.apiKey ? [`env_key = ${toml('GATEWAY_API_KEY')}`] : []),
  ].join('\n');
  const after = putBlock(text, table, 'gateway setup codex');
  // The result must still be one valid TOML document with the provider in it (an inline
  // `model_providers = { ... }` cannot take another table, for one).
  let placed: boolean;
  try {
    placed = blockOf(after) !== undefined && (parseToml(after).model_providers as Record<string, unknown> | undefined)?.[PROVIDER_ID] !== undefined;
  } catch {
    placed = false;
  }
  if (!placed) {
    throw new SetupError(
      `Could not add [model_providers.${PROVIDER_ID}] to ${configPath} without breaking it (is model_providers an inline table?); it was left as it is.`,
      'Write model_providers as [model_providers.<id>] tables instead, then run this again (or use `gateway run codex`, which changes no file).',
    );
  }
  const model = ctx.models.main;
  const profile = [
    '# Written by `gateway setup codex`: `codex --profile gateway` sends Codex through the gateway.',
    `model_provider = ${toml(PROVIDER_ID)}`,
    ...(model ? [`model = ${toml(model)}`] : []),
    '',
  ].join('\n');
  parses(profile, profilePath);
  return {
    changes: [
      { path: configPath, before: configBefore, after },
      { path: profilePath, before: profileBefore, after: profile },
    ],
    next: [
      'Start Codex with `codex --profile gateway` (or `gateway run codex`).',
      ...(ctx.apiKey ? ['Codex reads the key from GATEWAY_API_KEY: export it in the shell you start Codex from.'] : []),
    ],
    warnings: [],
  };
}
