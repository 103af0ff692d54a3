// The CLI's entry: builds the commander program, runs it, and turns every failure into one line
// and an exit code (0 ok, 1 failure, 2 usage). Command modules load their heavy parts lazily.
import { createRequire } from 'node:module';
import { Command, CommanderError } from 'commander';
import { CliError } from './cli-error.js';
import type { CliIO } from './context.js';
import { colorLevel } from './color-level.js';
import { register as registerAccountsAdd } from './commands/accounts-add.js';
import { register as registerAccountsList } from './commands/accounts-list.js';
import { register as registerAccountsRemove } from './commands/accounts-remove.js';
import { register as registerAccountsVerify } from './commands/accounts-verify.js';
import { register as registerAccountsImport } from './commands/accounts-import.js';
import { register as registerStart } from './commands/start.js';
import { register as registerLimits } from './commands/limits.js';
import { register as registerModels } from './commands/models.js';
import { register as registerStatus } from './commands/status.js';
import { register as registerUsage } from './commands/usage.js';
import { register as registerDoctor } from './commands/doctor.js';
import { register as registerUi } from './commands/ui.js';
import { register as registerRun } from './commands/run.js';
import { register as registerSetup } from './commands/setup.js';
import { register as registerConfig } from './commands/config.js';
import { ExitCode } from './exit-code.js';

// From dist/cli/main.js and src/cli/main.ts alike, the package root is two folders up.
const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

/** Errors from our own layers that already say what to do: shown as they are. */
const KNOWN_ERRORS = new Set(['LoginError', 'AccountsFileError', 'GatewayError', 'ConfigError', 'SecretStoreError', 'LockTimeoutError', 'ListenError']);

function buildProgram(io: CliIO): Command {
  const program = new Command('gateway')
    .description('A local AI gateway backed by a pool of your own Google accounts.')
    .version(version, '-v, --version', 'print the version (-V too)')
    .option('--debug', 'show stack traces and debug logs')
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (s) => void io.stdout.write(s),
      writeErr: (s) => void io.stderr.write(s),
      // Plain ANSI rather than chalk: chalk would cost every start, even `--version`.
      // Commander's usage errors say what is wrong; the hint says what to do next, on the same line.
      outputError: (s, write) => {
        const [first = '', ...rest] = s.replace(/\n$/, '').split('\n');
        // A suggestion ("(Did you mean --port?)") is the better hint; either way it stays one line.
        const text = rest.length > 0 ? [first, ...rest].join(' ') : `${first} (see --help)`;
        write(colorLevel(io.env, io.stderr) ? `\u001b[31m${text}\u001b[39m\n` : `${text}\n`);
      },
    });
  program.addHelpText('after', '\nExample:\n  $ gateway accounts add\n  $ gateway start --port 8080\n');

  const accounts = program
    .command('accounts')
    .description('add, list, remove and check the Google accounts of the pool')
    .addHelpText('after', '\nExample:\n  $ gateway accounts list\n');
  registerAccountsAdd(accounts, io);
  registerAccountsList(accounts, io);
  registerAccountsRemove(accounts, io);
  registerAccountsVerify(accounts, io);
  registerAccountsImport(accounts, io);

  registerStart(program, io);
  registerLimits(program, io);
  registerModels(program, io);
  registerStatus(program, io);
  registerUsage(program, io);
  registerDoctor(program, io);
  registerUi(program, io);
  registerRun(program, io);
  registerSetup(program, io);
  registerConfig(program, io);

  // Sub-commands inherit the error handling and output of the program.
  const inherit = (cmd: Command): void => {
    for (const sub of cmd.commands) {
      sub.copyInheritedSettings(cmd);
      inherit(sub);
    }
  };
  inherit(program);
  return program;
}

async function report(e: unknown, io: CliIO, debug: boolean): Promise<number> {
  const { createOutput } = await import('./output.js');
  const out = createOutput(io);
  if (e instanceof CliError) {
    out.error(e.message, e.hint);
  } else if (e instanceof Error && KNOWN_ERRORS.has(e.name)) {
    const hint = (e as { hint?: unknown }).hint;
    out.error(e.message, typeof hint === 'string' ? hint : undefined);
  } else {
    out.error(`Unexpected error: ${e instanceof Error ? e.message : String(e)}`, debug ? undefined : 'Run again with --debug for details.');
  }
  if (debug && e instanceof Error && e.stack) io.stderr.write(e.stack + '\n');
  return e instanceof CliError ? e.exitCode : 1;
}

/**
 * A bare group (`gateway`, `gateway accounts`) asks what there is: its help on stdout, exit 0
 * (commander would print it as an error). Returns the command to show, if that is the case.
 */
function bareGroup(program: Command, args: readonly string[]): Command | undefined {
  const rest = args.filter((a) => a !== '--debug');
  if (rest.length === 0) return program;
  if (rest.length !== 1) return undefined;
  const cmd = program.commands.find((c) => c.name() === rest[0] || c.aliases().includes(rest[0]!));
  return cmd && cmd.commands.length > 0 ? cmd : undefined;
}

/** Runs the CLI; argv as in process.argv (node, script, ...args). Resolves with the exit code. */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const program = buildProgram(io);
  // `-V` as well as `-v`: both are common for a version.
  const args = argv.slice(2).map((a, i) => (i === 0 && a === '-V' ? '--version' : a));
  const group = bareGroup(program, args);
  if (group) {
    group.outputHelp();
    return 0;
  }
  try {
    await program.parseAsync([...argv.slice(0, 2), ...args]);
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version end with exitCode 0; everything else commander raises is a usage error,
      // and it has printed its message already.
      return e.exitCode === 0 ? 0 : 2;
    }
    if (e instanceof ExitCode) return e.code;
    const debug = program.opts<{ debug?: boolean }>().debug === true || argv.includes('--debug');
    return await report(e, io, debug);
  }
}
