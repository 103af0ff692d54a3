// A Gemini generateContent body (model and stream flag from the route) → CanonicalRequest.
import { invalidRequest } from '../../canonical/index.js';
import type {
  CanonicalRequest,
  ResponseFormat,
  ThinkingSettings,
  ToolChoice,
  ToolSpec,
} from '../../canonical/index.js';
import type { ParseContext } from '../dialect.js';
import { toReasoningEffort } from '../reasoning-effort.js';
import { validate } from '../validate.js';
import { normalizeKeys } from './normalize-keys.js';
import { parseContents } from './parse-contents.js';
import { GeminiRequestSchema } from './request-schema.js';
import type { GenerationConfigInput, GeminiRequestInput } from './request-schema.js';
import { toJsonSchema } from './to-json-schema.js';

const HINTS_KEY = 'gemini';

/** `models/gemini-2.5-pro` and `gemini-2.5-pro` name the same model. */
const modelFromRoute = (model: string | undefined): string | undefined => model?.replace(/^models\//, '') || undefined;

/**
 * @example parseGeminiRequest({contents: [{role: 'user', parts: [{text: 'hi'}]}]},
 *   {requestId: 'r1', headers: {}, route: {model: 'gemini-2.5-flash', stream: true}})
 */
export function parseGeminiRequest(body: unknown, ctx: ParseContext): CanonicalRequest {
  const b = validate(GeminiRequestSchema, normalizeKeys(body));
  const model = modelFromRoute(ctx.route?.model);
  if (!model) throw invalidRequest('The model is missing from the URL (models/{model}:generateContent).', 'model');
  const messages = parseContents(b.contents);
  if (messages.length === 0) throw invalidRequest('contents: at least one content with a part is required', 'contents');

  const req: CanonicalRequest = { model, messages, stream: ctx.route?.stream === true, requestId: ctx.requestId };
  const system = systemText(b.systemInstruction ?? undefined);
  if (system) req.system = system;
  const tools = functionTools(b);
  if (tools.length > 0) req.tools = tools;
  const choice = toolChoice(b.toolConfig?.functionCallingConfig ?? undefined);
  if (choice) req.toolChoice = choice;
  applyGenerationConfig(req, b.generationConfig ?? undefined);

  const hints: Record<string, unknown> = {};
  if (b.safetySettings?.length) hints.safetySettings = b.safetySettings;
  const g = b.generationConfig;
  if (g?.presencePenalty != null) hints.presencePenalty = g.presencePenalty;
  if (g?.frequencyPenalty != null) hints.frequencyPenalty = g.frequencyPenalty;
  if (g?.thinkingConfig?.thinkingBudget === -1) hints.dynamicThinking = true;
  if (Object.keys(hints).length > 0) req.hints = { [HINTS_KEY]: hints };
  return req;
}

function systemText(s: GeminiRequestInput['systemInstruction'] | undefined): string | undefined {
  if (s == null) return undefined;
  if (typeof s === 'string') return s || undefined;
  const text = s.parts.map((p) => p.text ?? '').filter((t) => t !== '').join('\n\n');
  return text || undefined;
}

function functionTools(b: GeminiRequestInput): ToolSpec[] {
  // googleSearch, codeExecution, urlContext entries carry no declarations and are dropped.
  return (b.tools ?? []).flatMap((t) =>
    (t.functionDeclarations ?? []).map((d): ToolSpec => {
      const parameters = d.parametersJsonSchema ?? (d.parameters ? toJsonSchema(d.parameters) : { type: 'object', properties: {} });
      return { name: d.name, ...(d.description ? { description: d.description } : {}), parameters };
    }),
  );
}

function toolChoice(c: { mode?: string | null; allowedFunctionNames?: string[] | null } | undefined): ToolChoice | undefined {
  switch (c?.mode) {
    case 'NONE':
      return { type: 'none' };
    case 'ANY': {
      const names = c.allowedFunctionNames ?? [];
      return names.length === 1 && names[0] ? { type: 'tool', name: names[0] } : { type: 'required' };
    }
    case 'AUTO':
    case 'VALIDATED':
      return { type: 'auto' };
    default:
      return undefined;
  }
}

function applyGenerationConfig(req: CanonicalRequest, g: GenerationConfigInput | undefined): void {
  if (!g) return;
  if (g.temperature != null) req.temperature = g.temperature;
  if (g.topP != null) req.topP = g.topP;
  if (g.topK != null) req.topK = g.topK;
  if (g.maxOutputTokens != null) req.maxOutputTokens = g.maxOutputTokens;
  if (g.stopSequences?.length) req.stopSequences = g.stopSequences;
  if (g.candidateCount != null) req.candidateCount = g.candidateCount;
  if (g.seed != null) req.seed = g.seed;
  const format = responseFormat(g);
  if (format) req.responseFormat = format;
  const thinking = thinkingSettings(g.thinkingConfig ?? undefined);
  if (thinking) req.thinking = thinking;
}

function responseFormat(g: GenerationConfigInput): ResponseFormat | undefined {
  const schema = g.responseJsonSchema ?? (g.responseSchema ? toJsonSchema(g.responseSchema) : undefined);
  if (g.responseMimeType !== 'application/json' && !schema) return undefined;
  return schema ? { type: 'json', schema } : { type: 'json' };
}

function thinkingSettings(t: GenerationConfigInput['thinkingConfig'] | undefined): ThinkingSettings | undefined {
  if (!t) return undefined;
  if (t.thinkingBudget === 0) return { enabled: false };
  const out: ThinkingSettings = { enabled: true };
  if (t.thinkingBudget != null && t.thinkingBudget > 0) out.budgetTokens = t.thinkingBudget;
  const effort = t.thinkingLevel ? toReasoningEffort(t.thinkingLevel.toLowerCase()) : undefined;
  if (effort) out.effort = effort;
  if (t.includeThoughts != null) out.includeThoughts = t.includeThoughts;
  return out;
}
