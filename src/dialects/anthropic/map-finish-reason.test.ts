import { describe, expect, it } from 'vitest';
import type { FinishReason } from '../../canonical/index.js';
import { mapFinishReason } from './map-finish-reason.js';

describe('mapFinishReason', () => {
  it.each<[FinishReason, boolean, string | undefined, string]>([
    ['stop', false, 'STOP', 'end_turn'],
    ['stop', true, 'STOP', 'tool_use'],
    ['tool-calls', false, undefined, 'tool_use'],
    ['length', false, 'MAX_TOKENS', 'max_tokens'],
    ['length', true, 'MAX_TOKENS', 'max_tokens'],
    ['content-filter', false, 'SAFETY', 'refusal'],
    ['other', false, 'MALFORMED_FUNCTION_CALL', 'end_turn'],
    ['other', true, 'OTHER', 'tool_use'],
    ['error', false, undefined, 'end_turn'],
    ['stop', false, 'stop_sequence', 'stop_sequence'],
  ])('%s (tool call seen: %s, raw %s) → %s', (reason, sawToolCall, raw, expected) => {
    expect(mapFinishReason(reason, sawToolCall, raw)).toBe(expected);
  });
});
