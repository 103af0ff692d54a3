// Starts the HTTP server on node:http and stops it gracefully: no new connections, in-flight
// streams get a grace period (the drain time), then each open stream ends with an error event in
// its dialect and each request still waiting gets a 503, and only then is whatever is left cut.
import { createAdaptorServer } from '@hono/node-server';
import { setMaxListeners } from 'node:events';
import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from '../config/schema.js';
import { silentLogger, type Logger } from '../log/logger.js';
import { GatewayError } from '../canonical/index.js';
import type { Backend } from '../pool/backend.js';
import { createApp } from './app.js';
import { defaultDialects } from './default-dialects.js';
import type { DialectSet, LimitsTableRenderer } from './types.js';
import { urlFor } from './url-for.js';

export interface StartServerOptions {
  config: Readonly<Config>;
  backend: Backend;
  log?: Logger;
  /** Keep-alive ping interval while the upstream is silent (default 10 s). */
  pingIntervalMs?: number;
  dialects?: DialectSet;
  renderLimitsTable?: LimitsTableRenderer;
}

export interface RunningServer {
  url: string;
  port: number;
  /**
   * Stops accepting, lets in-flight requests finish for up to graceMs (default 5 s), then ends
   * what is left with an error in its dialect and cuts.
   */
  close(graceMs?: number): Promise<void>;
}

export const DEFAULT_GRACE_MS = 5000;
/** After the drain time, how long streams get to write their closing error event before the cut. */
const FAREWELL_MS = 1000;

/** What a request still open after the drain time hears: retry shortly (against the next server). */
export const shuttingDown = (): GatewayError =>
  new GatewayError('unavailable', 'The gateway is shutting down; send the request again once it is back.', { retryAfterMs: 1000 });


/** The address could not be bound; the message says which flag to change. */
export class ListenError extends Error {
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
  const shutdown = new AbortController();
  // Every open request listens to it; that is no leak.
  setMaxListeners(0, shutdown.signal);
  const app = createApp({
    shutdown: shutdown.signal,
    config,
    backend,
    log,
    dialects: opts.dialects ?? defaultDialects(),
    ...(opts.pingIntervalMs !== undefined ? { pingIntervalMs: opts.pingIntervalMs } : {}),
    ...(opts.renderLimitsTable ? { renderLimitsTable: opts.renderLimitsTable } : {}),
  });
  const server = createAdaptorServer({ fetch: app.fetch, hostname: config.host }) as Server;
  // A request counts until its response is written out (or its connection closed): the app's own
  // end comes before the adaptor writes an error answer, which the cut must not beat.
  server.on('request', (_req, res: ServerResponse) => {
    inflight++;
    res.once('close', () => {
      inflight--;
      if (inflight === 0) drained?.();
    });
  });
  // Longer than any client pool keeps an idle socket, so a reused socket is never closed under it.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const address = await listen(server, config.port, config.host);
  let closing: Promise<void> | undefined;

  const close = async (graceMs: number): Promise<void> => {
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
  };

  return {
    url: urlFor(config.host, address.port),
    port: address.port,
    close: (graceMs = DEFAULT_GRACE_MS) => (closing ??= close(graceMs)),
  };
}
