// A folded canonical response → the Responses API answer object.
import type { CanonicalResponse } from '../../canonical/index.js';
import type { RenderContext } from '../dialect.js';
import { outputItems, renderUsage, responseIdFor, responseObject, statusOf } from './build-response.js';
import type { ResponseObject } from './build-response.js';
import { rememberResponse } from './remember-response.js';
import type { ResponseStore } from './response-store.js';

export function renderResponsesResponse(res: CanonicalResponse, ctx: RenderContext, store: ResponseStore): ResponseObject {
  const { status, incomplete_details } = statusOf(res.finishReason);
  const output = outputItems(res.content, responseIdFor(ctx.requestId), status === 'incomplete' ? 'incomplete' : 'completed');
  const error = status === 'failed' ? { code: 'server_error', message: `The model stopped with an error (${res.rawFinishReason ?? 'unknown'}).` } : null;
  const body = responseObject(ctx, { status, incomplete_details, output, usage: renderUsage(res.usage), error });
  if (status !== 'failed') rememberResponse(store, ctx, res.content);
  return body;
}
