// Chat messages → system text plus canonical user/assistant messages.
import type { Message, Part, ToolCallPart, ToolResultPart } from '../../canonical/index.js';
import { assertJsonDepth } from '../../canonical/index.js';
import { invalidAt, validate } from '../validate.js';
import type { PathItem } from '../validate.js';
import { parseMediaContent, parseTextContent } from './parse-content.js';
import {
  assistantMessageSchema,
  roleSchema,
  systemMessageSchema,
  toolMessageSchema,
  userMessageSchema,
} from './schema.js';
import type { toolCallSchema } from './schema.js';
import type { z } from 'zod';

export interface ParsedMessages {
  system?: string;
  messages: Message[];
}

/**
 * System and developer messages are hoisted into one system text, wherever they appear.
 * Tool messages become tool-result parts of one user message per run of tool messages,
 * named from the assistant tool call they answer.
 */
export function parseMessages(wire: ReadonlyArray<{ role: string }>): ParsedMessages {
  const system: string[] = [];
  const messages: Message[] = [];
  const toolNames = new Map<string, string>();
  wire.forEach((raw, i) => {
    const at: PathItem[] = ['messages', i];
    const role = validate(roleSchema, raw.role, [...at, 'role']);
    switch (role) {
      case 'system':
      case 'developer': {
        const text = parseTextContent(validate(systemMessageSchema, raw, at).content, [...at, 'content']);
        if (text.trim() !== '') system.push(text);
        break;
      }
      case 'user': {
        const parts = parseMediaContent(validate(userMessageSchema, raw, at).content, [...at, 'content']);
        if (parts.length > 0) messages.push({ role: 'user', parts });
        break;
      }
      case 'assistant': {
        const parts = parseAssistant(raw, at, toolNames);
        if (parts.length > 0) messages.push({ role: 'assistant', parts });
        break;
      }
      case 'tool':
        addToolResult(messages, parseToolMessage(raw, at, toolNames));
        break;
      case 'function':
        invalidAt([...at, 'role'], "the deprecated 'function' role is not supported; send 'tool' messages with tool_call_id");
    }
  });
  return system.length > 0 ? { system: system.join('\n\n'), messages } : { messages };
}

/** Replay order Gemini expects: thinking, then text, then tool calls. */
function parseAssistant(raw: unknown, at: PathItem[], toolNames: Map<string, string>): Part[] {
  const m = validate(assistantMessageSchema, raw, at);
  const parts: Part[] = [];
  if (m.reasoning_content) parts.push({ type: 'thinking', text: m.reasoning_content });
  if (m.content !== undefined && m.content !== null) {
    const text = parseTextContent(m.content, [...at, 'content']);
    if (text !== '') parts.push({ type: 'text', text });
  }
  (m.tool_calls ?? []).forEach((call, j) => {
    parts.push(parseToolCall(call, [...at, 'tool_calls', j]));
    toolNames.set(call.id, call.function.name);
  });
  return parts;
}

function parseToolCall(call: z.output<typeof toolCallSchema>, at: PathItem[]): ToolCallPart {
  const { name } = call.function;
  const args = call.function.arguments;
  const input = typeof args === 'string' ? parseArguments(args, call.id, name, [...at, 'function', 'arguments']) : (args ?? {});
  return { type: 'tool-call', id: call.id, name, input };
}

function parseArguments(json: string, id: string, name: string, at: PathItem[]): Record<string, unknown> {
  if (json.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return invalidAt(at, `the arguments of tool call '${id}' (${name}) are not valid JSON`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return invalidAt(at, `the arguments of tool call '${id}' (${name}) must be a JSON object`);
  }
  // JSON inside the body's JSON: the body's own depth check could not see into it.
  assertJsonDepth(value, at);
  return value as Record<string, unknown>;
}

function parseToolMessage(raw: unknown, at: PathItem[], toolNames: ReadonlyMap<string, string>): ToolResultPart {
  const m = validate(toolMessageSchema, raw, at);
  const part: ToolResultPart = {
    type: 'tool-result',
    callId: m.tool_call_id,
    content: parseMediaContent(m.content, [...at, 'content']),
  };
  const name = toolNames.get(m.tool_call_id);
  if (name !== undefined) part.name = name;
  return part;
}

/** Answers to one assistant turn travel together in one user message. */
function addToolResult(messages: Message[], part: ToolResultPart): void {
  const last = messages.at(-1);
  if (last?.role === 'user' && last.parts.every((p) => p.type === 'tool-result')) last.parts.push(part);
  else messages.push({ role: 'user', parts: [part] });
}
