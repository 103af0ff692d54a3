// `gateway setup <client>`: writes a client's own config so it always uses the gateway (dry run
// with a diff by default, --write with a backup, --undo to take it back).
import type { Command } from 'commander';
import type { CliIO } from '../context.js';

export interface SetupOptions {
  write?: boolean;
  undo?: boolean;
}

export function register(program: Command, io: CliIO): void {
  program
    .command('setup')
    .description("point a client's own config at the gateway (shows the diff; --write applies it)")
    .argument('[client]', 'claude-code, codex, gemini-cli, opencode, cline, roo, continue or cursor')
    .option('--write', 'apply the change (a timestamped backup of each file is kept beside it)')
    .option('--undo', 'put the files back as they were before `gateway setup --write`')
    .addHelpText(
      'after',
      `
Files changed (only the keys gateway sets; comments and the rest kept):
  claude-code  ~/.claude/settings.json: env ANTHROPIC_BASE_URL, ANTHROPIC_AUTH_TOKEN, model slots
  codex        ~/.codex/config.toml: [model_providers.gateway]; ~/.codex/gateway.config.toml: the profile
  gemini-cli   ~/.gemini/settings.json: auth type, model; ~/.gemini/.env: base URL and key
  opencode     ~/.config/opencode/opencode.json: provider "gateway" (and the model, if none is set)
  cline, roo, continue, cursor: nothing is written; the values to paste are printed
The API key is written when one is set (GATEWAY_API_KEY, config.json, or the tunnel's).
HOME, CLAUDE_CONFIG_DIR, CODEX_HOME and XDG_CONFIG_HOME are honoured.

Examples:
  $ gateway setup claude-code
  $ gateway setup codex --write
  $ gateway setup codex --undo
`,
    )
    .action(async (client: string | undefined, opts: SetupOptions, cmd: Command) => {
      if (client === undefined) {
        cmd.outputHelp();
        return;
      }
      const { runSetup } = await import('./setup-run.js');
      await runSetup(client, opts, cmd, io);
    });
}
