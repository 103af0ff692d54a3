// The work of `gateway status`: one GET /health against the address `gateway start` would use.
import type { Command } from 'commander';
import { CliError } from '../cli-error.js';
import { configFlags } from '../config-flags.js';
import type { CliIO } from '../context.js';
import type { StatusOptions } from './status.js';

interface Health {
  status?: string;
  accounts?: number;
  activeAccounts?: number;
  /** Why the status is degraded when no account is to blame (Google refusing the client version). */
  reason?: string;
  clientVersion?: { version?: string; source?: string };
  /** Accounts that cannot serve until their owner acts (needs verification, banned, ...). */
  attention?: Array<{ email?: string; state?: string; reason?: string | null; link?: { url?: string } | null }>;
}

export async function runStatus(opts: StatusOptions, cmd: Command, io: CliIO): Promise<void> {
  const [{ loadConfig }, { createOutput }, { urlFor }] = await Promise.all([
    import('../../config/load-config.js'),
    import('../output.js'),
    import('../../server/url-for.js'),
  ]);
  const config = await loadConfig(io.env, configFlags(cmd, opts));
  const { readStoredApiKey } = await import('../../store/stored-api-key.js');
  const apiKey = config.apiKey ?? (await readStoredApiKey({ home: config.home, secretStore: config.secretStore }));
  const out = createOutput(io);
  const url = urlFor(config.host, config.port);
  let res: Response;
  try {
    res = await fetch(`${url}/health`, {
      headers: apiKey ? { 'x-api-key': apiKey } : {},
      signal: AbortSignal.timeout(5000),
    });
  } catch {
    throw new CliError(`No gateway answers on ${url}.`, 1, 'Start one with `gateway start` (or pass --port / --host).');
  }
  const text = await res.text();
  if (!res.ok) {
    const hint = res.status === 401 ? 'Pass --api-key (or set GATEWAY_API_KEY) with the key the server was started with.' : undefined;
    throw new CliError(`The gateway on ${url} answered ${res.status}.`, 1, hint);
  }
  let health: Health;
  try {
    health = JSON.parse(text) as Health;
  } catch {
    throw new CliError(`Something on ${url} answered, but not a gateway.`, 1);
  }
  const unusable = (health.activeAccounts ?? 0) === 0;
  const advice =
    (health.accounts ?? 0) === 0
      ? 'No accounts yet: add one with `gateway accounts add` (the running gateway picks it up).'
      : 'No account is usable: see `gateway accounts list`, and log the ones that need it in again with `gateway accounts add`.';
  if (opts.json) {
    out.json(health);
    if (unusable) throw new CliError(advice, 1);
    return;
  }
  const c = out.color;
  const word = health.status === 'ok' ? c.green('ok') : c.yellow(health.status ?? 'unknown');
  out.out(`${url}: ${word} · ${health.activeAccounts ?? 0} of ${health.accounts ?? 0} accounts active`);
  const v = health.clientVersion;
  if (v?.version) out.out(`  claims Antigravity ${v.version}${v.source ? ` (${v.source})` : ''}`);
  if (health.reason) out.out(`  ${c.yellow(health.reason)}`);
  for (const a of health.attention ?? []) {
    const link = a.link?.url ? ` · verify at ${a.link.url}` : '';
    out.out(`  ${c.yellow((a.state ?? '?').replace(/-/g, ' '))}: ${a.email ?? '?'}${a.reason ? ` (${a.reason})` : ''}${link}`);
  }
  if (unusable) throw new CliError(advice, 1);
}
