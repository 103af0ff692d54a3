// Canonical finish reason → Anthropic stop_reason.
import type { FinishReason } from '../../canonical/index.js';
import { assertNever } from '../../canonical/index.js';

export type StopReason = 'end_turn' | 'max_tokens' | 'stop_sequence' | 'tool_use' | 'refusal';

/**
 * `sawToolCall` wins over the reason: Gemini says STOP after a function call, and a client that
 * sees tool_use blocks under `end_turn` would not run them. Gemini never says which stop sequence
 * matched, so `stop_sequence` comes only from an upstream that reports it in the raw reason.
 */
export function mapFinishReason(reason: FinishReason, sawToolCall: boolean, rawReason?: string): StopReason {
  if (sawToolCall && (reason === 'stop' || reason === 'tool-calls' || reason === 'other')) return 'tool_use';
  switch (reason) {
    case 'stop':
      return rawReason?.toLowerCase() === 'stop_sequence' ? 'stop_sequence' : 'end_turn';
    case 'length':
      return 'max_tokens';
    case 'tool-calls':
      return 'tool_use';
    case 'content-filter':
      return 'refusal';
    case 'error':
    case 'other':
      return 'end_turn';
    default:
      return assertNever(reason);
  }
}
