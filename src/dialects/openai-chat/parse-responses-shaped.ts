// Cursor's agent mode posts Responses-shaped bodies (`input`, flat tools, `reasoning`) to
// /chat/completions and still expects Chat Completions answers (dialects-detail.md §7.2).
// Such a body is read by the Responses parser, then answered by this dialect's renderers.
import type { CanonicalRequest } from '../../canonical/index.js';
import type { ParseContext } from '../dialect.js';
import { parseResponsesRequest } from '../openai-responses/parse-request.js';
import type { ResponseStore } from '../openai-responses/response-store.js';
import { CHAT_HINTS_KEY } from './chat-hints.js';
import type { ChatHints } from './chat-hints.js';

/** Nothing answered on this route is stored, so a previous_response_id here is never found. */
const NO_HISTORY: ResponseStore = { get: () => undefined, set: () => undefined, size: 0 };

export function isResponsesShaped(body: unknown): body is Record<string, unknown> {
  return typeof body === 'object' && body !== null && !('messages' in body) && 'input' in body;
}

export function parseResponsesShaped(body: Record<string, unknown>, ctx: ParseContext): CanonicalRequest {
  const req = parseResponsesRequest(body, ctx, NO_HISTORY);
  const options = body['stream_options'];
  const asked = typeof options === 'object' && options !== null && (options as Record<string, unknown>)['include_usage'] === true;
  const hints: ChatHints = { includeUsage: req.stream && asked };
  return { ...req, hints: { ...req.hints, [CHAT_HINTS_KEY]: { ...hints } } };
}
