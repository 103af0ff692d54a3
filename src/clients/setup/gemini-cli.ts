// gemini-cli: the API-key auth type and the model in ~/.gemini/settings.json, the base URL and key
// in ~/.gemini/.env (our marked block; gemini-cli reads that file at start).
import { join } from 'node:path';
import { NO_KEY_TOKEN } from '../wire-client.js';
import { setJsonValues } from './json-edit.js';
import { putBlock, withoutBlock } from './marked-block.js';
import { SetupError, type SetupContext, type SetupPlan } from './types.js';

const OWNED = ['GOOGLE_GEMINI_BASE_URL', 'GEMINI_API_KEY'];

export function planGeminiCli(ctx: SetupContext, settingsBefore: string | undefined, envBefore: string | undefined): SetupPlan {
  const dir = join(ctx.userHome, '.gemini');
  const settingsPath = join(dir, 'settings.json');
  const envPath = join(dir, '.env');
  const values: Array<[string[], unknown]> = [[['security', 'auth', 'selectedType'], 'gemini-api-key']];
  if (ctx.models.gemini) values.push([['model', 'name'], ctx.models.gemini]);
  const envText = envBefore ?? '';
  // A second definition outside our block would be read instead of ours (or as well): say where.
  const lines = withoutBlock(envText).split(/\r?\n/);
  for (const [i, line] of lines.entries()) {
    const name = /^\s*(?:export\s+)?([A-Z_][A-Z0-9_]*)\s*=/.exec(line)?.[1];
    if (name && OWNED.includes(name)) {
      throw new SetupError(`${envPath} already sets ${name} (line ${i + 1}).`, 'Remove or comment out that line, then run this again.');
    }
  }
  const body = [`GOOGLE_GEMINI_BASE_URL=${ctx.baseUrl}`, `GEMINI_API_KEY=${ctx.apiKey ?? NO_KEY_TOKEN}`].join('\n');
  return {
    changes: [
      { path: settingsPath, before: settingsBefore, after: setJsonValues(settingsBefore ?? '', settingsPath, values) },
      { path: envPath, before: envBefore, after: putBlock(envText, body, 'gateway setup gemini-cli') },
    ],
    next: ['Start gemini-cli as usual (`gemini`); it now signs in with the gateway key instead of a Google login.'],
    warnings: [],
  };
}
