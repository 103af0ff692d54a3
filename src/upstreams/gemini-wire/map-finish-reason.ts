import type { FinishReason } from '../../canonical/index.js';

/**
 * Gemini's finishReason → canonical. A function call ends with STOP, so the tool-calls reason
 * comes from whether the answer held a call.
 */
export function mapFinishReason(raw: string | undefined, sawToolCall: boolean): FinishReason {
  switch (raw) {
    case undefined:
    case 'STOP':
    case 'FINISH_REASON_UNSPECIFIED':
      return sawToolCall ? 'tool-calls' : 'stop';
    case 'MAX_TOKENS':
      return 'length';
    case 'SAFETY':
    case 'RECITATION':
    case 'LANGUAGE':
    case 'BLOCKLIST':
    case 'PROHIBITED_CONTENT':
    case 'SPII':
    case 'IMAGE_SAFETY':
    case 'IMAGE_PROHIBITED_CONTENT':
    case 'IMAGE_RECITATION':
      return 'content-filter';
    case 'MALFORMED_FUNCTION_CALL':
    case 'UNEXPECTED_TOOL_CALL':
    case 'TOO_MANY_TOOL_CALLS':
      return 'error';
    default:
      return sawToolCall ? 'tool-calls' : 'other';
  }
}

/** Reasons that explain an answer without parts: not an empty answer worth retrying. */
export const explainsNoContent = (raw: string | undefined): boolean =>
  raw !== undefined && raw !== 'STOP' && raw !== 'FINISH_REASON_UNSPECIFIED';
