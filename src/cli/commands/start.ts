// `gateway start`: runs the server in the foreground until Ctrl-C / SIGTERM.
import { Option, type Command } from 'commander';
import { STRATEGIES } from '../../config/strategies.js';
import type { CliIO } from '../context.js';
import { listenPort } from '../number-options.js';

export interface StartOptions {
  port?: number;
  host?: string;
  strategy?: string;
  apiKey?: string;
  tunnel?: boolean;
  newKey?: boolean;
}

export function register(program: Command, io: CliIO): void {
  program
    .command('start')
    .description('run the gateway server in the foreground (Ctrl-C stops it)')
    .option('--port <port>', 'port to listen on (default 8080, or GATEWAY_PORT)', listenPort)
    .option('--host <host>', 'address to listen on (default 127.0.0.1, or GATEWAY_HOST)')
    // A choice list makes a wrong value a usage error (exit 2) like every other bad flag.
    .addOption(new Option('--strategy <strategy>', 'how to pick an account (default quota, or config.json "strategy")').choices(STRATEGIES))
    .option('--api-key <key>', 'require this key from clients (or GATEWAY_API_KEY)')
    .option('--tunnel', 'also open a public HTTPS URL through cloudflared, for Cursor (needs an API key: one is made if none is set)')
    .option('--new-key', 'with --tunnel: make a new API key instead of reusing the stored one')
    .addHelpText(
      'after',
      `
With --tunnel, a quick tunnel on trycloudflare.com is opened (a named one when "tunnelName" and
"tunnelHostname" are set in config.json, or GATEWAY_TUNNEL_NAME / GATEWAY_TUNNEL_HOSTNAME), the
gateway requires the API key (GATEWAY_API_KEY, --api-key, or one made and kept in the secret
store), and what to paste into Cursor is printed. The tunnel closes when the gateway stops.
config.json changes to "aliases", "strategy" and "corsOrigins" apply without a restart.

Examples:
  $ gateway start
  $ gateway start --port 9000 --strategy round-robin
  $ GATEWAY_API_KEY=secret gateway start --host 0.0.0.0
  $ gateway start --tunnel
  $ GATEWAY_ANTIGRAVITY_VERSION=2.10.0 gateway start   # when Google refuses the version claimed

The Antigravity version claimed to Google: GATEWAY_ANTIGRAVITY_VERSION pins it; otherwise Antigravity's
updater feed (GATEWAY_ANTIGRAVITY_VERSION_URL), a local install (GATEWAY_ANTIGRAVITY_APP_PATHS) or a
built-in floor. Output caps: GATEWAY_GEMINI_MAX_OUTPUT_TOKENS (16384), GATEWAY_CLAUDE_MAX_OUTPUT_TOKENS (64000).

Limits (environment, or the config.json key in parentheses):
  GATEWAY_BODY_MEMORY_BYTES (bodyMemoryBytes)    request bodies held at once, default 256 MiB; then 503
  GATEWAY_REQUEST_BUDGET_MS (requestBudgetMs)    wait for an answer to begin, all attempts, default 90000
  GATEWAY_KEEPALIVE_DELAY_MS (keepAliveDelayMs)  a slow stream gets headers and keep-alives after, default 2500
  GATEWAY_DRAIN_MS (drainMs)                     on Ctrl-C / SIGTERM, time open streams get to finish, default 5000
`,
    )
    .action(async (opts: StartOptions, cmd: Command) => {
      const { runStart } = await import('./start-run.js');
      await runStart(opts, cmd, io);
    });
}
