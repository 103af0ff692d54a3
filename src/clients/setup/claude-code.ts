// Claude Code: the `env` block of ~/.claude/settings.json (CLAUDE_CONFIG_DIR moves the folder).
import { join } from 'node:path';
import { NO_KEY_TOKEN } from '../wire-client.js';
import { readJsonc, setJsonValues } from './json-edit.js';
import type { SetupContext, SetupPlan } from './types.js';

export const claudeSettingsPath = (ctx: Pick<SetupContext, 'env' | 'userHome'>): string =>
  join(ctx.env.CLAUDE_CONFIG_DIR || join(ctx.userHome, '.claude'), 'settings.json');

export function planClaudeCode(ctx: SetupContext, before: string | undefined): SetupPlan {
  const path = claudeSettingsPath(ctx);
  const { opus, sonnet, haiku } = ctx.models;
  const values: Array<[string[], unknown]> = [
    [['env', 'ANTHROPIC_BASE_URL'], ctx.baseUrl],
    [['env', 'ANTHROPIC_AUTH_TOKEN'], ctx.apiKey ?? NO_KEY_TOKEN],
  ];
  if (opus) values.push([['env', 'ANTHROPIC_DEFAULT_OPUS_MODEL'], opus]);
  if (sonnet) values.push([['env', 'ANTHROPIC_DEFAULT_SONNET_MODEL'], sonnet]);
  if (haiku) values.push([['env', 'ANTHROPIC_DEFAULT_HAIKU_MODEL'], haiku]);
  const text = before ?? '';
  const current = readJsonc(text, path);
  const env = (current.env ?? {}) as Record<string, unknown>;
  const warnings: string[] = [];
  if (typeof env.ANTHROPIC_API_KEY === 'string') {
    warnings.push(`${path} also sets ANTHROPIC_API_KEY, which Claude Code sends instead of the gateway's token; remove it if requests are refused.`);
  }
  return {
    changes: [{ path, before, after: setJsonValues(text, path, values) }],
    next: ['Start Claude Code as usual (`claude`); /status shows the gateway as its base URL.'],
    warnings,
  };
}
