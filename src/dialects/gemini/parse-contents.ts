// Gemini `contents` → canonical messages. Gemini often leaves functionCall.id out: ids are then made
// from the call's position and content, so the same history always gets the same ids, and each functionResponse
// takes the oldest unanswered call of its name (Gemini pairs calls and responses by order).
import { createHash } from 'node:crypto';
import type { ImagePart, Message, Part, TextPart } from '../../canonical/index.js';
import type { GeminiContentInput, GeminiPartInput } from './request-schema.js';

export function parseContents(contents: readonly GeminiContentInput[]): Message[] {
  const messages: Message[] = [];
  /** name → ids of calls not answered yet, oldest first */
  const pending = new Map<string, string[]>();
  contents.forEach((content, ci) => {
    const role: Message['role'] = content.role === 'model' ? 'assistant' : 'user';
    const parts: Part[] = [];
    content.parts.forEach((p, pi) => {
      const part = toPart(p, `${ci}_${pi}`, pending);
      if (part) parts.push(...part);
    });
    if (parts.length === 0) return;
    const last = messages[messages.length - 1];
    if (last && last.role === role) last.parts.push(...parts);
    else messages.push({ role, parts });
  });
  return messages;
}

function toPart(p: GeminiPartInput, position: string, pending: Map<string, string[]>): Part[] | undefined {
  const signature = p.thoughtSignature ? { signature: p.thoughtSignature } : {};
  if (p.functionCall) {
    const call = p.functionCall;
    const id = call.id ?? mintId(position, call.name, call.args);
    pending.set(call.name, [...(pending.get(call.name) ?? []), id]);
    return [{ type: 'tool-call', id, name: call.name, input: call.args ?? {}, ...signature }];
  }
  if (p.functionResponse) {
    const r = p.functionResponse;
    const queue = pending.get(r.name) ?? [];
    let callId: string;
    if (r.id) {
      callId = r.id;
      const at = queue.indexOf(r.id);
      if (at >= 0) queue.splice(at, 1);
    } else {
      callId = queue.shift() ?? `call_${position}`;
    }
    const response = r.response ?? {};
    const isError = 'error' in response && !('output' in response);
    const media = (r.parts ?? []).flatMap((x) => mediaPart(x as GeminiPartInput));
    return [{ type: 'tool-result', callId, name: r.name, content: [resultText(response), ...media], ...(isError ? { isError } : {}) }];
  }
  if (p.text != null) {
    if (p.thought) return [{ type: 'thinking', text: p.text, ...signature }];
    // An empty text part may exist only to carry a signature; without one it says nothing.
    if (p.text === '' && !p.thoughtSignature) return undefined;
    return [{ type: 'text', text: p.text, ...signature }];
  }
  const media = mediaPart(p);
  if (media.length > 0) return media;
  // A bare signature part (Gemini sends one at the end of some turns).
  if (p.thoughtSignature) return [{ type: 'text', text: '', signature: p.thoughtSignature }];
  // executableCode, codeExecutionResult, videoMetadata...: nothing canonical to carry them.
  return undefined;
}

/** Position plus a digest of the call: stable when history is resent, unlikely to meet another conversation's. */
function mintId(position: string, name: string, args: unknown): string {
  const digest = createHash('sha256').update(`${name}\u0000${JSON.stringify(args ?? {})}`).digest('hex').slice(0, 10);
  return `call_${position}_${digest}`;
}

function mediaPart(p: GeminiPartInput): ImagePart[] {
  if (p.inlineData) return [{ type: 'image', mimeType: p.inlineData.mimeType, data: p.inlineData.data }];
  if (p.fileData) return [{ type: 'image', mimeType: p.fileData.mimeType ?? 'application/octet-stream', url: p.fileData.fileUri }];
  return [];
}

/** `{output: x}` (or `result` / `error`) carries x; any other object travels as its JSON. */
function resultText(response: Record<string, unknown>): TextPart {
  const keys = Object.keys(response);
  const key = keys.length === 1 ? keys[0] : undefined;
  if (key === 'output' || key === 'result' || key === 'error') {
    const value = response[key];
    return { type: 'text', text: typeof value === 'string' ? value : JSON.stringify(value) };
  }
  return { type: 'text', text: JSON.stringify(response) };
}
