// What the emulated model answers: a deterministic reply derived from the request (echo, a
// function call when asked for a declared tool, thoughts when asked for them), and the checks
// Google makes that catch translation bugs (alternating roles, schema keywords, signatures, ids).
import type { GeminiContent, GeminiGenerateContentRequest, GeminiPart, GeminiUsageMetadata } from '../../src/protocols/gemini.js';

export interface Answer {
  parts: GeminiPart[];
  finishReason: string;
  usage: GeminiUsageMetadata;
}

/** Gemini 3 and Claude signatures are long opaque strings; this one is recognisably fake. */
export function fakeSignature(model: string, n: number): string {
  return Buffer.from(`emulated-signature:${model}:${n}:`.padEnd(96, '.')).toString('base64');
}

const isClaude = (model: string): boolean => /claude/i.test(model);

function lastUserTurn(req: GeminiGenerateContentRequest): GeminiContent | undefined {
  for (let i = req.contents.length - 1; i >= 0; i--) if (req.contents[i]?.role === 'user') return req.contents[i];
  return undefined;
}

function textOf(parts: readonly GeminiPart[]): string {
  return parts.map((p) => (typeof p.text === 'string' && !p.thought ? p.text : '')).join('');
}

function sampleArgs(schema: unknown): Record<string, unknown> {
  const s = (schema ?? {}) as { properties?: Record<string, { type?: string }>; required?: string[] };
  const args: Record<string, unknown> = {};
  for (const name of s.required ?? []) {
    const t = String(s.properties?.[name]?.type ?? 'STRING').toUpperCase();
    args[name] = t === 'NUMBER' || t === 'INTEGER' ? 1 : t === 'BOOLEAN' ? true : t === 'ARRAY' ? [] : t === 'OBJECT' ? {} : 'example';
  }
  return args;
}

let signatureCounter = 0;

export function defaultAnswer(model: string, req: GeminiGenerateContentRequest): Answer {
  const user = lastUserTurn(req);
  const responses = (user?.parts ?? []).filter((p) => p.functionResponse);
  const text = textOf(user?.parts ?? []);
  const parts: GeminiPart[] = [];
  const thinking = req.generationConfig?.thinkingConfig?.includeThoughts === true;
  const signature = fakeSignature(model, ++signatureCounter);
  if (thinking) parts.push({ text: `Thinking about: ${text || 'the tool result'}`, thought: true, thoughtSignature: signature });

  const declared = (req.tools ?? []).flatMap((t) => t.functionDeclarations ?? []);
  const wanted = responses.length === 0 ? declared.find((d) => new RegExp(`\\b${escape(d.name)}\\b`).test(text)) : undefined;
  if (wanted) {
    const call: GeminiPart = { functionCall: { name: wanted.name, args: sampleArgs(wanted.parameters) } };
    if (isClaude(model)) call.functionCall!.id = `toolu_emu_${signatureCounter}`;
    else call.thoughtSignature = signature;
    parts.push(call);
  } else if (responses.length > 0) {
    const r = responses.map((p) => `${p.functionResponse!.name} → ${JSON.stringify(p.functionResponse!.response)}`);
    parts.push({ text: `Tool results: ${r.join('; ')}` });
  } else {
    parts.push({ text: `Echo: ${text}` });
  }
  return { parts, finishReason: 'STOP', usage: usageFor(req, parts) };
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function usageFor(req: GeminiGenerateContentRequest, parts: readonly GeminiPart[]): GeminiUsageMetadata {
  const prompt = Math.ceil(JSON.stringify(req.contents).length / 4);
  let out = 0;
  let thoughts = 0;
  for (const p of parts) {
    const n = Math.ceil(JSON.stringify(p.text ?? p.functionCall ?? '').length / 4);
    if (p.thought) thoughts += n;
    else out += n;
  }
  const usage: GeminiUsageMetadata = { promptTokenCount: prompt, candidatesTokenCount: out, totalTokenCount: prompt + out + thoughts };
  if (thoughts) usage.thoughtsTokenCount = thoughts;
  return usage;
}

/** Keys Google's function Schema knows; anything else fails the request as the real API does. */
const SCHEMA_KEYS = new Set([
  'type', 'format', 'title', 'description', 'nullable', 'enum', 'maxItems', 'minItems', 'properties', 'required',
  'minProperties', 'maxProperties', 'minLength', 'maxLength', 'pattern', 'example', 'anyOf', 'propertyOrdering',
  'default', 'items', 'minimum', 'maximum',
]);

function schemaProblem(schema: unknown, path: string): string | undefined {
  if (!schema || typeof schema !== 'object') return undefined;
  const s = schema as Record<string, unknown>;
  for (const k of Object.keys(s)) if (!SCHEMA_KEYS.has(k)) return `Invalid JSON payload received. Unknown name "${k}" at '${path}': Cannot find field.`;
  if (Array.isArray(s.type)) return `Invalid JSON payload received. Proto field is not repeating, cannot start list at '${path}.type'.`;
  for (const [name, child] of Object.entries((s.properties as Record<string, unknown>) ?? {})) {
    const p = schemaProblem(child, `${path}.properties[${name}].value`);
    if (p) return p;
  }
  return schemaProblem(s.items, `${path}.items`);
}

/** The first thing about this request that the real API would reject with 400, if any. */
export function requestProblem(model: string, req: GeminiGenerateContentRequest | undefined): string | undefined {
  if (!req || !Array.isArray(req.contents) || req.contents.length === 0) return '* GenerateContentRequest.contents: contents is not specified';
  let prev: string | undefined;
  for (const [i, c] of req.contents.entries()) {
    if (c.role !== 'user' && c.role !== 'model') return `Invalid role "${String(c.role)}" in contents[${i}].`;
    if (c.role === prev) return 'Please ensure that multiturn requests alternate between user and model.';
    if (!Array.isArray(c.parts) || c.parts.length === 0) return `contents[${i}].parts must not be empty.`;
    prev = c.role;
    const calls = c.parts.filter((p) => p.functionCall);
    if (c.role === 'model' && calls.length > 0) {
      if (isClaude(model) && calls.some((p) => !p.functionCall!.id)) return `contents[${i}]: tool_use.id: Field required`;
      if (/gemini-3/.test(model) && !calls[0]!.thoughtSignature) {
        return `Function call is missing a thought_signature in functionCall parts. position ${i}`;
      }
      const next = req.contents[i + 1];
      const answered = next?.parts.filter((p) => p.functionResponse).length ?? 0;
      if (next && answered !== calls.length) {
        return 'Please ensure that the number of function response parts is equal to the number of function call parts of the function call turn.';
      }
    }
  }
  if (req.contents[0]?.role !== 'user') return 'Please ensure that the first turn is a user turn.';
  for (const [ti, tool] of (req.tools ?? []).entries()) {
    for (const [fi, fn] of (tool.functionDeclarations ?? []).entries()) {
      if (!/^[A-Za-z_][A-Za-z0-9_.:-]{0,63}$/.test(fn.name)) return `Invalid function name "${fn.name}".`;
      const p = schemaProblem(fn.parameters, `request.tools[${ti}].function_declarations[${fi}].parameters`);
      if (p) return p;
    }
  }
  const tc = req.generationConfig?.thinkingConfig;
  if (tc && tc.thinkingBudget !== undefined && tc.thinkingLevel !== undefined) return 'thinking_budget and thinking_level are mutually exclusive.';
  if ((req.generationConfig?.stopSequences?.length ?? 0) > 5) return 'stop_sequences: at most 5 are allowed.';
  return undefined;
}

/**
 * Cuts an answer into `n` SSE events: text parts split into pieces (never inside a surrogate
 * pair), function calls whole; the last event carries finishReason and usage.
 */
export function cutIntoEvents(answer: Answer, n: number): GeminiPart[][] {
  const pieces: GeminiPart[] = [];
  for (const part of answer.parts) {
    if (typeof part.text !== 'string' || part.text.length < 2 || n <= 1) {
      pieces.push(part);
      continue;
    }
    const chars = Array.from(part.text);
    const size = Math.max(1, Math.ceil(chars.length / n));
    const { thoughtSignature, ...rest } = part;
    for (let i = 0; i < chars.length; i += size) {
      const piece: GeminiPart = { ...rest, text: chars.slice(i, i + size).join('') };
      // Google puts the signature on the last piece of a thought.
      if (thoughtSignature && i + size >= chars.length) piece.thoughtSignature = thoughtSignature;
      pieces.push(piece);
    }
  }
  const events: GeminiPart[][] = [];
  const per = Math.max(1, Math.ceil(pieces.length / Math.max(1, n)));
  for (let i = 0; i < pieces.length; i += per) events.push(pieces.slice(i, i + per));
  if (events.length === 0) events.push([]);
  return events;
}
