// Canonical finish reason → Gemini finishReason. The upstream's own word wins when it is a Gemini one.
import { assertNever } from '../../canonical/index.js';
import type { FinishReason } from '../../canonical/index.js';
import type { GeminiFinishReason } from '../../protocols/gemini.js';

const GEMINI_REASONS: ReadonlySet<string> = new Set<GeminiFinishReason>([
  'STOP',
  'MAX_TOKENS',
  'SAFETY',
  'RECITATION',
  'LANGUAGE',
  'OTHER',
  'BLOCKLIST',
  'PROHIBITED_CONTENT',
  'SPII',
  'MALFORMED_FUNCTION_CALL',
  'IMAGE_SAFETY',
  'UNEXPECTED_TOOL_CALL',
  'IMAGE_PROHIBITED_CONTENT',
  'NO_IMAGE',
  'IMAGE_RECITATION',
  'IMAGE_OTHER',
  'TOO_MANY_TOOL_CALLS',
]);

export function mapFinishReason(reason: FinishReason, raw?: string): GeminiFinishReason {
  if (raw !== undefined && GEMINI_REASONS.has(raw)) return raw as GeminiFinishReason;
  switch (reason) {
    case 'stop':
    case 'tool-calls':
      return 'STOP';
    case 'length':
      return 'MAX_TOKENS';
    case 'content-filter':
      return 'SAFETY';
    case 'error':
    case 'other':
      return 'OTHER';
    default:
      return assertNever(reason);
  }
}
