// The body of `accounts import`, loaded only when the command runs.
import type { Command } from 'commander';
import { describeLogin } from '../../upstreams/code-assist/describe-login.js';
import { defaultAntigravityProxyPath, defaultGeminiCredsPath, findExistingLogins } from '../../auth/find-existing-logins.js';
import { saveAccount } from '../../store/save-account.js';
import { CliError } from '../cli-error.js';
import type { CliIO } from '../context.js';
import { createOutput } from '../output.js';
import { refuseUnserved, tokensFromRefreshToken } from './accounts-add-run.js';
import type { ImportOptions } from './accounts-import.js';
import { ensureWritableHome } from '../../config/check-home.js';
import { cliConfig, cliSecretStore, describeBackend } from './accounts-shared.js';

export async function runImport(opts: ImportOptions, cmd: Command, io: CliIO): Promise<void> {
  const out = createOutput(io);
  const config = await cliConfig(io, cmd);
  await ensureWritableHome(config.home);
  const found = await findExistingLogins({
    geminiCreds: opts.geminiCreds ?? defaultGeminiCredsPath(),
    antigravityProxy: opts.antigravityProxy ?? defaultAntigravityProxyPath(undefined, io.env.XDG_CONFIG_HOME),
  });
  // A file the user named is expected to exist; the default places may simply be empty.
  const named = [opts.geminiCreds, opts.antigravityProxy].filter((p): p is string => p !== undefined);
  const missingNamed = found.missing.filter((p) => named.includes(p));
  if (missingNamed.length > 0) {
    throw new CliError(`Not found: ${missingNamed.join(', ')}; nothing was imported.`, 1, 'Check the path (or leave the flag out to look in the default places).');
  }
  if (!opts.json) for (const path of found.missing) out.info(`Not found: ${path}`);
  const c = out.color;
  let taken = 0;
  const imported: Array<{ email: string; flavor: string; source: string; created: boolean; state: string }> = [];
  const skips = [...found.skipped];
  if (found.candidates.length > 0) {
    const store = await cliSecretStore(config, out);
    for (const cand of found.candidates) {
      const what = cand.email ?? `the ${cand.flavor} login`;
      try {
        const tokens = await tokensFromRefreshToken(config, cand.flavor, cand.refreshToken);
        const fields = await describeLogin({ config, flavor: cand.flavor, accessToken: tokens.accessToken });
        refuseUnserved(fields, cand.flavor);
        const { record, created } = await saveAccount(config.home, store, fields, tokens.refreshToken);
        taken++;
        imported.push({ email: record.email, flavor: record.flavor, source: cand.source, created, state: record.state });
        if (opts.json) continue;
        const note = record.state === 'active' ? '' : ` (not usable yet: ${record.stateReason ?? record.state})`;
        out.out(
          `${c.green('✔')} ${created ? 'Took' : 'Updated'} ${record.email} (${record.flavor}) from ${cand.source}; secret in ${describeBackend(record.secretBackend)}${note}`,
        );
      } catch (e) {
        skips.push({ source: cand.source, what, reason: (e as Error).message });
      }
    }
  }
  if (opts.json) {
    out.json({ imported, skipped: skips.map((s) => ({ what: s.what, source: s.source, reason: s.reason })), notFound: found.missing });
  } else {
    for (const s of skips) out.out(`${c.yellow('-')} Skipped ${s.what} from ${s.source}: ${s.reason}`);
    out.out(`Imported ${taken}, skipped ${skips.length}.`);
  }
  if (taken === 0 && skips.length > 0) {
    throw new CliError('Nothing could be imported.', 1, 'Log in with `gateway accounts add` instead.');
  }
}
