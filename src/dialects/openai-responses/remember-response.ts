// Saves a finished response so a later request can continue it with previous_response_id.
import type { CanonicalResponse, Message } from '../../canonical/index.js';
import type { RenderContext } from '../dialect.js';
import { responseIdFor } from './build-response.js';
import { readHints } from './parse-request.js';
import type { ResponseStore } from './response-store.js';

/**
 * Keeps the request's whole conversation plus this answer, unless the client said `store: false`.
 * Message objects are shared with earlier entries of the same chain (nothing mutates them), so a
 * chain of N turns costs its messages once, not N times.
 */
export function rememberResponse(store: ResponseStore, ctx: RenderContext, content: CanonicalResponse['content']): void {
  const hints = readHints(ctx.request);
  if (!hints.store) return;
  const messages: Message[] = [...ctx.request.messages];
  if (content.length > 0) messages.push({ role: 'assistant', parts: [...content] });
  store.set(responseIdFor(ctx.requestId), {
    ...(hints.itemSystem !== undefined ? { system: hints.itemSystem } : {}),
    messages,
  });
}
