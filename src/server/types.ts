// What the HTTP layer is built from, and the per-request variables its middleware share.
import type { HttpBindings } from '@hono/node-server';
import type { Config } from '../config/schema.js';
import type { DialectRegistry } from '../dialects/registry.js';
import type { Logger } from '../log/logger.js';
import type { Backend } from '../pool/backend.js';
import type { LimitsReport } from '../pool/limits-report.js';
import type { RequestFeed } from '../usage/request-feed.js';
import type { RequestRecord } from '../usage/request-record.js';
import type { UsageReports } from '../usage/usage-report.js';
import type { LiveSettings } from './live-settings.js';

/** Renders `/account-limits?format=table`; injected so the server does not load cli-table3 eagerly. */
export type LimitsTableRenderer = (limits: LimitsReport, options: { color: boolean; width?: number }) => string | Promise<string>;

export interface AppDeps {
  config: Readonly<Config>;
  backend: Backend;
  /** The dialects served (defaultDialects()); injected so tests can add or swap one. */
  dialects: DialectRegistry;
  log: Logger;
  /** Keep-alive interval while the upstream is silent (default 10 s). */
  pingIntervalMs?: number;
  renderLimitsTable?: LimitsTableRenderer;
  /** Seconds since the epoch; injected so tests are exact. */
  now?: () => number;
  /** Called when a request starts and ends, so shutdown can wait for in-flight streams. */
  inflight?: { start(): void; end(): void };
  /** Where finished requests are published (the dashboard's live log, the ledger writer). */
  requestFeed?: RequestFeed;
  /** What GET /usage reads; without it /usage answers 503 (ledger off or unavailable). */
  usage?: UsageReports;
  /** Settings read per request (CORS origins, extra host names); config.corsOrigins, fixed, when absent. */
  live?: LiveSettings;
  /** Fires when the drain time after a stop is over: open streams end with its reason as an error event. */
  shutdown?: AbortSignal;
  /** Fires as soon as the server stops accepting (before the drain time): streams nobody waits on end then. */
  closing?: AbortSignal;
}

export interface AppVariables {
  requestId: string;
  /**
   * Headers middleware adds to every answer (see addHeader): streams and folded answers write them
   * on the node response themselves, and requestId copies them onto answers hono rendered.
   */
  responseHeaders: Record<string, string>;
  /** performance.now() when the request arrived (recordRequests). */
  startedAt: number;
  /** The usage record of a request that reached the pool (beginRecord). */
  record?: RequestRecord;
  /** Set when the record can only be finished later (a stream read after the handler returned). */
  recordPending?: Promise<void>;
  /**
   * `aborted` once the client went away before its answer was complete, or the server's shutdown
   * ended the request (abortOnDisconnect); not when the pool gave up on its own (the budget).
   */
  clientGone?: { readonly aborted: boolean };
  /** Label of the client API key that matched, when keys are required. */
  keyLabel?: string;
}

export interface AppEnv {
  Bindings: HttpBindings;
  Variables: AppVariables;
}
