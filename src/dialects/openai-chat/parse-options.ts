// Tools, tool_choice, response_format and reasoning_effort → canonical settings.
import type { ResponseFormat, ThinkingSettings, ToolChoice, ToolSpec } from '../../canonical/index.js';
import { toReasoningEffort } from '../reasoning-effort.js';
import { invalidAt, validate } from '../validate.js';
import {
  allowedToolsChoiceSchema,
  flatFunctionToolSchema,
  jsonSchemaFormatSchema,
  namedToolChoiceSchema,
  nestedFunctionToolSchema,
} from './schema.js';

// A fresh object per tool: later layers may rewrite schemas in place.
const emptyObjectSchema = () => ({ type: 'object', properties: {} });

/** Function tools only; other kinds (custom grammar tools, hosted tools) have no upstream meaning and are left out. */
export function parseTools(tools: ReadonlyArray<{ type?: string | undefined }>): ToolSpec[] {
  const specs: ToolSpec[] = [];
  tools.forEach((tool, i) => {
    if (tool.type !== undefined && tool.type !== 'function') return;
    const at = ['tools', i];
    const fn = 'function' in tool ? validate(nestedFunctionToolSchema, tool, at).function : validate(flatFunctionToolSchema, tool, at);
    const spec: ToolSpec = { name: fn.name, parameters: fn.parameters ?? emptyObjectSchema() };
    if (fn.description) spec.description = fn.description;
    specs.push(spec);
  });
  return specs;
}

export function parseToolChoice(choice: string | { type: string }): ToolChoice {
  if (typeof choice === 'string') {
    if (choice === 'auto' || choice === 'none' || choice === 'required') return { type: choice };
    return invalidAt(['tool_choice'], `expected 'auto', 'none', 'required' or an object, got '${choice}'`);
  }
  switch (choice.type) {
    case 'function':
      // The flat Responses form {type, name} is accepted too.
      if ('name' in choice && typeof choice.name === 'string') return { type: 'tool', name: choice.name };
      return { type: 'tool', name: validate(namedToolChoiceSchema, choice, ['tool_choice']).function.name };
    case 'allowed_tools': {
      const mode = validate(allowedToolsChoiceSchema, choice, ['tool_choice']).allowed_tools.mode;
      return mode === 'required' ? { type: 'required' } : { type: 'auto' };
    }
    default:
      return invalidAt(['tool_choice', 'type'], `unsupported tool_choice type '${choice.type}'`);
  }
}

export function parseResponseFormat(format: { type: string }): ResponseFormat {
  switch (format.type) {
    case 'text':
      return { type: 'text' };
    case 'json_object':
      return { type: 'json' };
    case 'json_schema': {
      const { json_schema } = validate(jsonSchemaFormatSchema, format, ['response_format']);
      const out: ResponseFormat = { type: 'json' };
      if (json_schema.schema) out.schema = json_schema.schema;
      if (json_schema.name) out.name = json_schema.name;
      return out;
    }
    default:
      return invalidAt(['response_format', 'type'], `expected 'text', 'json_object' or 'json_schema', got '${format.type}'`);
  }
}

/** The client asked for reasoning, so it wants it back as reasoning_content. */
export function parseReasoningEffort(effort: string): ThinkingSettings {
  if (effort === 'none') return { enabled: false };
  const level = toReasoningEffort(effort, ['xhigh']);
  if (level === undefined) return invalidAt(['reasoning_effort'], `expected none, minimal, low, medium or high, got '${effort}'`);
  return { enabled: true, effort: level, includeThoughts: true };
}
