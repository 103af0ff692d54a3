// What the gateway remembers of one request that reached the pool: collected once while the request
// runs, then handed to every consumer (the usage ledger, the access log line, the dashboard's live
// feed). Never any prompt or answer text.
import type { GenerationTrace } from '../pool/backend.js';

/** The pool writes its part (GenerationTrace: model served, account, strategy, attempts) as it goes. */
export interface RequestRecord extends GenerationTrace {
  id: string;
  /** ms since the epoch when the request arrived. */
  at: number;
  dialect: string;
  /** e.g. 'POST /v1/messages'; Gemini paths name the method, not the model ('POST /v1beta/models/{model}:generateContent'). */
  route: string;
  /** Which client API key was presented, when the gateway requires one. */
  keyLabel?: string;
  modelAsked: string;
  /** HTTP status sent; 499 when the client went away before its answer was complete. */
  status: number;
  /** The GatewayError kind when the request failed (also midway through a stream, after a 200). */
  errorKind?: string;
  /** All prompt tokens, cached ones included. */
  inputTokens: number;
  /** All output tokens, thinking included. */
  outputTokens: number;
  /** The part of outputTokens spent thinking. */
  thinkingTokens: number;
  /** The part of inputTokens served from a cache. */
  cachedTokens: number;
  latencyMs: number;
  /** ms from arrival until the answer's first byte was sent (headers of a stream, the body of a folded answer). */
  ttfbMs?: number;
  streamed: boolean;
  /** What the tokens would have cost on the paid API, in USD; absent for a model with no known price. */
  costUsd?: number;
  /** The client program, from its User-Agent (claude-code, codex, openai-js, ...). */
  client?: string;
}

/** errorKind of a request whose client went away before its answer was complete. */
export const CLIENT_CLOSED = 'client_closed';
