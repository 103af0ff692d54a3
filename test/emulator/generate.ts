// Emulated generation: generateContent, streamGenerateContent (alt=sse) and countTokens, with
// scripted replies (errors, custom parts, dropped connections, delays) taking precedence.
import type { HttpBindings } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { Context, Hono } from 'hono';
import type { GeminiGenerateContentRequest, GeminiPart } from '../../src/protocols/gemini.js';
import { FLAVOR_INFO } from '../../src/google/flavor-info.js';
import { refuseCall } from './account-trouble.js';
import { cutIntoEvents, defaultAnswer, requestProblem, usageFor, type Answer } from './generate-answer.js';
import { faultBeforeAnswer, shapeStream } from './faults.js';
import { googleError, sendGoogleError } from './google-error.js';
import type { EmulatedAccount, EmulatorState, ScriptedReply } from './state.js';
import { claudeSignatureProblem, REFUSAL_TEXTS, refusesToCount, versionRefusal } from './today.js';

const sleep = (ms: number): Promise<void> => (ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve());

interface Wrapper {
  model?: string;
  project?: string;
  request?: GeminiGenerateContentRequest;
}

/** The models an account may use: its quota map, else the default catalog of its flavor. */
export function knownModels(account: EmulatedAccount, c: Context): string[] {
  const ids = Object.keys(account.quota);
  if (ids.length > 0) return ids;
  const flavor = c.req.header('x-client-name') === 'antigravity' ? 'antigravity' : 'gemini-cli';
  return [...FLAVOR_INFO[flavor].defaultModels];
}

export function registerGenerateRoutes(app: Hono, state: EmulatorState): void {
  app.post('/v1internal:generateContent', (c) => generate(c, state, false));
  app.post('/v1internal:streamGenerateContent', (c) => generate(c, state, true));
  app.post('/v1internal:countTokens', (c) => countTokens(c, state));
}

async function readJson<T>(c: Context): Promise<T | undefined> {
  try {
    return await c.req.json<T>();
  } catch {
    return undefined;
  }
}

function dropBeforeHeaders(c: Context): Response {
  (c.env as HttpBindings).incoming.socket.destroy();
  return RESPONSE_ALREADY_SENT;
}

async function generate(c: Context, state: EmulatorState, streaming: boolean): Promise<Response> {
  const method = streaming ? 'streamGenerateContent' : 'generateContent';
  const account = state.accountForAuthorization(c.req.header('authorization'));
  if (!account) return sendGoogleError(c, { code: 401 });
  const refused = refuseCall(c, state, account);
  if (refused) return refused;
  const body = await readJson<Wrapper>(c);
  const fault = faultBeforeAnswer(c, state.faults, state.faultCounters, account.email);
  if (fault !== undefined) return fault;
  const reply = state.takeReply(method, account.email);
  await sleep(state.options.latencyMs + (reply?.delayMs ?? 0));
  // A non-streamed answer has no events to cut after: any drop cuts it before the headers.
  if (reply?.drop === 'before-headers' || (reply?.drop && !streaming)) return dropBeforeHeaders(c);
  if (reply?.status !== undefined) return c.json(reply.body ?? googleError({ code: reply.status }), reply.status as 400, reply.headers);

  const model = body?.model ?? '';
  const refusal = versionRefusal(c, state);
  if (!knownModels(account, c).includes(model) || refusal === 'not-found') {
    return sendGoogleError(c, { code: 404, message: `Requested entity was not found. Model ${model} is not available.` });
  }
  const problem = requestProblem(model, body?.request) ?? claudeSignatureProblem(state, model, body!.request!);
  if (problem) return sendGoogleError(c, { code: 400, message: problem });
  const answer = refusal
    ? { parts: [{ text: REFUSAL_TEXTS[refusal] }], finishReason: 'STOP', usage: { promptTokenCount: 0, candidatesTokenCount: 0, totalTokenCount: 0 } }
    : answerFor(model, body!.request!, reply);
  const responseId = `emu-${Date.now().toString(36)}`;
  if (!streaming) {
    return c.json({ response: wrapResponse(model, responseId, answer.parts, answer, true), traceId: responseId });
  }
  return streamAnswer(c, state, model, responseId, answer, reply);
}

function answerFor(model: string, req: GeminiGenerateContentRequest, reply: ScriptedReply | undefined): Answer {
  if (reply?.parts) {
    const parts = reply.parts as GeminiPart[];
    return { parts, finishReason: reply.finishReason ?? 'STOP', usage: usageFor(req, parts) };
  }
  const answer = defaultAnswer(model, req);
  if (reply?.finishReason) answer.finishReason = reply.finishReason;
  return answer;
}

function wrapResponse(model: string, responseId: string, parts: GeminiPart[], answer: Answer, last: boolean): Record<string, unknown> {
  const candidate: Record<string, unknown> = { content: { role: 'model', parts }, index: 0 };
  if (last) candidate.finishReason = answer.finishReason;
  const response: Record<string, unknown> = { candidates: [candidate], modelVersion: model, responseId };
  if (last) response.usageMetadata = answer.usage;
  return response;
}

/** Writes the SSE straight to the socket so a scripted drop can cut it after exact events. */
async function streamAnswer(
  c: Context,
  state: EmulatorState,
  model: string,
  responseId: string,
  answer: Answer,
  reply: ScriptedReply | undefined,
): Promise<Response> {
  const { outgoing } = c.env as HttpBindings;
  const { events, delayMs, dropAfter } = shapeStream(state.faults, {
    events: cutIntoEvents(answer, state.options.streamChunks),
    delayMs: state.options.chunkDelayMs,
    dropAfter: typeof reply?.drop === 'object' ? reply.drop.afterEvents : undefined,
  });
  let closed = false;
  let cutByUs = false;
  outgoing.on('close', () => {
    if (!outgoing.writableFinished && !cutByUs) state.abortedStreams++;
    closed = true;
  });
  outgoing.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
  for (const [i, parts] of events.entries()) {
    if (closed) return RESPONSE_ALREADY_SENT;
    if (dropAfter !== undefined && i >= dropAfter) {
      // Let the written events reach the client, then cut the connection mid-answer.
      await new Promise<void>((r) => outgoing.write('', () => r()));
      cutByUs = true;
      outgoing.socket?.destroy();
      return RESPONSE_ALREADY_SENT;
    }
    if (i > 0) await sleep(delayMs);
    const data = { response: wrapResponse(model, responseId, parts, answer, i === events.length - 1), traceId: responseId };
    outgoing.write(`data: ${JSON.stringify(data)}\r\n\r\n`);
  }
  outgoing.end();
  return RESPONSE_ALREADY_SENT;
}

async function countTokens(c: Context, state: EmulatorState): Promise<Response> {
  const account = state.accountForAuthorization(c.req.header('authorization'));
  if (!account) return sendGoogleError(c, { code: 401 });
  const refused = refuseCall(c, state, account);
  if (refused) return refused;
  const body = await readJson<{ request?: { model?: string; contents?: unknown[] } }>(c);
  const reply = state.takeReply('countTokens', account.email);
  if (reply?.drop === 'before-headers') return dropBeforeHeaders(c);
  if (reply?.status !== undefined) return c.json(reply.body ?? googleError({ code: reply.status }), reply.status as 400, reply.headers);
  const model = (body?.request?.model ?? '').replace(/^models\//, '');
  if (!knownModels(account, c).includes(model)) return sendGoogleError(c, { code: 404, message: `Model ${model} is not available.` });
  if (!Array.isArray(body?.request?.contents)) return sendGoogleError(c, { code: 400, message: 'contents is not specified' });
  if (refusesToCount(state, model)) return sendGoogleError(c, { code: 400, message: 'Request contains an invalid argument.' });
  return c.json({ totalTokens: Math.ceil(JSON.stringify(body.request.contents).length / 4) });
}
