// Responses `input` items → canonical messages, with system/developer text collected aside.
import type { z } from 'zod';
import type { ImagePart, Message, Part, TextPart } from '../../canonical/index.js';
import { assertJsonDepth, parseJsonObject } from '../../canonical/index.js';
import {
  FunctionCallItem,
  FunctionCallOutputItem,
  InputFilePart,
  InputImagePart,
  MessageItem,
  ReasoningItem,
} from './request-schema.js';
import type { AnyPart } from './request-schema.js';
import { guessMimeType, parseDataUrl } from '../parse-data-url.js';
import { invalidAt, validate } from '../validate.js';
import type { PathItem } from '../validate.js';

export interface ParsedInput {
  messages: Message[];
  /** Text of system and developer items, in order. */
  systemTexts: string[];
}

/**
 * @param callNames call_id → function name from earlier turns (a stored conversation); the
 * names of calls in this input are added to it so function_call_output items can name their tool.
 */
export function parseInput(input: string | readonly unknown[] | undefined, callNames: Map<string, string>): ParsedInput {
  const out: ParsedInput = { messages: [], systemTexts: [] };
  if (input === undefined) return out;
  if (typeof input === 'string') {
    if (input !== '') out.messages.push({ role: 'user', parts: [{ type: 'text', text: input }] });
    return out;
  }
  for (const raw of input) {
    const item = raw as { type?: unknown };
    if (item.type === 'function_call' && typeof (raw as { name?: unknown }).name === 'string') {
      const r = raw as { call_id?: unknown; name: string };
      if (typeof r.call_id === 'string') callNames.set(r.call_id, r.name);
    }
  }
  input.forEach((raw, i) => parseItem(raw, i, callNames, out));
  return out;
}

function parseItem(raw: unknown, i: number, callNames: Map<string, string>, out: ParsedInput): void {
  const type = (raw as { type?: unknown }).type;
  switch (type) {
    case undefined:
    case 'message': {
      const item = check(MessageItem, raw, i);
      if (item.role === 'system' || item.role === 'developer') {
        const text = systemText(item.content, i);
        if (text !== '') out.systemTexts.push(text);
        return;
      }
      append(out.messages, item.role, contentParts(item.content, ['input', i, 'content']));
      return;
    }
    case 'function_call': {
      const item = check(FunctionCallItem, raw, i);
      append(out.messages, 'assistant', [
        { type: 'tool-call', id: item.call_id, name: item.name, input: parseArguments(item.arguments, i) },
      ]);
      return;
    }
    case 'function_call_output': {
      const item = check(FunctionCallOutputItem, raw, i);
      const name = callNames.get(item.call_id);
      const content = typeof item.output === 'string' ? [{ type: 'text' as const, text: item.output }] : mediaParts(item.output, ['input', i, 'output']);
      append(out.messages, 'user', [{ type: 'tool-result', callId: item.call_id, ...(name !== undefined ? { name } : {}), content }]);
      return;
    }
    case 'reasoning': {
      const item = check(ReasoningItem, raw, i);
      const texts = (item.summary?.length ? item.summary : (item.content ?? [])).map((s) => s.text);
      const text = texts.join('\n\n');
      const signature = item.encrypted_content ?? undefined;
      if (text === '' && signature === undefined) return;
      append(out.messages, 'assistant', [{ type: 'thinking', text, ...(signature !== undefined ? { signature } : {}) }]);
      return;
    }
    default:
      // item_reference, custom/local_shell/web_search calls...: nothing the upstream can use.
      return;
  }
}

function check<T extends z.ZodType>(schema: T, raw: unknown, i: number): z.output<T> {
  return validate(schema, raw, ['input', i]);
}

/** Consecutive items of one role form one turn (a model turn = reasoning + text + its calls). */
function append(messages: Message[], role: Message['role'], parts: Part[]): void {
  if (parts.length === 0) return;
  const last = messages[messages.length - 1];
  if (last && last.role === role) last.parts.push(...parts);
  else messages.push({ role, parts });
}

function systemText(content: string | AnyPart[], i: number): string {
  if (typeof content === 'string') return content;
  return content
    .map((p, j) => {
      const t = (p as { text?: unknown }).text;
      if (typeof t === 'string') return t;
      return invalidAt(['input', i, 'content', j], 'system and developer messages take text parts only');
    })
    .join('\n\n');
}

function contentParts(content: string | AnyPart[], path: PathItem[]): Part[] {
  if (typeof content === 'string') return content === '' ? [] : [{ type: 'text', text: content }];
  return mediaParts(content, path);
}

function mediaParts(parts: AnyPart[], path: PathItem[]): Array<TextPart | ImagePart> {
  const out: Array<TextPart | ImagePart> = [];
  parts.forEach((p, j) => {
    const at = [...path, j];
    switch (p.type) {
      case 'input_text':
      case 'output_text':
      case 'text': {
        const t = (p as { text?: unknown }).text;
        if (typeof t === 'string' && t !== '') out.push({ type: 'text', text: t });
        return;
      }
      case 'refusal': {
        const t = (p as { refusal?: unknown }).refusal;
        if (typeof t === 'string' && t !== '') out.push({ type: 'text', text: t });
        return;
      }
      case 'input_image': {
        const img = validate(InputImagePart, p, at);
        if (!img.image_url) invalidAt(at, 'only image_url images are supported (the gateway has no Files API)');
        out.push(imageFromUrl(img.image_url, at));
        return;
      }
      case 'input_file': {
        const file = validate(InputFilePart, p, at);
        const url = file.file_data ?? file.file_url;
        if (!url) return invalidAt(at, 'only file_data or file_url files are supported (the gateway has no Files API)');
        out.push(imageFromUrl(url, at, file.filename ?? undefined));
        return;
      }
      default:
        return;
    }
  });
  return out;
}

function imageFromUrl(url: string, at: PathItem[], filename?: string): ImagePart {
  const data = parseDataUrl(url);
  if (data) return { type: 'image', ...data };
  if (/^(https?|gs):\/\//.test(url)) return { type: 'image', mimeType: guessMime(filename ?? url), url };
  // A bare base64 file_data with a filename (what some clients send for input_file).
  if (filename !== undefined && /^[A-Za-z0-9+/=\s]+$/.test(url)) return { type: 'image', mimeType: guessMime(filename), data: url };
  return invalidAt(at, 'expected a data: URL or an http(s) URL');
}

const guessMime = (name: string): string => guessMimeType(name) ?? 'image/jpeg';

function parseArguments(args: string, i: number): Record<string, unknown> {
  const at = ['input', i, 'arguments'];
  const value = parseJsonObject(args) ?? invalidAt(at, 'the arguments of a function_call must be a JSON object');
  // JSON inside the body's JSON: the body's own depth check could not see into it.
  assertJsonDepth(value, at);
  return value;
}
