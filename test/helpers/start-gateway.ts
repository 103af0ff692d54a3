// A whole gateway for an end-to-end test: the emulator, a temp home with seeded accounts, config
// loaded from the emulator's env, the real upstream and pool, and the HTTP server on port 0.
import { loadConfig } from '../../src/config/load-config.js';
import type { Config } from '../../src/config/schema.js';
import { silentLogger, type Logger } from '../../src/log/logger.js';
import type { Backend } from '../../src/pool/backend.js';
import { createPool } from '../../src/pool/index.js';
import { startServer, type RunningServer } from '../../src/server/serve.js';
import { createCodeAssistUpstream } from '../../src/upstreams/code-assist/index.js';
import type { RequestFeed } from '../../src/usage/request-feed.js';
import { startEmulator, type Emulator } from '../emulator/server.js';
import type { EmulatorOptions } from '../emulator/state.js';
import { seedAccount, type SeedOptions } from './seed-accounts.js';
import { makeTempHome } from './temp-home.js';

export interface StartGatewayOptions {
  /** Emails to seed as logged-in accounts (default: one, `user@example.com`). Pass [] for none. */
  accounts?: Array<string | ({ email: string } & SeedOptions)>;
  /** Extra environment for loadConfig (GATEWAY_API_KEY, ...), on top of the emulator's. */
  env?: Record<string, string>;
  emulatorOptions?: EmulatorOptions;
  /** Overrides applied to the loaded config (corsOrigins, bodyLimitBytes, ...). */
  config?: Partial<Config>;
  /** Keep-alive ping interval of the server (default 10 s). */
  pingIntervalMs?: number;
  /** Replaces the pool (tests of the HTTP layer alone). */
  backend?: Backend;
  log?: Logger;
  /**
   * An emulator (and gateway home) from an earlier gateway, for a restart: this gateway uses them
   * and leaves them open; the caller closes the emulator and removes the home. Accounts are seeded
   * only into a new home.
   */
  emulator?: Emulator;
  home?: string;
  /** How long the usage ledger holds finished requests before writing them (default 1 s). */
  ledgerFlushIntervalMs?: number;
  /** The live feed of finished requests the server publishes to (a fresh one when left out). */
  requestFeed?: RequestFeed;
}

export interface Gateway {
  url: string;
  emulator: Emulator;
  home: string;
  config: Readonly<Config>;
  backend: Backend;
  /** The HTTP server alone (graceful-shutdown tests call server.close(graceMs)). */
  server: RunningServer;
  close(): Promise<void>;
}

/** The gateway without its HTTP server: emulator, seeded home, config and pool (see startGateway). */
export interface PreparedGateway {
  emulator: Emulator;
  home: string;
  config: Readonly<Config>;
  backend: Backend;
  log: Logger;
  /** Closes the backend, the emulator (when this gateway started it) and the home (when it made it). */
  close(): Promise<void>;
}

/** Everything startGateway does short of listening: for startGateway, and for the app in-process. */
export async function prepareGateway(opts: StartGatewayOptions = {}): Promise<PreparedGateway> {
  const ownEmulator = opts.emulator === undefined;
  const emulator = opts.emulator ?? (await startEmulator(opts.emulatorOptions));
  const temp = opts.home !== undefined ? { home: opts.home, cleanup: async () => {} } : await makeTempHome();
  const log = opts.log ?? silentLogger;
  const closeEmulator = async (): Promise<void> => {
    if (ownEmulator) await emulator.close();
  };
  try {
    if (opts.home === undefined) {
      for (const a of opts.accounts ?? ['user@example.com']) {
        if (typeof a === 'string') await seedAccount(temp.home, emulator, a);
        else await seedAccount(temp.home, emulator, a.email, a);
      }
    }
    const env = { ...emulator.env, GATEWAY_HOME: temp.home, GATEWAY_SECRET_STORE: 'file', GATEWAY_PORT: '0', ...opts.env };
    const loaded = await loadConfig(env);
    const config: Readonly<Config> = Object.freeze({ ...loaded, ...opts.config });
    let backend = opts.backend;
    if (backend === undefined) {
      const pool = await createPool({ config, upstream: createCodeAssistUpstream(config, { log }), log });
      // Tests begin once the catalog is known, as a user's requests would wait for it.
      await pool.ready();
      backend = pool;
    }
    const ready = backend;
    return {
      emulator,
      home: temp.home,
      config,
      backend: ready,
      log,
      close: async () => {
        await ready.close();
        await closeEmulator();
        await temp.cleanup();
      },
    };
  } catch (e) {
    await closeEmulator();
    await temp.cleanup();
    throw e;
  }
}

export async function startGateway(opts: StartGatewayOptions = {}): Promise<Gateway> {
  const prepared = await prepareGateway(opts);
  const { config, backend, log } = prepared;
  try {
    const server = await startServer({
      config,
      backend,
      log,
      ...(opts.pingIntervalMs !== undefined ? { pingIntervalMs: opts.pingIntervalMs } : {}),
      ...(opts.ledgerFlushIntervalMs !== undefined ? { ledgerFlushIntervalMs: opts.ledgerFlushIntervalMs } : {}),
      ...(opts.requestFeed ? { requestFeed: opts.requestFeed } : {}),
    });
    return {
      url: server.url,
      emulator: prepared.emulator,
      home: prepared.home,
      config,
      backend,
      server,
      close: async () => {
        await server.close(0);
        await prepared.close();
      },
    };
  } catch (e) {
    await prepared.close();
    throw e;
  }
}
