// Zod shapes of a Gemini generateContent body: loose, only what the gateway reads.
import { z } from 'zod';

const Json = z.record(z.string(), z.unknown());

export const GeminiPartSchema = z.looseObject({
  text: z.string().nullish(),
  thought: z.boolean().nullish(),
  thoughtSignature: z.string().nullish(),
  inlineData: z.looseObject({ mimeType: z.string(), data: z.string() }).nullish(),
  fileData: z.looseObject({ mimeType: z.string().nullish(), fileUri: z.string() }).nullish(),
  functionCall: z.looseObject({ id: z.string().nullish(), name: z.string().min(1), args: Json.nullish() }).nullish(),
  functionResponse: z
    .looseObject({
      id: z.string().nullish(),
      name: z.string().min(1),
      response: Json.nullish(),
      parts: z.array(z.looseObject({})).nullish(),
    })
    .nullish(),
});
export type GeminiPartInput = z.infer<typeof GeminiPartSchema>;

export const GeminiContentSchema = z.looseObject({
  role: z.enum(['user', 'model', 'function', 'tool']).nullish(),
  parts: z.array(GeminiPartSchema),
});
export type GeminiContentInput = z.infer<typeof GeminiContentSchema>;

const FunctionDeclaration = z.looseObject({
  name: z.string().min(1),
  description: z.string().nullish(),
  parameters: Json.nullish(),
  parametersJsonSchema: Json.nullish(),
});

const ThinkingConfig = z.looseObject({
  includeThoughts: z.boolean().nullish(),
  thinkingBudget: z.number().int().nullish(),
  thinkingLevel: z.string().nullish(),
});

export const GenerationConfigSchema = z.looseObject({
  temperature: z.number().nullish(),
  topP: z.number().nullish(),
  topK: z.number().nullish(),
  maxOutputTokens: z.number().int().positive().nullish(),
  stopSequences: z.array(z.string()).nullish(),
  candidateCount: z.number().int().positive().nullish(),
  seed: z.number().int().nullish(),
  presencePenalty: z.number().nullish(),
  frequencyPenalty: z.number().nullish(),
  responseMimeType: z.string().nullish(),
  responseSchema: Json.nullish(),
  responseJsonSchema: Json.nullish(),
  thinkingConfig: ThinkingConfig.nullish(),
});
export type GenerationConfigInput = z.infer<typeof GenerationConfigSchema>;

export const GeminiRequestSchema = z.looseObject({
  contents: z.array(GeminiContentSchema),
  // The SDKs always send a Content; a bare string is what people type in curl examples.
  systemInstruction: z.union([z.string(), z.looseObject({ parts: z.array(GeminiPartSchema) })]).nullish(),
  tools: z.array(z.looseObject({ functionDeclarations: z.array(FunctionDeclaration).nullish() })).nullish(),
  toolConfig: z
    .looseObject({
      functionCallingConfig: z
        .looseObject({ mode: z.string().nullish(), allowedFunctionNames: z.array(z.string()).nullish() })
        .nullish(),
    })
    .nullish(),
  generationConfig: GenerationConfigSchema.nullish(),
  safetySettings: z.array(z.looseObject({ category: z.string(), threshold: z.string() })).nullish(),
});
export type GeminiRequestInput = z.infer<typeof GeminiRequestSchema>;
