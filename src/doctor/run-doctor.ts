// `gateway doctor`: every check, run once, gathered into one report with the list of what needs
// the user. Network checks run side by side; accounts are checked in parallel.
import type { Config } from '../config/schema.js';
import { readAccounts } from '../store/accounts-file.js';
import type { AccountRecord } from '../store/types.js';
import { resolveClientVersion } from '../upstreams/code-assist/client-version.js';
import type { Upstream } from '../upstreams/upstream.js';
import { checkAccount } from './check-account.js';
import { checkKeychain } from './check-keychain.js';
import { checkEndpoint, checkProxy, endpointsToCheck } from './check-network.js';
import { checkServer } from './check-server.js';
import type { AccountCheck, DoctorReport, IdentityCheck } from './report.js';

export interface DoctorOptions {
  config: Readonly<Config>;
  upstream: Upstream;
  probe: boolean;
  /** How long one network check may take. */
  timeoutMs?: number;
  now?: () => number;
  /** Progress lines for a spinner. */
  onProgress?: (line: string) => void;
}

const SOURCES: Record<IdentityCheck['source'], string> = {
  pin: 'pinned by GATEWAY_ANTIGRAVITY_VERSION / antigravityVersion',
  feed: "from Antigravity's updater feed",
  cache: "from the cached updater feed answer",
  'local-app': 'from the Antigravity app installed here',
  'built-in': "the gateway's built-in floor",
};

async function checkIdentity(config: Readonly<Config>): Promise<IdentityCheck> {
  const info = await resolveClientVersion(config);
  const source = SOURCES[info.source] ?? info.source;
  if (info.feed.ok === false) {
    const note = `Antigravity ${info.version} (${source}); the updater feed failed last time (${info.feed.error ?? 'unknown error'})`;
    // A pin does not need the feed; anything else may fall behind Google's minimum without it.
    return { ...info, level: info.source === 'pin' ? 'info' : 'warn', note };
  }
  const feed = info.feed.lastCheckedAt ? `; the feed said ${info.feed.version ?? '?'} at ${info.feed.lastCheckedAt}` : '; the feed was not read yet';
  return { ...info, level: 'ok', note: `Antigravity ${info.version} (${source})${feed}` };
}

/** The user's to-do list from the checks, most important first. */
function needsYou(report: Omit<DoctorReport, 'ok' | 'needsYou'>, accounts: readonly AccountRecord[]): string[] {
  const out: string[] = [];
  if (report.keychain.level === 'fail') out.push(`Secrets: ${report.keychain.detail}.`);
  if (report.proxy.level === 'fail') out.push(`The proxy ${report.proxy.url ?? ''} does not answer (${report.proxy.error ?? 'unknown'}); check HTTPS_PROXY / HTTP_PROXY.`);
  for (const e of report.endpoints) if (!e.reachable) out.push(`${e.name} at ${e.url} is unreachable (${e.error ?? 'unknown'}); check the network, the proxy and NO_PROXY.`);
  if (accounts.length === 0) out.push('No Google account is set up; add one with `gateway accounts add`.');
  for (const a of report.accounts) {
    // The table shows Google's words; this list says what to do.
    if (a.level === 'fail') out.push(`${a.email} (${a.state.replace(/-/g, ' ')}): ${a.fix ?? a.reason ?? 'see above'}`);
  }
  return out;
}

export async function runDoctor(opts: DoctorOptions): Promise<DoctorReport> {
  const { config } = opts;
  const timeoutMs = opts.timeoutMs ?? 5000;
  const now = opts.now ?? Date.now;
  const progress = opts.onProgress ?? (() => undefined);

  progress('Checking the client identity, secrets, network and a running gateway');
  const accounts = await readAccounts(config.home);
  const flavors = [...new Set(accounts.map((a) => a.flavor))];
  const [identity, keychain, proxy, endpoints, server] = await Promise.all([
    checkIdentity(config),
    checkKeychain(config),
    checkProxy(config.proxy, { timeoutMs, now }),
    Promise.all(endpointsToCheck(config, flavors).map((e) => checkEndpoint(e.name, e.url, { timeoutMs, now }))),
    checkServer(config, Math.min(timeoutMs, 2000)),
  ]);

  let done = 0;
  const verb = opts.probe ? 'Checking and probing' : 'Checking';
  if (accounts.length > 0) progress(`${verb} ${accounts.length} account(s)`);
  const checked: AccountCheck[] = await Promise.all(
    accounts.map(async (record) => {
      const result = await checkAccount(record, {
        config,
        upstream: opts.upstream,
        probe: opts.probe,
        clientVersion: identity.version,
        timeoutMs: Math.max(timeoutMs, 10_000),
        ...(server.limits ? { serverLimits: server.limits } : {}),
        now,
        onProbe: (model) => progress(`Probing ${record.email} with one tiny request to ${model}`),
      });
      progress(`${verb} accounts: ${++done} of ${accounts.length} done`);
      return result;
    }),
  );

  const partial = { generatedAt: new Date(now()).toISOString(), home: config.home, identity, keychain, proxy, endpoints, server: server.check, accounts: checked };
  const asks = needsYou(partial, accounts);
  return { ...partial, ok: asks.length === 0, needsYou: asks };
}
