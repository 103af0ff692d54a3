// The body of `accounts add`, loaded only when the command runs.
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { describeLogin } from '../../upstreams/code-assist/describe-login.js';
import { LoginError } from '../../auth/login-error.js';
import { loginWithLoopback } from '../../auth/loopback-login.js';
import type { LoginTokens } from '../../auth/oauth-client.js';
import { loginWithPaste } from '../../auth/paste-login.js';
import { refreshAccessToken } from '../../auth/refresh-access-token.js';
import { GatewayError } from '../../canonical/index.js';
import { ensureWritableHome } from '../../config/check-home.js';
import type { Config } from '../../config/schema.js';
import { readAccounts } from '../../store/accounts-file.js';
import { saveAccount, type AccountFields } from '../../store/save-account.js';
import type { Flavor } from '../../google/flavors.js';
import { CliError } from '../cli-error.js';
import { describeStatus } from '../describe-status.js';
import { openInBrowser } from '../open-in-browser.js';
import type { CliIO } from '../context.js';
import { createOutput, type Output, type Spinner } from '../output.js';
import type { AddOptions } from './accounts-add.js';
import { cliConfig, cliSecretStore, describeBackend, parseFlavor } from './accounts-shared.js';

function readLine(io: CliIO): Promise<string> {
  const input = io.stdin ?? process.stdin;
  return new Promise((resolve, reject) => {
    const rl = createInterface({ input, terminal: false });
    let done = false;
    rl.once('line', (line) => {
      done = true;
      rl.close();
      resolve(line);
    });
    rl.once('close', () => {
      if (!done) reject(new LoginError('Input ended before a code was pasted.', 'Run again and paste the code or the whole address.'));
    });
  });
}

/** A refresh token the user brought: prove it works before anything is stored. */
export async function tokensFromRefreshToken(config: Readonly<Config>, flavor: Flavor, refreshToken: string): Promise<LoginTokens> {
  try {
    const { token } = await refreshAccessToken(config.endpoints, flavor, refreshToken.trim());
    return { accessToken: token, refreshToken: refreshToken.trim() };
  } catch (e) {
    if (e instanceof GatewayError && e.upstream?.code === 'invalid_grant') {
      throw new CliError(
        `Google refused this refresh token (expired or revoked); nothing was saved.`,
        1,
        `Check it belongs to the ${flavor} client (--flavor), or log in with \`gateway accounts add\`.`,
      );
    }
    throw e;
  }
}

async function interactiveLogin(opts: AddOptions, config: Readonly<Config>, flavor: Flavor, io: CliIO, out: Output): Promise<LoginTokens> {
  if (!opts.browser) {
    return loginWithPaste({
      flavor,
      endpoints: config.endpoints,
      ...(opts.port ? { port: opts.port } : {}),
      ask: async (url) => {
        out.info('Open this URL in a browser on any machine and allow access:');
        out.info(`\n  ${url}\n`);
        out.info('The browser then fails to load a 127.0.0.1 page; that is expected.');
        out.info('Paste the whole address from its address bar (or just the code) and press Enter:');
        return readLine(io);
      },
    });
  }
  let spinner: Spinner | undefined;
  try {
    return await loginWithLoopback({
      flavor,
      endpoints: config.endpoints,
      ...(opts.port ? { port: opts.port } : {}),
      timeoutMs: opts.timeout * 1000,
      onAuthUrl: (url) => {
        out.info('Opening your browser to sign in. If it does not open, visit:');
        out.info(`\n  ${url}\n`);
      },
      openUrl: async (url) => {
        spinner = await out.spinner('Waiting for you to sign in in the browser (Ctrl-C to cancel)');
        await openInBrowser(config, url);
      },
    });
  } finally {
    spinner?.stop();
  }
}

export async function runAdd(opts: AddOptions, cmd: Command, io: CliIO): Promise<void> {
  const out = createOutput(io);
  const flavor = parseFlavor(opts.flavor);
  if (opts.refreshToken !== undefined && opts.refreshToken.trim() === '') {
    throw new CliError('--refresh-token is empty.', 2, 'Pass the token (`--refresh-token "1//0g..."`), or leave the flag out to log in in the browser.');
  }
  const config = await cliConfig(io, cmd);
  // Before the login, so an unusable home, a corrupt accounts file or a missing keychain is found
  // before the user clicks through Google.
  await ensureWritableHome(config.home);
  await readAccounts(config.home);
  const store = await cliSecretStore(config, out);
  const tokens = opts.refreshToken !== undefined
    ? await tokensFromRefreshToken(config, flavor, opts.refreshToken)
    : await interactiveLogin(opts, config, flavor, io, out);
  const spinner = await out.spinner('Reading the account');
  let saved;
  try {
    const fields = await describeLogin({ config, flavor, accessToken: tokens.accessToken, onProgress: (t) => spinner.update(t) });
    refuseUnserved(fields, flavor);
    saved = await saveAccount(config.home, store, fields, tokens.refreshToken);
  } finally {
    spinner.stop();
  }
  const { record, created } = saved;
  const c = out.color;
  const what = [flavor, record.tier ? `tier ${record.tier}` : undefined, record.projectId ? `project ${record.projectId}` : undefined]
    .filter(Boolean)
    .join(', ');
  out.out(`${c.green('✔')} ${created ? 'Added' : 'Updated'} ${c.bold(record.email)} (${what}); secret in ${describeBackend(record.secretBackend)}.`);
  if (record.state !== 'active') {
    out.warn(`${record.email} is saved but not usable yet: ${record.stateReason ?? record.state}`);
    // The link and what to do next, without repeating the reason.
    for (const line of describeStatus(record, out.errColor).split('\n').slice(1)) out.info(line.trim());
  }
}

/**
 * An account Google will never serve this way (gemini-cli's client closed to individuals, a
 * ban) is not saved: the user learns why, and what to do instead, before anything is stored.
 */
export function refuseUnserved(fields: AccountFields, flavor: Flavor): void {
  if (fields.state === 'unsupported-client') {
    throw new CliError(`Google will not serve ${fields.email} with the ${flavor} client (UNSUPPORTED_CLIENT); nothing was saved. ${fields.stateReason ?? ''}`.trim(), 1);
  }
  if (fields.state === 'banned') {
    throw new CliError(`Google has disabled ${fields.email}: ${fields.stateReason ?? 'account disabled'}; nothing was saved.`, 1, 'Use another account.');
  }
}
