// The HTTP app in the test's own process, answered through app.request(): every middleware and
// route of the server, no socket and no port; over a fake backend (createInProcessApp) or the real
// pool and upstream against the emulator (startInProcessGateway). For tests of what a route
// answers; what needs a real connection (streams read as they come, disconnects, shutdown, the
// official SDKs) stays on startGateway's real server.
import { loadConfig } from '../../src/config/load-config.js';
import type { Config } from '../../src/config/schema.js';
import { silentLogger, type Logger } from '../../src/log/logger.js';
import type { Backend } from '../../src/pool/backend.js';
import { createApp } from '../../src/server/app.js';
import { defaultDialects } from '../../src/dialects/registry.js';
import type { RequestFeed } from '../../src/usage/request-feed.js';
import { createFakeBackend } from './fake-backend.js';
import { prepareGateway, type PreparedGateway, type StartGatewayOptions } from './start-gateway.js';

export interface InProcessAppOptions {
  /** What answers generation, model lists and admin routes (default: a fake backend, see fake-backend.ts). */
  backend?: Backend;
  /** Environment for loadConfig (GATEWAY_API_KEY, ...); GATEWAY_HOME is a folder that does not exist. */
  env?: Record<string, string>;
  /** Overrides applied to the loaded config (corsOrigins, bodyLimitBytes, prices, ...). */
  config?: Partial<Config>;
  /** A config as it is, instead of one loaded from `env`. */
  loadedConfig?: Readonly<Config>;
  log?: Logger;
  /** Where finished requests are published (none when left out). */
  requestFeed?: RequestFeed;
}

export interface InProcessApp {
  config: Readonly<Config>;
  backend: Backend;
  /** One request to the app: a path (with its query) and the usual fetch init. */
  request(path: string, init?: RequestInit): Promise<Response>;
}

export async function createInProcessApp(opts: InProcessAppOptions = {}): Promise<InProcessApp> {
  const loaded = opts.loadedConfig ?? (await loadConfig({ GATEWAY_HOME: '/nonexistent-gateway-home', ...opts.env }));
  const config: Readonly<Config> = Object.freeze({ ...loaded, ...opts.config });
  const backend = opts.backend ?? createFakeBackend();
  const app = createApp({
    config,
    backend,
    dialects: defaultDialects(),
    log: opts.log ?? silentLogger,
    ...(opts.requestFeed ? { requestFeed: opts.requestFeed } : {}),
  });
  return { config, backend, request: async (path, init) => app.request(path, init) };
}

export interface InProcessGateway extends InProcessApp, PreparedGateway {}

/** The real pool and upstream over the emulator, as startGateway builds them, answered in-process; close() it after. */
export async function startInProcessGateway(opts: StartGatewayOptions = {}): Promise<InProcessGateway> {
  const prepared = await prepareGateway(opts);
  const app = await createInProcessApp({ backend: prepared.backend, loadedConfig: prepared.config, log: prepared.log, ...(opts.requestFeed ? { requestFeed: opts.requestFeed } : {}) });
  return { ...prepared, request: app.request.bind(app) };
}
