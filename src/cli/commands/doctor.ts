// `gateway doctor`: what is wrong with this machine's way to Google, and what to do about it.
import type { Command } from 'commander';
import type { CliIO } from '../context.js';
import { portNumber, seconds } from '../number-options.js';

export interface DoctorOptions {
  probe?: boolean;
  json?: boolean;
  port?: number;
  host?: string;
  timeout: number;
}

export function register(program: Command, io: CliIO): void {
  program
    .command('doctor')
    .description('check the client identity, secrets, network, a running gateway and every account; say what needs you')
    .option('--probe', 'also send one tiny request per account (uses a little quota)')
    .option('--json', 'print the report as JSON')
    .option('--port <port>', 'port of a running gateway to ask for cooldowns (default: as `gateway start` would use)', portNumber)
    .option('--host <host>', 'host of a running gateway')
    .option('--timeout <seconds>', 'how long each network check may take', seconds, 5)
    .addHelpText(
      'after',
      [
        '',
        'Checks: the Antigravity version the gateway claims and where it came from (GATEWAY_ANTIGRAVITY_VERSION',
        "pins it), the updater feed's last answer, the OS keychain, HTTPS_PROXY / HTTP_PROXY, Google's endpoints",
        '(GATEWAY_OAUTH_TOKEN_URL, GATEWAY_USERINFO_URL, GATEWAY_CODE_ASSIST_ENDPOINT replace them), a gateway',
        'running on the port, and each account: needs login, needs verification (with the link), banned,',
        'unsupported client, no project, cooling down until when. It changes nothing; `gateway accounts verify`',
        'clears marks once Google serves an account again.',
        '',
        'Exit code: 0 when nothing needs you, 1 when something does.',
        '',
        'Examples:',
        '  $ gateway doctor',
        '  $ gateway doctor --probe',
        '  $ gateway doctor --json | jq ".accounts[] | {email, state, link}"',
        '',
      ].join('\n'),
    )
    .action(async (opts: DoctorOptions, cmd: Command) => {
      const { runDoctorCommand } = await import('./doctor-run.js');
      await runDoctorCommand(opts, cmd, io);
    });
}
