// What the gateway remembers of one finished request: who asked for what, which account served it,
// how it went and what it cost. Never a prompt or an answer.
export interface RequestRecord {
  id: string;
  /** ms since the epoch, when the request started. */
  at: number;
  dialect: string;
  /** e.g. 'POST /v1/messages'. */
  route: string;
  keyLabel?: string;
  modelAsked: string;
  modelServed?: string;
  /** The account's email. */
  account?: string;
  flavor?: string;
  strategy: string;
  attempts: number;
  failovers: number;
  /** The HTTP status sent; 499 when the client went away. */
  status: number;
  errorKind?: string;
  inputTokens: number;
  outputTokens: number;
  thinkingTokens: number;
  cachedTokens: number;
  latencyMs: number;
  ttfbMs?: number;
  streamed: boolean;
  costUsd?: number;
}
