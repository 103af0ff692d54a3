// The work of `gateway start`, loaded only when the command runs: config, pool, upstream, server,
// the ready line, and a graceful stop on SIGINT / SIGTERM.
import type { Command } from 'commander';
import type { ConfigFlags } from '../../config/load-config.js';
import type { Config } from '../../config/schema.js';
import type { CliIO } from '../context.js';
import type { Output } from '../output.js';
import type { StartOptions } from './start.js';

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|::1|\[::1\])$/i;

function flagsFrom(opts: StartOptions, debug: boolean): ConfigFlags {
  const flags: ConfigFlags = {};
  if (opts.port !== undefined) flags.port = opts.port;
  if (opts.host !== undefined) flags.host = opts.host;
  if (opts.strategy !== undefined) flags.strategy = opts.strategy;
  if (opts.apiKey !== undefined) flags.apiKey = opts.apiKey;
  if (debug) flags.debug = true;
  return flags;
}

/** The ready line and the settings a user pastes for Claude Code; the API key itself is never printed. */
export function readyLines(url: string, accounts: number, config: Readonly<Config>, out: Output): string[] {
  const c = out.color;
  const count = accounts === 1 ? '1 account' : `${accounts} accounts`;
  const token = config.apiKey ? '<your GATEWAY_API_KEY>' : 'gateway';
  return [
    `${c.green('gateway ready')} on ${c.bold(url)} · ${count} · config in ${config.home}`,
    `  Claude Code: export ANTHROPIC_BASE_URL=${url} ANTHROPIC_AUTH_TOKEN=${token}`,
  ];
}

function waitForSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (sig: NodeJS.Signals): void => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(sig);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}

export async function runStart(opts: StartOptions, cmd: Command, io: CliIO): Promise<void> {
  const debug = cmd.optsWithGlobals<{ debug?: boolean }>().debug === true;
  // A signal during start-up still stops cleanly once the server is up.
  const signal = waitForSignal();
  const [{ loadConfig }, { createOutput }, { createLogger }, { batchLines }] = await Promise.all([
    import('../../config/load-config.js'),
    import('../output.js'),
    import('../../log/logger.js'),
    import('../../log/batch-lines.js'),
  ]);
  const out = createOutput(io);
  const config = await loadConfig(io.env, flagsFrom(opts, debug));
  await (await import('../../util/use-proxy.js')).useProxy(config.proxy);
  // Leftovers of an interrupted write, a secrets file others can read: fixed, and said out loud.
  for (const line of await (await import('../../store/tidy-home.js')).tidyHome(config.home)) out.warn(line);
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
  ]);
  let server;
  try {
    server = await startServer({ config, backend: pool, log });
  } catch (e) {
    await pool.close();
    throw e;
  }
  const health = pool.health();
  for (const line of readyLines(server.url, health.accounts, config, out)) out.out(line);
  if (health.accounts === 0) out.info('No accounts yet: add one with `gateway accounts add` (the running server picks it up).');
  if (!LOOPBACK.test(config.host) && !config.apiKey) {
    out.warn(`listening on ${config.host} without an API key: anyone who can reach this port can use your accounts. Set GATEWAY_API_KEY or --api-key.`);
  }
  const sig = await signal;
  log.info('stopping', { signal: sig });
  // Open streams get the drain time to finish, then a closing error event in their dialect.
  await server.close(config.drainMs);
  await pool.close();
  lines.flush();
  process.off('exit', lines.flush);
}
