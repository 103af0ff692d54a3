// The work of `gateway start`, loaded only when the command runs: config, pool, upstream, server,
// the ready banner, the tunnel for Cursor, config.json followed while running, and a graceful stop
// on SIGINT / SIGTERM.
import type { Command } from 'commander';
import type { Config } from '../../config/schema.js';
import { isLoopbackHost } from '../../util/loopback.js';
import { configFlags } from '../config-flags.js';
import type { CliIO } from '../context.js';
import type { Output } from '../output.js';
import type { StartOptions } from './start.js';

export interface ReadyExtras {
  /** The dashboard's address, once the server has one; the banner shows it then. */
  dashboardUrl?: string;
}

/**
 * The ready banner: per client the one command to use, the base URL for SDKs. The API key itself
 * is never printed; the token shown without one is the same the README uses.
 */
function readyLines(url: string, accounts: number, config: Readonly<Config>, out: Output, extras: ReadyExtras = {}): string[] {
  const c = out.color;
  const count = accounts === 1 ? '1 account' : `${accounts} accounts`;
  const token = config.apiKey ? '<your GATEWAY_API_KEY>' : 'gateway';
  const lines = [
    `${c.green('gateway ready')} on ${c.bold(url)} · ${count} · config in ${config.home}`,
    `  Claude Code  ${c.bold('gateway run claude')}   (or export ANTHROPIC_BASE_URL=${url} ANTHROPIC_AUTH_TOKEN=${token})`,
    `  Codex        ${c.bold('gateway run codex')}`,
    `  gemini-cli   ${c.bold('gateway run gemini')}`,
    `  opencode     ${c.bold('gateway run opencode')}`,
    `  SDKs         base URL ${url}/v1 (OpenAI) or ${url} (Anthropic, Google), API key ${token}`,
    `  Once for all ${c.bold('gateway setup <client>')} writes a client's own config (Cursor: gateway start --tunnel)`,
  ];
  if (extras.dashboardUrl) lines.push(`  Dashboard    ${c.bold(extras.dashboardUrl)}`);
  return lines;
}

/** What to paste into Cursor's model settings. */
function cursorLines(tunnelUrl: string, keyShown: string, models: readonly string[], out: Output): string[] {
  const c = out.color;
  return [
    `${c.green('tunnel open')} at ${c.bold(tunnelUrl)} (closes when the gateway stops). In Cursor → Settings → Models:`,
    `  OpenAI API Key            ${keyShown}`,
    `  Override OpenAI Base URL  ${tunnelUrl}/v1`,
    `  Add model names           ${models.length > 0 ? models.join(', ') : '(none served yet: add an account with `gateway accounts add`)'}`,
  ];
}

function waitForStop(io: CliIO): Promise<string> {
  return new Promise((resolve) => {
    const done = (why: string): void => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      io.signal?.removeEventListener('abort', onAbort);
      resolve(why);
    };
    const on = (sig: NodeJS.Signals): void => done(sig);
    const onAbort = (): void => done('abort');
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
    if (io.signal?.aborted) done('abort');
    else io.signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The key a tunnel requires: the configured one, else the stored one, else a new one (shown once). */
async function tunnelKey(config: Readonly<Config>, opts: StartOptions, out: Output): Promise<{ key: string; shown: string }> {
  if (config.apiKey && !opts.newKey) return { key: config.apiKey, shown: '<your GATEWAY_API_KEY>' };
  const { createStoredApiKey, maskKey, readStoredApiKey } = await import('../../store/stored-api-key.js');
  const storeOpts = { home: config.home, secretStore: config.secretStore, warn: (l: string) => out.warn(l) };
  if (!opts.newKey) {
    const stored = await readStoredApiKey(storeOpts);
    if (stored) return { key: stored, shown: `${maskKey(stored)} (printed in full when it was made; --new-key makes another)` };
  }
  const { key, where } = await createStoredApiKey(storeOpts);
  out.info(`A tunnel needs an API key: made one and stored it in ${where}; it is shown in full only this once, below. \`gateway run\` and \`gateway setup\` find it there.`);
  return { key, shown: key };
}

export async function runStart(opts: StartOptions, cmd: Command, io: CliIO): Promise<void> {
  // A signal during start-up still stops cleanly once the server is up.
  const stop = waitForStop(io);
  const [{ loadConfig }, { createOutput }, { createLogger }, { batchLines }, { writeStarterConfig }] = await Promise.all([
    import('../../config/load-config.js'),
    import('../output.js'),
    import('../../log/logger.js'),
    import('../../log/batch-lines.js'),
    import('../../config/starter-config.js'),
  ]);
  const out = createOutput(io);
  const flags = configFlags(cmd, opts);
  let config = await loadConfig(io.env, flags, { warn: (l) => out.warn(l) });
  if (await writeStarterConfig(config.home)) out.info(`Wrote a starter config.json (every setting, commented out) to ${config.home}.`);
  await (await import('../../util/use-proxy.js')).useProxy(config.proxy);
  // Leftovers of an interrupted write, a secrets file others can read: fixed, and said out loud.
  for (const line of await (await import('../../store/tidy-home.js')).tidyHome(config.home)) out.warn(line);

  if (opts.tunnel) {
    const [{ findOnPath }, { INSTALL_CLOUDFLARED }, { CliError }] = await Promise.all([
      import('../../util/find-on-path.js'),
      import('../../clients/tunnel/cloudflared.js'),
      import('../cli-error.js'),
    ]);
    if (!(await findOnPath('cloudflared', io.env))) throw new CliError('--tunnel needs cloudflared, which is not installed (not found on PATH).', 1, INSTALL_CLOUDFLARED);
  }

  const { readAccounts } = await import('../../store/accounts-file.js');
  if ((await readAccounts(config.home)).length === 0 && (io.stdin ?? process.stdin).isTTY === true && io.stderr.isTTY === true) {
    const { askYesNo } = await import('../ask.js');
    if (await askYesNo(io, 'No Google account in the pool yet. Log one in now? [Y/n] ', true)) {
      const { runAdd } = await import('./accounts-add-run.js');
      const { DEFAULT_FLAVOR } = await import('../../google/flavors.js');
      await runAdd({ flavor: DEFAULT_FLAVOR, browser: true, timeout: 300 }, cmd, io);
    }
  }

  let keyShown: string | undefined;
  if (opts.tunnel) {
    const { key, shown } = await tunnelKey(config, opts, out);
    config = Object.freeze({ ...config, apiKey: key });
    // So that reloading config.json (which knows nothing of a stored key) keeps requiring it.
    flags.apiKey = key;
    keyShown = shown;
  }

  // Lines are written at most every 25 ms (unnoticeable on a terminal), not one syscall each;
  // flushed on exit so the last lines are never lost.
  const lines = batchLines((text) => void io.stderr.write(text), { maxDelayMs: 25 });
  process.once('exit', lines.flush);
  const log = createLogger({ level: config.debug ? 'debug' : 'info', write: lines.write });
  const [{ createPool }, { createCodeAssistUpstream }] = await Promise.all([
    import('../../pool/index.js'),
    import('../../upstreams/code-assist/index.js'),
  ]);
  // The pool's first token and quota calls wait on the network while the server code loads.
  const [pool, { startServer }] = await Promise.all([
    createPool({ config, upstream: createCodeAssistUpstream(config, { log }), log }),
    import('../../server/serve.js'),
    // The usage ledger's SQLite driver loads meanwhile too (a failure is reported when the ledger opens).
    import('../../usage/ledger-db.js').then((m) => m.loadLedgerDriver()).catch(() => undefined),
  ]);
  let server;
  try {
    server = await startServer({ config, backend: pool, log });
  } catch (e) {
    await pool.close();
    throw e;
  }
  const health = pool.health();
  const dashboardUrl = `${server.url}/ui/${config.apiKey ? '  (`gateway ui` opens it signed in)' : ''}`;
  for (const line of readyLines(server.url, health.accounts, config, out, { dashboardUrl })) out.out(line);
  if (health.accounts === 0) out.info('No accounts yet: add one with `gateway accounts add` in another terminal (this gateway picks it up).');
  if (!isLoopbackHost(config.host) && !config.apiKey) {
    out.warn(`listening on ${config.host} without an API key: anyone who can reach this port can use your accounts. Set GATEWAY_API_KEY or --api-key.`);
  }

  let tunnel: { close(): Promise<void> } | undefined;
  try {
    if (opts.tunnel) {
      const { openTunnel } = await import('../../clients/tunnel/cloudflared.js');
      const opened = await openTunnel({
        localUrl: server.url,
        ...(config.tunnelName ? { name: config.tunnelName } : {}),
        ...(config.tunnelHostname ? { hostname: config.tunnelHostname } : {}),
        env: io.env,
        onLine: (l) => log.debug('cloudflared', { line: l }),
        onExit: (why) => log.warn('the tunnel closed: cloudflared stopped', { why }),
      });
      tunnel = opened;
      server.allowHost(opened.hostname);
      await pool.ready();
      for (const line of cursorLines(opened.url, keyShown ?? '<your GATEWAY_API_KEY>', pool.listModels().map((m) => m.id), out)) out.out(line);
    }
  } catch (e) {
    await server.close(0);
    await pool.close();
    lines.flush();
    throw e;
  }

  const { watchConfig } = await import('../../config/watch-config.js');
  const running = server;
  const watch = watchConfig({
    env: io.env,
    flags,
    current: config,
    warn: (l) => log.warn(l),
    info: (l) => log.info(l),
    onChange: (next, changed) => {
      pool.applyConfig(next);
      running.applyConfig(next);
      log.info('config.json reloaded', { applied: changed.join(', ') });
    },
  });

  const why = await stop;
  log.info('stopping', { signal: why });
  watch.close();
  await tunnel?.close();
  // Open streams get the drain time to finish, then a closing error event in their dialect.
  await server.close(config.drainMs);
  await pool.close();
  lines.flush();
  process.off('exit', lines.flush);
}
