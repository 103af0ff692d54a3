// `gateway accounts import`: adopt logins from gemini-cli and antigravity-claude-proxy.
import type { Command } from 'commander';
import type { CliIO } from '../context.js';

export interface ImportOptions {
  geminiCreds?: string;
  antigravityProxy?: string;
  json?: boolean;
}

export function register(accounts: Command, io: CliIO): void {
  accounts
    .command('import')
    .description("adopt the logins of gemini-cli (~/.gemini/oauth_creds.json) and antigravity-claude-proxy")
    .option('--gemini-creds <path>', "gemini-cli's credentials file (default: ~/.gemini/oauth_creds.json)")
    .option('--antigravity-proxy <path>', "antigravity-claude-proxy's accounts file (default: ~/.config/antigravity-proxy/accounts.json)")
    .option('--json', 'print what was imported and skipped as JSON')
    .addHelpText(
      'after',
      '\nA file named with --gemini-creds or --antigravity-proxy must exist; the default places may be empty.\n\nExamples:\n  $ gateway accounts import\n  $ gateway accounts import --gemini-creds ./oauth_creds.json\n',
    )
    .action(async (opts: ImportOptions, cmd: Command) => {
      const { runImport } = await import('./accounts-import-run.js');
      await runImport(opts, cmd, io);
    });
}
