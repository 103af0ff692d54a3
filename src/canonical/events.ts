import type { FinishReason } from './finish-reason.js';
import type { GatewayError } from './gateway-error.js';
import type { Usage } from './usage.js';

export type BlockStart =
  | { type: 'text' }
  | { type: 'thinking'; redacted?: boolean }
  | { type: 'tool-call'; id: string; name: string };

/**
 * The stream every upstream produces and every dialect renders. Blocks are explicit:
 * at most one open at a time, indexes count up from 0, and a stream ends with exactly
 * one `finish` or `error`. `ping` is a keep-alive the server injects while the upstream is silent.
 */
export type CanonicalEvent =
  | { type: 'message-start'; id: string; model: string }
  | { type: 'block-start'; index: number; block: BlockStart }
  | { type: 'text-delta'; index: number; text: string }
  | { type: 'thinking-delta'; index: number; text: string }
  | { type: 'tool-input-delta'; index: number; json: string }
  | { type: 'block-end'; index: number; signature?: string }
  | { type: 'usage'; usage: Usage }
  | { type: 'finish'; reason: FinishReason; usage: Usage; rawReason?: string }
  | { type: 'error'; error: GatewayError }
  | { type: 'ping' };

