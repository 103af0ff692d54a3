// The body of `accounts verify`, loaded only when the command runs.
import type { Command } from 'commander';
import { refreshAccessToken } from '../../auth/refresh-access-token.js';
import { GatewayError } from '../../canonical/index.js';
import { readAccounts, updateAccounts } from '../../store/accounts-file.js';
import { loadRefreshToken } from '../../store/secret-store.js';
import type { AccountRecord, AccountState } from '../../store/types.js';
import { CliError } from '../cli-error.js';
import type { CliIO } from '../context.js';
import { createOutput } from '../output.js';
import { cliConfig } from './accounts-shared.js';

interface Verdict {
  account: AccountRecord;
  /** The new state to record, when it changes. */
  state?: AccountState;
  reason?: string;
  ok: boolean;
  line: string;
}

export async function runVerify(cmd: Command, io: CliIO, opts: { json?: boolean } = {}): Promise<void> {
  const out = createOutput(io);
  const config = await cliConfig(io, cmd);
  const accounts = await readAccounts(config.home);
  if (accounts.length === 0) {
    if (opts.json) out.json([]);
    out.info('No accounts yet. Add one with `gateway accounts add`.');
    return;
  }
  const spinner = await out.spinner(`Checking ${accounts.length} account(s)`);
  const verdicts = await Promise.all(
    accounts.map(async (account): Promise<Verdict> => {
      let token: string | undefined;
      try {
        token = await loadRefreshToken({ home: config.home, secretStore: config.secretStore, warn: (l) => out.warn(l) }, account);
      } catch (e) {
        return { account, ok: false, line: `could not read its secret (${(e as Error).message})` };
      }
      if (!token) {
        const reason = 'Its refresh token is missing from the secret store; log in again.';
        return { account, ok: false, state: 'needs-login', reason, line: 'needs a new login (no stored secret)' };
      }
      try {
        await refreshAccessToken(config.endpoints, account.flavor, token);
      } catch (e) {
        if (e instanceof GatewayError && e.upstream?.code === 'invalid_grant') {
          const reason = 'Google refused the saved login (expired or revoked); log in again.';
          return { account, ok: false, state: 'needs-login', reason, line: 'needs a new login (token expired or revoked)' };
        }
        return { account, ok: false, line: `could not be checked (${(e as Error).message})` };
      }
      if (account.state === 'needs-login') {
        const state: AccountState = account.projectId ? 'active' : 'no-project';
        return { account, ok: true, state, line: 'ok again' };
      }
      return { account, ok: true, line: account.state === 'active' ? 'ok' : `token ok (state: ${account.state})` };
    }),
  );
  spinner.stop();
  const changes = verdicts.filter((v) => v.state !== undefined && v.state !== v.account.state);
  if (changes.length > 0) {
    await updateAccounts(config.home, (list) => {
      for (const v of changes) {
        const a = list.find((r) => r.id === v.account.id);
        if (!a) continue;
        a.state = v.state!;
        if (v.reason) a.stateReason = v.reason;
        else delete a.stateReason;
      }
    });
  }
  const c = out.color;
  if (opts.json) {
    out.json(
      verdicts.map((v) => ({
        id: v.account.id,
        email: v.account.email,
        flavor: v.account.flavor,
        ok: v.ok,
        state: v.state ?? v.account.state,
        result: v.line,
      })),
    );
  } else {
    for (const v of verdicts) out.out(`${v.ok ? c.green('✔') : c.red('✖')} ${v.account.email} (${v.account.flavor}): ${v.line}`);
  }
  const failed = verdicts.filter((v) => !v.ok).length;
  if (failed > 0) {
    throw new CliError(
      `${failed} of ${verdicts.length} account(s) failed the check.`,
      1,
      'Log each one marked "needs a new login" in again with `gateway accounts add`.',
    );
  }
}
