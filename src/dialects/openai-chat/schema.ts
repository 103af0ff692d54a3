// Wire shapes of a Chat Completions request, loose: unknown fields pass, known ones are checked.
// Message bodies and content parts are checked one by one (see parse-messages.ts) so a 400
// names the exact path, e.g. `messages.1.content.0.image_url.url`.
import { z } from 'zod';

const nullishNumber = z.number().nullish();
const nullishCount = z.number().int().positive().nullish();

export const chatRequestSchema = z.looseObject({
  model: z.string().min(1),
  messages: z.array(z.looseObject({ role: z.string() })).min(1),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().nullish() }).nullish(),
  tools: z.array(z.looseObject({ type: z.string().optional() })).nullish(),
  tool_choice: z.union([z.string(), z.looseObject({ type: z.string() })]).nullish(),
  parallel_tool_calls: z.boolean().nullish(),
  response_format: z.looseObject({ type: z.string() }).nullish(),
  stop: z.union([z.string(), z.array(z.string())]).nullish(),
  max_tokens: nullishCount,
  max_completion_tokens: nullishCount,
  temperature: nullishNumber,
  top_p: nullishNumber,
  seed: z.number().int().nullish(),
  n: nullishCount,
  reasoning_effort: z.string().nullish(),
  user: z.string().nullish(),
  prompt_cache_key: z.string().nullish(),
});

export const roleSchema = z.enum(['system', 'developer', 'user', 'assistant', 'tool', 'function']);

/** A string, or an array whose parts are checked one by one afterwards. */
const contentSchema = z.union([z.string(), z.array(z.looseObject({ type: z.string() }))], {
  error: 'expected a string or an array of content parts',
});

export const systemMessageSchema = z.looseObject({ content: contentSchema });
export const userMessageSchema = z.looseObject({ content: contentSchema });
export const toolMessageSchema = z.looseObject({ tool_call_id: z.string().min(1), content: contentSchema });

export const toolCallSchema = z.looseObject({
  id: z.string().min(1),
  type: z.string().optional(),
  function: z.looseObject({
    name: z.string().min(1),
    // Some clients send an object; OpenAI's own shape is a JSON string.
    arguments: z.union([z.string(), z.record(z.string(), z.unknown())]).nullish(),
  }),
});

export const assistantMessageSchema = z.looseObject({
  content: contentSchema.nullish(),
  tool_calls: z.array(toolCallSchema).nullish(),
  reasoning_content: z.string().nullish(),
});

export const textPartSchema = z.looseObject({ text: z.string() });
export const refusalPartSchema = z.looseObject({ refusal: z.string() });
/** Checked apart from its part so a missing url is named `...image_url.url`; a bare string is accepted too. */
export const imageUrlSchema = z.looseObject({ url: z.string().min(1), detail: z.string().nullish() });
export const inputAudioPartSchema = z.looseObject({
  input_audio: z.looseObject({ data: z.string().min(1), format: z.string().min(1) }),
});
export const filePartSchema = z.looseObject({
  file: z.looseObject({
    file_data: z.string().nullish(),
    file_id: z.string().nullish(),
    filename: z.string().nullish(),
  }),
});

const parametersSchema = z.record(z.string(), z.unknown()).nullish();

/** `{type:"function", function:{...}}`, or the flat Responses form some clients mix in (Cursor). */
export const nestedFunctionToolSchema = z.looseObject({
  function: z.looseObject({ name: z.string().min(1), description: z.string().nullish(), parameters: parametersSchema }),
});
export const flatFunctionToolSchema = z.looseObject({
  name: z.string().min(1),
  description: z.string().nullish(),
  parameters: parametersSchema,
});

export const namedToolChoiceSchema = z.looseObject({ function: z.looseObject({ name: z.string().min(1) }) });
export const allowedToolsChoiceSchema = z.looseObject({ allowed_tools: z.looseObject({ mode: z.string() }) });

export const jsonSchemaFormatSchema = z.looseObject({
  json_schema: z.looseObject({
    name: z.string().nullish(),
    schema: z.record(z.string(), z.unknown()).nullish(),
  }),
});
