// What a client dialect is: pure functions from its wire to canonical and back, and the data the
// server needs to serve it (routes, stream encodings, which paths' errors it renders). The server
// knows dialects only through this interface and the registry (registry.ts).
import type { CanonicalEvent, CanonicalRequest, CanonicalResponse, GatewayError } from '../canonical/index.js';

export interface ParseContext {
  requestId: string;
  /** Lower-cased request headers (anthropic-beta, x-claude-code-session-id, ...). */
  headers: Readonly<Record<string, string>>;
  /**
   * What the route itself says, for dialects whose paths carry the model (`{model}` in the
   * route's path) or whose route decides streaming (`stream` on the route).
   */
  route?: { model?: string; stream?: boolean };
}

export interface RenderContext {
  requestId: string;
  /** The model id as the client asked for it, echoed back in answers. */
  model: string;
  /** Seconds since the epoch; injected so goldens are stable. */
  now: () => number;
  /** The parsed request, for dialects that echo parts of it (Responses). */
  request: CanonicalRequest;
}

export interface RenderedError {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** One way of writing a stream on the wire (SSE, a JSON array streamed element by element, ...). */
export interface StreamEncoding {
  contentType: string;
  /** Complete strings to write, in order. */
  render: (events: AsyncIterable<CanonicalEvent>, ctx: RenderContext) => AsyncIterable<string>;
}

/** A model as the server offers it to a dialect's model list. */
export interface ListedModel {
  id: string;
  displayName?: string;
  /** Which upstream flavor(s) serve it. */
  ownedBy: string;
  /** Paid-API list price in USD per million tokens, when one is known. */
  price?: { input: number; output: number; cached?: number };
}

export interface ModelsContext {
  /** Seconds since the epoch when the server started: the `created` date of every model. */
  startedAt: number;
  /** The `{model}` of the route's path, for a route that describes one model. */
  model?: string;
}

/**
 * What a route does:
 * - `generate`: parse, call the pool, answer with the stream in `encoding` (default `sse`) or folded;
 *   `stream` set means the route decides streaming (the body's own flag is not read).
 * - `count-tokens`: the dialect's `countTokens` parse, the pool's count, its render.
 * - `list-models` / `get-model`: the dialect's `models.list` / `models.get`.
 * - `acknowledge`: answers `{}` and does nothing (telemetry a client posts to its base URL).
 */
export type RouteAction =
  | { does: 'generate'; stream?: boolean; encoding?: string }
  | { does: 'count-tokens' }
  | { does: 'list-models' }
  | { does: 'get-model' }
  | { does: 'acknowledge' };

/**
 * Only when the request carries this header (any value) and these query values. Routes on the same
 * method and path are tried by `priority` (higher first), routes with a condition before the one without.
 */
export interface RouteCondition {
  header?: string;
  query?: Readonly<Record<string, string>>;
}

export type DialectRoute = RouteAction & {
  method: 'GET' | 'POST';
  /**
   * A path as hono writes them. `{model}` stands for the model the path names: as a whole last
   * segment, or followed by `:verb` (`/v1beta/models/{model}:generateContent`), where routes on
   * the same prefix share one registered path and are told apart by the verb.
   */
  path: string;
  when?: RouteCondition;
  priority?: number;
  /** Served without the API key: it carries nothing and reveals nothing. */
  open?: boolean;
  /** Logged at debug level only (a client's chatter, not the user's requests). */
  quiet?: boolean;
};

/**
 * The requests whose errors (even a refused Host or API key, or a path nobody serves) this dialect
 * renders: paths starting with `prefix`, matching `pattern` and carrying `header` when given.
 * The longest matching prefix wins; the registry's fallback renders the rest.
 */
export interface ErrorClaim {
  prefix: string;
  pattern?: RegExp;
  header?: string;
}

/**
 * One client dialect: pure functions from the wire to canonical and back, and how it is served.
 * Its functions are properties, not methods: the server hands them around unbound.
 */
export interface Dialect {
  /** Recorded with each request (the usage ledger's `dialect`). */
  name: string;
  routes: readonly DialectRoute[];
  parseRequest: (body: unknown, ctx: ParseContext) => CanonicalRequest;
  /** By name; a `generate` route picks one (default `sse`). */
  encodings: Readonly<Record<string, StreamEncoding>>;
  renderResponse: (res: CanonicalResponse, ctx: RenderContext) => unknown;
  renderError: (err: GatewayError, requestId: string) => RenderedError;
  errorClaims: readonly ErrorClaim[];
  /** For `count-tokens` routes: the request (parseRequest when `parse` is left out) and the answer. */
  countTokens?: {
    parse?: (body: unknown, ctx: ParseContext) => CanonicalRequest;
    render: (tokens: number) => unknown;
  };
  /** For `list-models` and `get-model` routes; `get` throws not_found for a model it does not find. */
  models?: {
    list: (models: readonly ListedModel[], ctx: ModelsContext) => unknown;
    get?: (models: readonly ListedModel[], ctx: ModelsContext) => unknown;
  };
}

/** The encoding a generate route uses when it names none. */
export const DEFAULT_ENCODING = 'sse';
