import type { FinishReason } from '../../canonical/index.js';
import { assertNever } from '../../canonical/index.js';

export type ChatFinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter';

/**
 * Canonical finish reason → Chat Completions. A turn that produced tool calls always says
 * `tool_calls`, since that is what agents loop on.
 */
export function mapFinishReason(reason: FinishReason, sawToolCall: boolean): ChatFinishReason {
  if (sawToolCall && reason !== 'length' && reason !== 'content-filter') return 'tool_calls';
  switch (reason) {
    case 'stop':
    case 'error':
    case 'other':
      return 'stop';
    case 'length':
      return 'length';
    case 'tool-calls':
      return 'tool_calls';
    case 'content-filter':
      return 'content_filter';
    default:
      return assertNever(reason);
  }
}
