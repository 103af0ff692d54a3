// Starts the HTTP server on node:http and stops it gracefully: no new connections, in-flight
// streams get a grace period (the drain time), then each open stream ends with an error event in
// its dialect and each request still waiting gets a 503, and only then is whatever is left cut.
import { getRequestListener } from '@hono/node-server';
import { setMaxListeners } from 'node:events';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from '../config/schema.js';
import { silentLogger, type Logger } from '../log/logger.js';
import { GatewayError } from '../canonical/index.js';
import { defaultDialects, type DialectRegistry } from '../dialects/registry.js';
import type { Backend } from '../pool/backend.js';
import { createRequestFeed, type RequestFeed } from '../usage/request-feed.js';
import { openUsageLedger, type UsageLedger } from '../usage/usage-ledger.js';
import { createApp } from './app.js';
import { createLiveSettings } from './live-settings.js';
import type { LimitsTableRenderer } from './types.js';
import { urlFor } from './url-for.js';

export interface StartServerOptions {
  config: Readonly<Config>;
  backend: Backend;
  log?: Logger;
  /** Keep-alive ping interval while the upstream is silent (default 10 s). */
  pingIntervalMs?: number;
  /** The dialects served; defaultDialects() when left out. */
  dialects?: DialectRegistry;
  renderLimitsTable?: LimitsTableRenderer;
  /** Where finished requests are published; a new feed when left out. */
  requestFeed?: RequestFeed;
  /**
   * The usage ledger: by default opened in config.home (off when usageRetentionDays is 0, a
   * warning when it cannot be opened); `false` for none. One given here is not closed by close().
   */
  ledger?: UsageLedger | false;
  /** How long finished requests wait in memory before the ledger writes them (default 1 s). */
  ledgerFlushIntervalMs?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  /** Every finished request that reached the pool is published here. */
  requestFeed: RequestFeed;
  /** The usage ledger the server writes, when there is one. */
  ledger?: UsageLedger;
  /**
   * Stops accepting, lets in-flight requests finish for up to graceMs (default 5 s), then ends
   * what is left with an error in its dialect and cuts.
   */
  close(graceMs?: number): Promise<void>;
  /** Takes the HTTP settings that may change while running (CORS origins from config.json). */
  applyConfig(next: Pick<Config, 'corsOrigins'>): void;
  /** Accepts requests whose Host is this name from now on (a tunnel's public host name). */
  allowHost(name: string): void;
}

const DEFAULT_GRACE_MS = 5000;
/** After the drain time, how long streams get to write their closing error event before the cut. */
const FAREWELL_MS = 1000;

/** What a request still open after the drain time hears: retry shortly (against the next server). */
const shuttingDown = (): GatewayError =>
  new GatewayError('unavailable', 'The gateway is shutting down; send the request again once it is back.', { retryAfterMs: 1000 });


/** The address could not be bound; the message says which flag to change. */
class ListenError extends Error {
  override readonly name = 'ListenError';
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException): void => {
      server.off('listening', onListening);
      if (e.code === 'EADDRINUSE') reject(new ListenError(`Port ${port} on ${host} is already in use; pick another with --port.`));
      else if (e.code === 'EACCES') reject(new ListenError(`Not allowed to listen on ${host}:${port}; pick a port above 1024 with --port.`));
      else if (e.code === 'EADDRNOTAVAIL' || e.code === 'ENOTFOUND') {
        reject(new ListenError(`${host} is not an address of this machine; pick another with --host (default 127.0.0.1).`));
      } else reject(e);
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolve(server.address() as AddressInfo);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

/**
 * @example const srv = await startServer({ config, backend }); console.log(srv.url); await srv.close();
 */
export async function startServer(opts: StartServerOptions): Promise<RunningServer> {
  const { config, backend } = opts;
  const log = opts.log ?? silentLogger;
  let inflight = 0;
  let drained: (() => void) | undefined;
  const feed = opts.requestFeed ?? createRequestFeed();
  const ownLedger = opts.ledger === undefined;
  const ledger =
    opts.ledger === undefined
      ? await openUsageLedger({
          home: config.home,
          retentionDays: config.usageRetentionDays,
          log,
          ...(opts.ledgerFlushIntervalMs !== undefined ? { flushIntervalMs: opts.ledgerFlushIntervalMs } : {}),
        })
      : opts.ledger || undefined;
  const unsubscribe = ledger ? feed.subscribe((r) => ledger.add(r)) : undefined;
  const closeLedger = (): void => {
    unsubscribe?.();
    if (ownLedger) ledger?.close();
  };
  const live = createLiveSettings(config.corsOrigins);
  const shutdown = new AbortController();
  // Every open request listens to it; that is no leak.
  setMaxListeners(0, shutdown.signal);
  const stopping = new AbortController();
  const app = createApp({
    live,
    shutdown: shutdown.signal,
    closing: stopping.signal,
    config,
    backend,
    log,
    dialects: opts.dialects ?? defaultDialects(),
    ...(opts.pingIntervalMs !== undefined ? { pingIntervalMs: opts.pingIntervalMs } : {}),
    ...(opts.renderLimitsTable ? { renderLimitsTable: opts.renderLimitsTable } : {}),
    requestFeed: feed,
    ...(ledger ? { usage: ledger } : {}),
  });
  // A request counts until its response is written out (or its connection closed): the app's own
  // end comes before the adaptor writes an error answer, which the cut must not beat.
  const ended = (): void => {
    inflight--;
    if (inflight === 0) drained?.();
  };
  // Counted in front of the adaptor's listener, not by a second 'request' listener (an emit to two
  // listeners copies the listener array on every request).
  const listener = getRequestListener(app.fetch, { hostname: config.host });
  const server = createHttpServer((req, res) => {
    inflight++;
    res.once('close', ended);
    void listener(req, res);
  });
  // Longer than any client pool keeps an idle socket, so a reused socket is never closed under it.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  let address: AddressInfo;
  try {
    address = await listen(server, config.port, config.host);
  } catch (e) {
    closeLedger();
    throw e;
  }
  let closing: Promise<void> | undefined;

  const close = async (graceMs: number): Promise<void> => {
    stopping.abort();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // Idle keep-alive sockets would otherwise hold the server open until they time out.
    server.closeIdleConnections();
    const allDone = (ms: number): Promise<void> => {
      if (inflight === 0) return Promise.resolve();
      let timer: NodeJS.Timeout | undefined;
      return Promise.race([
        new Promise<void>((r) => (drained = r)),
        new Promise<void>((r) => (timer = setTimeout(r, ms))),
      ]).finally(() => clearTimeout(timer));
    };
    if (inflight > 0) {
      log.info('waiting for in-flight requests', { count: inflight, graceMs });
      await allDone(graceMs);
    }
    if (inflight > 0) {
      // Streams still open end with an error event their clients understand, not a bare cut.
      log.info('ending open requests', { count: inflight });
      shutdown.abort(shuttingDown());
      await allDone(FAREWELL_MS);
    }
    server.closeAllConnections();
    await closed;
    // After the last request finished, so its record is in the final batch.
    closeLedger();
  };

  return {
    url: urlFor(config.host, address.port),
    port: address.port,
    requestFeed: feed,
    ...(ledger ? { ledger } : {}),
    close: (graceMs = DEFAULT_GRACE_MS) => (closing ??= close(graceMs)),
    applyConfig: (next) => void (live.corsOrigins = next.corsOrigins),
    allowHost: (name) => void (live.extraHosts = new Set([...live.extraHosts, name.toLowerCase()])),
  };
}
