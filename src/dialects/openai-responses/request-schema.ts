// Zod shapes of a Responses request: loose (unknown keys pass), only the fields the gateway reads.
import { z } from 'zod';

export const InputImagePart = z.looseObject({
  type: z.literal('input_image'),
  image_url: z.string().nullish(),
  file_id: z.string().nullish(),
  detail: z.string().nullish(),
});
export const InputFilePart = z.looseObject({
  type: z.literal('input_file'),
  file_data: z.string().nullish(),
  file_url: z.string().nullish(),
  filename: z.string().nullish(),
});
/** Anything else (input_audio, ...) is accepted and skipped. */
const AnyPart = z.looseObject({ type: z.string() });
export type AnyPart = z.infer<typeof AnyPart>;

export const MessageItem = z.looseObject({
  type: z.literal('message').optional(),
  role: z.enum(['user', 'assistant', 'system', 'developer']),
  content: z.union([z.string(), z.array(AnyPart)]),
});
export type MessageItem = z.infer<typeof MessageItem>;

export const FunctionCallItem = z.looseObject({
  type: z.literal('function_call'),
  id: z.string().nullish(),
  call_id: z.string(),
  name: z.string(),
  arguments: z.string(),
});
export type FunctionCallItem = z.infer<typeof FunctionCallItem>;

export const FunctionCallOutputItem = z.looseObject({
  type: z.literal('function_call_output'),
  call_id: z.string(),
  output: z.union([z.string(), z.array(AnyPart)]),
});
export type FunctionCallOutputItem = z.infer<typeof FunctionCallOutputItem>;

export const ReasoningItem = z.looseObject({
  type: z.literal('reasoning'),
  id: z.string().nullish(),
  summary: z.array(z.looseObject({ type: z.string(), text: z.string() })).nullish(),
  content: z.array(z.looseObject({ type: z.string(), text: z.string() })).nullish(),
  encrypted_content: z.string().nullish(),
});
export type ReasoningItem = z.infer<typeof ReasoningItem>;

/** Items are checked one by one (see parse-input) so that an error names the exact item. */
const Item = z.looseObject({ type: z.string().optional(), role: z.string().optional() });

const FunctionTool = z.looseObject({
  type: z.literal('function'),
  name: z.string(),
  description: z.string().nullish(),
  parameters: z.record(z.string(), z.unknown()).nullish(),
  strict: z.boolean().nullish(),
});
export type FunctionTool = z.infer<typeof FunctionTool>;

const ToolChoice = z.union([
  z.enum(['auto', 'none', 'required']),
  z.looseObject({ type: z.string(), name: z.string().optional(), mode: z.string().optional() }),
]);
export type ToolChoiceWire = z.infer<typeof ToolChoice>;

const TextFormat = z.looseObject({
  type: z.enum(['text', 'json_object', 'json_schema']),
  name: z.string().nullish(),
  schema: z.record(z.string(), z.unknown()).nullish(),
  strict: z.boolean().nullish(),
});
export type TextFormat = z.infer<typeof TextFormat>;

export const ResponsesRequest = z.looseObject({
  model: z.string().min(1),
  input: z.union([z.string(), z.array(Item)]).optional(),
  instructions: z.string().nullish(),
  // Tools are kept loose here: only `function` ones are read, every other type is dropped.
  tools: z.array(z.looseObject({ type: z.string() })).nullish(),
  tool_choice: ToolChoice.nullish(),
  parallel_tool_calls: z.boolean().nullish(),
  max_output_tokens: z.number().int().positive().nullish(),
  temperature: z.number().nullish(),
  top_p: z.number().nullish(),
  text: z.looseObject({ format: TextFormat.nullish() }).nullish(),
  reasoning: z
    .looseObject({ effort: z.string().nullish(), summary: z.string().nullish() })
    .nullish(),
  stream: z.boolean().nullish(),
  store: z.boolean().nullish(),
  previous_response_id: z.string().nullish(),
  prompt_cache_key: z.string().nullish(),
  include: z.array(z.string()).nullish(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
});
export type ResponsesRequest = z.infer<typeof ResponsesRequest>;
export { FunctionTool };
