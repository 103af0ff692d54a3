// The body of `accounts verify`, loaded only when the command runs: each account's login is
// refreshed and Google asked again (loadCodeAssist, onboarding where needed) whether it serves
// the account. What Google says now replaces the mark: a verified account comes back, a
// Workspace account without a project gets one, a still-refused one keeps its link.
import type { Command } from 'commander';
import { describeLogin } from '../../upstreams/code-assist/describe-login.js';
import { refreshAccessToken } from '../../auth/refresh-access-token.js';
import { GatewayError } from '../../canonical/index.js';
import type { Config } from '../../config/schema.js';
import { statusOf } from '../../store/account-status.js';
import { readAccounts, updateAccounts } from '../../store/accounts-file.js';
import { loadRefreshToken } from '../../store/secret-store.js';
import type { AccountRecord } from '../../store/types.js';
import { CliError } from '../cli-error.js';
import type { CliIO } from '../context.js';
import { describeStatus } from '../describe-status.js';
import { createOutput, type Output } from '../output.js';
import { cliConfig } from './accounts-shared.js';

type StatusFields = Pick<AccountRecord, 'state' | 'stateReason' | 'stateLink' | 'stateSince' | 'projectId' | 'tier'>;

interface Verdict {
  account: AccountRecord;
  /** The fields to record, when Google's answer changes them. */
  update?: StatusFields;
  ok: boolean;
  line: string;
}

async function check(config: Readonly<Config>, out: Output, account: AccountRecord): Promise<Verdict> {
  let token: string | undefined;
  try {
    token = await loadRefreshToken({ home: config.home, secretStore: config.secretStore, warn: (l) => out.warn(l) }, account);
  } catch (e) {
    return { account, ok: false, line: `could not read its secret (${(e as Error).message})` };
  }
  const now = new Date().toISOString();
  if (!token) {
    const stateReason = 'Its refresh token is missing from the secret store; log in again.';
    return { account, ok: false, update: { state: 'needs-login', stateReason, stateSince: now }, line: 'needs a new login (no stored secret)' };
  }
  let accessToken: string;
  try {
    accessToken = (await refreshAccessToken(config.endpoints, account.flavor, token)).token;
  } catch (e) {
    if (e instanceof GatewayError && e.upstream?.code === 'invalid_grant') {
      const stateReason = 'Google refused the saved login (expired or revoked); log in again.';
      return { account, ok: false, update: { state: 'needs-login', stateReason, stateSince: now }, line: 'needs a new login (token expired or revoked)' };
    }
    return { account, ok: false, line: `could not be checked (${(e as Error).message})` };
  }
  let fields;
  try {
    fields = await describeLogin({ config, flavor: account.flavor, accessToken, email: account.email });
  } catch (e) {
    return { account, ok: false, line: `token ok, but Google could not be asked about the account (${(e as Error).message})` };
  }
  const update: StatusFields = {
    state: fields.state,
    ...(fields.stateReason ? { stateReason: fields.stateReason } : {}),
    ...(fields.stateLink ? { stateLink: fields.stateLink } : {}),
    // A state that did not change keeps the time it began.
    ...(fields.state !== 'active' ? { stateSince: fields.state === account.state ? (account.stateSince ?? now) : now } : {}),
    ...(fields.projectId ?? account.projectId ? { projectId: fields.projectId ?? account.projectId } : {}),
    ...(fields.tier ?? account.tier ? { tier: fields.tier ?? account.tier } : {}),
  };
  if (fields.state === 'active') {
    const line = account.state === 'active' ? 'ok' : `ok again (was ${account.state.replace('-', ' ')})`;
    return { account, ok: true, update, line };
  }
  return { account, ok: false, update, line: fields.state.replace('-', ' ') };
}

const changed = (a: AccountRecord, u: StatusFields): boolean =>
  JSON.stringify([statusOf(a), a.projectId, a.tier]) !== JSON.stringify([statusOf(u), u.projectId, u.tier]);

export async function runVerify(cmd: Command, io: CliIO, opts: { json?: boolean } = {}): Promise<void> {
  const out = createOutput(io);
  const config = await cliConfig(io, cmd);
  const accounts = await readAccounts(config.home);
  if (accounts.length === 0) {
    if (opts.json) out.json([]);
    out.info('No accounts yet. Add one with `gateway accounts add`.');
    return;
  }
  const spinner = await out.spinner(`Checking ${accounts.length} account(s) with Google`);
  let done = 0;
  const verdicts = await Promise.all(
    accounts.map(async (account) => {
      const v = await check(config, out, account);
      spinner.update(`Checked ${++done} of ${accounts.length} account(s)`);
      return v;
    }),
  );
  spinner.stop();
  const changes = verdicts.filter((v) => v.update !== undefined && changed(v.account, v.update));
  if (changes.length > 0) {
    await updateAccounts(config.home, (list) => {
      for (const v of changes) {
        const a = list.find((r) => r.id === v.account.id);
        if (!a) continue;
        for (const k of ['stateReason', 'stateLink', 'stateSince'] as const) delete a[k];
        Object.assign(a, v.update);
      }
    });
  }
  const c = out.color;
  if (opts.json) {
    out.json(
      verdicts.map((v) => {
        const now = v.update ? { ...v.account, ...v.update } : v.account;
        return {
          id: v.account.id,
          email: v.account.email,
          flavor: v.account.flavor,
          ok: v.ok,
          state: now.state,
          ...(now.stateReason ? { stateReason: now.stateReason } : {}),
          ...(now.stateLink ? { stateLink: now.stateLink } : {}),
          result: v.line,
        };
      }),
    );
  } else {
    for (const v of verdicts) {
      out.out(`${v.ok ? c.green('✔') : c.red('✖')} ${v.account.email} (${v.account.flavor}): ${v.line}`);
      const now = v.update ? { ...v.account, ...v.update } : v.account;
      if (!v.ok && v.update && now.state !== 'active') {
        for (const line of describeStatus(now, c).split('\n').slice(1)) out.out(line);
      }
    }
  }
  const failed = verdicts.filter((v) => !v.ok).length;
  if (failed > 0) {
    throw new CliError(`${failed} of ${verdicts.length} account(s) failed the check.`, 1, 'Each one above says what to do.');
  }
}
