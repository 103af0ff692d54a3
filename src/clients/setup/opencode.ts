// opencode: a "gateway" provider in ~/.config/opencode/opencode.json (or .jsonc), and the default
// model when the user has not chosen one.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { NO_KEY_TOKEN, opencodeProvider, PROVIDER_ID } from '../wire-client.js';
import { readJsonc, setJsonValues } from './json-edit.js';
import type { SetupContext, SetupPlan } from './types.js';

export function opencodeConfigPath(ctx: Pick<SetupContext, 'env' | 'userHome'>): string {
  const dir = join(ctx.env.XDG_CONFIG_HOME || join(ctx.userHome, '.config'), 'opencode');
  const jsonc = join(dir, 'opencode.jsonc');
  return existsSync(jsonc) ? jsonc : join(dir, 'opencode.json');
}

export function planOpencode(ctx: SetupContext, before: string | undefined): SetupPlan {
  const path = opencodeConfigPath(ctx);
  const text = before ?? '';
  const current = readJsonc(text, path);
  const values: Array<[string[], unknown]> = [];
  if (before === undefined) values.push([['$schema'], 'https://opencode.ai/config.json']);
  values.push([['provider', PROVIDER_ID], opencodeProvider({ baseUrl: ctx.baseUrl, catalog: ctx.catalog }, ctx.apiKey ?? NO_KEY_TOKEN)]);
  const model = ctx.models.main;
  const next = ['Start opencode as usual; /models lists the gateway\'s models under "gateway".'];
  if (typeof current.model === 'string') next.push(`Your default model stays ${current.model}; pick gateway/… with /models to use the gateway.`);
  else if (model) values.push([['model'], `${PROVIDER_ID}/${model}`]);
  return { changes: [{ path, before, after: setJsonValues(text, path, values) }], next, warnings: [] };
}
