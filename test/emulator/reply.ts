// Serves a scripted reply (status, body, headers, delay) when a test queued one.
import type { Context } from 'hono';
import type { ScriptedReply } from './state.js';

export async function scriptedResponse(c: Context, reply: ScriptedReply): Promise<Response> {
  if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
  const status = reply.status ?? 200;
  const body = reply.body ?? (status >= 400 ? googleError(status, 'Scripted error.') : {});
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=UTF-8', ...reply.headers },
  });
}

const STATUS_WORDS: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

/** Google's error body. */
export function googleError(code: number, message: string, status?: string): { error: { code: number; message: string; status: string } } {
  return { error: { code, message, status: status ?? STATUS_WORDS[code] ?? 'UNKNOWN' } };
}
