// Canonical messages → Gemini `contents`: roles alternating from a user turn, empty text dropped,
// tool results as functionResponse parts answering their calls, images as inline or file data,
// and thought signatures sent back only where the target model family can use them.
import type { ImagePart, Message, Part, TextPart, ToolCallPart, ToolResultPart } from '../../canonical/index.js';
import type { GeminiContent, GeminiPart, GeminiRole } from '../../protocols/gemini.js';
import type { ToolNames } from './build-tools.js';
import type { ModelFamily } from './model-family.js';
import type { SignatureCache } from './signature-cache.js';

/** Google's documented stand-in when a function call's real signature is lost. */
const SKIP_SIGNATURE = 'skip_thought_signature_validator';

/** Claude signatures are long; anything shorter is not one (antigravity-claude-proxy's rule). */
const MIN_CLAUDE_SIGNATURE = 50;

/** Claude through Cloud Code rejects empty text, so a needed placeholder has a character. */
const PLACEHOLDER = '.';

const UNANSWERED = 'The client sent no result for this call.';

export interface ContentOptions {
  family: ModelFamily;
  names: ToolNames;
  signatures?: SignatureCache;
  /**
   * Claude's earlier thinking is sent back (default). False leaves all of it out, remembered or
   * not: the retry after Claude refused the thinking a request carried.
   */
  replayThinking?: boolean;
}

export function buildContents(messages: readonly Message[], opts: ContentOptions): GeminiContent[] {
  const callNames = new Map<string, string>();
  for (const m of messages) for (const p of m.parts) if (p.type === 'tool-call') callNames.set(p.id, p.name);

  const turns: GeminiContent[] = [];
  for (const m of messages) {
    const role: GeminiRole = m.role === 'assistant' ? 'model' : 'user';
    const parts = role === 'model' ? modelParts(m.parts, callNames, opts) : userParts(m.parts, callNames, opts);
    if (parts.length === 0) continue;
    const last = turns[turns.length - 1];
    if (last?.role === role) last.parts.push(...parts);
    else turns.push({ role, parts });
  }
  for (const t of turns) if (t.role === 'user') t.parts = responsesFirst(t.parts);
  answerEveryCall(turns);
  if (turns[0]?.role === 'model') turns.unshift({ role: 'user', parts: [{ text: PLACEHOLDER }] });
  return turns;
}

function modelParts(parts: readonly Part[], callNames: Map<string, string>, opts: ContentOptions): GeminiPart[] {
  const out: GeminiPart[] = [];
  let hasThinking = false;
  const replay = opts.replayThinking !== false || opts.family !== 'claude';
  for (const p of parts) {
    switch (p.type) {
      case 'text':
        if (p.text.trim() !== '') out.push(textPart(p, opts));
        break;
      case 'thinking': {
        if (!replay) break;
        const signature = usableSignature(p.signature, opts);
        // Thinking without a signature the model accepts cannot be replayed; it is dropped.
        if (signature === undefined || (p.redacted && opts.family !== 'claude')) break;
        // Claude Code asks for thinking "omitted" and sends back the signature with empty text;
        // the text it stands for, remembered with the call it led to, goes back with it.
        const text = p.text === '' && !p.redacted ? (rememberedThinking(parts, signature, opts) ?? '') : p.text;
        out.push({ text, thought: true, thoughtSignature: signature });
        hasThinking = true;
        break;
      }
      case 'tool-call': {
        const memory = opts.signatures?.toolCall(p.id);
        if (opts.family === 'claude' && replay && !hasThinking && memory?.thinking && memory.family === 'claude') {
          // The client dropped the thinking that led to this call; Claude wants it back in front.
          out.unshift({ text: memory.thinking.text, thought: true, thoughtSignature: memory.thinking.signature });
          hasThinking = true;
        }
        out.push(callPart(p, memory?.family === opts.family ? memory.signature : undefined, opts));
        break;
      }
      case 'image':
        out.push(imagePart(p));
        break;
      case 'tool-result':
        // A result inside an assistant message is a client quirk; it still answers its call.
        out.push(responsePart(p, callNames.get(p.callId) ?? p.name ?? 'unknown_tool', opts));
        break;
    }
  }
  return out;
}

/** The thinking text the gateway saw with this signature, from the memory of the message's calls. */
function rememberedThinking(parts: readonly Part[], signature: string, opts: ContentOptions): string | undefined {
  for (const p of parts) {
    if (p.type !== 'tool-call') continue;
    const thinking = opts.signatures?.toolCall(p.id)?.thinking;
    if (thinking?.signature === signature) return thinking.text;
  }
  return undefined;
}

function userParts(parts: readonly Part[], callNames: Map<string, string>, opts: ContentOptions): GeminiPart[] {
  const responses: GeminiPart[] = [];
  const media: GeminiPart[] = [];
  const rest: GeminiPart[] = [];
  for (const p of parts) {
    switch (p.type) {
      case 'text':
        if (p.text.trim() !== '') rest.push({ text: p.text });
        break;
      case 'image':
        rest.push(imagePart(p));
        break;
      case 'tool-result':
        responses.push(responsePart(p, callNames.get(p.callId) ?? p.name ?? 'unknown_tool', opts));
        // Media a tool returned rides right after the responses (Claude wants them together).
        for (const c of p.content) if (c.type === 'image') media.push(imagePart(c));
        break;
      case 'thinking':
      case 'tool-call':
        // Not something a user turn can hold; a dialect put it here by mistake.
        break;
    }
  }
  return [...responses, ...media, ...rest];
}

function textPart(p: TextPart, opts: ContentOptions): GeminiPart {
  const signature = usableSignature(p.signature, opts);
  return signature === undefined ? { text: p.text } : { text: p.text, thoughtSignature: signature };
}

function callPart(p: ToolCallPart, remembered: string | undefined, opts: ContentOptions): GeminiPart {
  const part: GeminiPart = { functionCall: { id: p.id, name: opts.names.toWire(p.name), args: p.input } };
  if (opts.family === 'gemini') {
    // Gemini 3 rejects a replayed call without a signature; the sentinel is accepted instead.
    part.thoughtSignature = usableSignature(p.signature, opts) ?? remembered ?? SKIP_SIGNATURE;
  }
  return part;
}

function responsePart(p: ToolResultPart, name: string, opts: ContentOptions): GeminiPart {
  const text = p.content
    .filter((c): c is TextPart => c.type === 'text')
    .map((c) => c.text)
    .join('\n');
  const response = p.isError ? { error: text } : { output: text };
  return { functionResponse: { id: p.callId, name: opts.names.toWire(name), response } };
}

function imagePart(p: ImagePart): GeminiPart {
  if (p.data !== undefined) return { inlineData: { mimeType: p.mimeType, data: p.data } };
  // A data: URL a dialect left whole is still bytes, not an address Google could fetch.
  const inline = /^data:([^;,]+)?(?:;[^,]*)?;base64,(.*)$/s.exec(p.url ?? '');
  if (inline) return { inlineData: { mimeType: inline[1] ?? p.mimeType, data: inline[2]! } };
  return { fileData: { mimeType: p.mimeType, fileUri: p.url ?? '' } };
}

/**
 * Signatures the gateway saw a model family make go back only to that family: one from another
 * family, or from another provider entirely (a client that switched backends), fails the whole
 * request. One it never saw (a restart, another instance, an entry forgotten) goes to Claude when
 * it is well formed, as Claude checks its own and clients such as Claude Code keep them; Gemini
 * gets the documented sentinel instead (callPart).
 */
function usableSignature(signature: string | undefined, opts: ContentOptions): string | undefined {
  if (!signature) return undefined;
  if (signature === SKIP_SIGNATURE) return opts.family === 'gemini' ? signature : undefined;
  const family = opts.signatures?.familyOf(signature);
  if (family !== undefined) return family === opts.family ? signature : undefined;
  if (opts.family === 'claude') return isWellFormedClaudeSignature(signature) ? signature : undefined;
  return opts.signatures ? undefined : signature;
}

/** Claude signatures are long base64 (antigravity-claude-proxy treats shorter ones as invalid). */
const isWellFormedClaudeSignature = (s: string): boolean => s.length >= MIN_CLAUDE_SIGNATURE && /^[A-Za-z0-9+/_=-]+$/.test(s);

/**
 * Google rejects a model turn whose calls are not all answered in the next user turn (a client
 * that was interrupted sends that): the missing answers are filled in as errors.
 */
function answerEveryCall(turns: GeminiContent[]): void {
  for (let i = 0; i + 1 < turns.length; i++) {
    const calls = turns[i]!.parts.filter((p) => p.functionCall).map((p) => p.functionCall!);
    const next = turns[i + 1]!;
    if (calls.length === 0 || next.role !== 'user') continue;
    const byId = new Map(next.parts.filter((p) => p.functionResponse).map((p) => [p.functionResponse!.id, p]));
    const ordered = calls.map(
      (c): GeminiPart => byId.get(c.id) ?? { functionResponse: { id: c.id, name: c.name, response: { error: UNANSWERED } } },
    );
    const used = new Set(ordered);
    next.parts = [...ordered, ...next.parts.filter((p) => !used.has(p))];
  }
}

/** Function responses lead their user turn, in the order of the calls they answer. */
function responsesFirst(parts: GeminiPart[]): GeminiPart[] {
  if (!parts.some((p) => p.functionResponse)) return parts;
  return [...parts.filter((p) => p.functionResponse), ...parts.filter((p) => !p.functionResponse)];
}
