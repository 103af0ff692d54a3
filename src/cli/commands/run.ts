// `gateway run <client> [-- args]`: starts Claude Code, Codex, gemini-cli or opencode with the
// gateway wired in for that one process (environment and flags only; no file is changed).
import type { Command } from 'commander';
import type { CliIO } from '../context.js';

export interface RunOptions {
  start: boolean;
}

/**
 * The client's own arguments, exactly as typed after its name: commander would otherwise take
 * options it knows (`--debug`, `-v`) out of them.
 */
function clientArgs(cmd: Command, client: string, parsed: string[]): string[] {
  const raw = (cmd.parent as unknown as { rawArgs?: string[] } | null)?.rawArgs;
  if (!raw) return parsed;
  const at = raw.indexOf(client, raw.indexOf('run') + 1);
  if (at === -1) return parsed;
  const rest = raw.slice(at + 1);
  return rest[0] === '--' ? rest.slice(1) : rest;
}

export function register(program: Command, io: CliIO): void {
  program
    .command('run')
    .description('start a client wired to the gateway for that process only (claude, codex, gemini, opencode)')
    .argument('<client>', 'claude, codex, gemini or opencode')
    .argument('[args...]', "the client's own arguments (put them after -- when they look like gateway options)")
    .option('--no-start', 'fail instead of starting a gateway in the background when none runs')
    .allowUnknownOption()
    .addHelpText(
      'after',
      `
The client gets the gateway's address, the API key when one is set, and the pool's models for its
model slots, through environment variables and flags only; no file is changed (\`gateway setup\` does
that). When no gateway answers on the configured port, one is started in the background (its log
is gateway.log in the gateway home) and keeps running after the client exits. The exit code is the
client's.

Examples:
  $ gateway run claude
  $ gateway run codex -- exec "explain this repository"
  $ gateway run gemini -- -p "hello"
  $ gateway run opencode
`,
    )
    .action(async (client: string, args: string[], opts: RunOptions, cmd: Command) => {
      const { runRun } = await import('./run-run.js');
      await runRun(client, clientArgs(cmd, client, args), opts, cmd, io);
    });
}
