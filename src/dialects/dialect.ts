import type { CanonicalEvent, CanonicalRequest, CanonicalResponse, GatewayError } from '../canonical/index.js';

export type DialectName = 'anthropic' | 'openai-chat' | 'openai-responses' | 'gemini';

export interface ParseContext {
  requestId: string;
  /** Lower-cased request headers (anthropic-beta, x-claude-code-session-id, ...). */
  headers: Readonly<Record<string, string>>;
  /** What the route itself says: Gemini puts the model and the stream flag in the path. */
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

/** One client dialect: pure functions from the wire to canonical and back. */
export interface Dialect {
  name: DialectName;
  parseRequest(body: unknown, ctx: ParseContext): CanonicalRequest;
  /** SSE frames (or JSON-array pieces), each a complete string to write. */
  renderStream(events: AsyncIterable<CanonicalEvent>, ctx: RenderContext): AsyncIterable<string>;
  /** Content type of what renderStream yields. */
  streamContentType: string;
  renderResponse(res: CanonicalResponse, ctx: RenderContext): unknown;
  renderError(err: GatewayError, requestId: string): RenderedError;
}
