// Canonical sampling, limits, structured output and thinking → Gemini generationConfig.
import type { CanonicalRequest, JsonSchema, ReasoningEffort, ThinkingSettings } from '../../canonical/index.js';
import type { GeminiGenerationConfig, GeminiSchema, GeminiThinkingConfig, GeminiThinkingLevel } from '../../protocols/gemini.js';
import { isClaudeThinking, isGemini3, isGeminiPro, modelFamily } from './model-family.js';
import { sanitizeOrRefuse } from './build-tools.js';
import { sanitizeSchema } from './sanitize-schema.js';

/** Gemini takes at most five stop sequences. */
const MAX_STOP_SEQUENCES = 5;

const EFFORT_BUDGET: Record<ReasoningEffort, number> = { minimal: 1024, low: 4096, medium: 12288, high: 24576 };
/** The budgets Antigravity clients use for Claude's effort levels. */
const CLAUDE_EFFORT_BUDGET: Record<ReasoningEffort, number> = { minimal: 4096, low: 8192, medium: 16384, high: 32768 };

/** Claude needs room to answer after thinking: maxOutputTokens above the budget. */
const CLAUDE_ANSWER_ROOM = 8192;
const CLAUDE_MIN_BUDGET = 1024;

/** Caps on maxOutputTokens (config: geminiMaxOutputTokens, claudeMaxOutputTokens). */
export interface OutputLimits {
  gemini: number;
  /** Claude's counts the thinking budget too. */
  claude: number;
}

export interface BuiltGenerationConfig {
  generationConfig?: GeminiGenerationConfig;
  /** Claude thinking is on: the caller adds the interleaved-thinking beta header. */
  claudeThinking: boolean;
}

/** Once per request, as tools are: every failover attempt passes the same schema object. */
const responseSchemas = new WeakMap<object, GeminiSchema>();

function sanitizedResponseSchema(schema: JsonSchema): GeminiSchema {
  let out = responseSchemas.get(schema);
  if (out === undefined) {
    out = sanitizeOrRefuse('The response schema', 'response_format', () => sanitizeSchema(schema));
    responseSchemas.set(schema, out);
  }
  return out;
}

export function buildGenerationConfig(req: CanonicalRequest, model: string, limits?: OutputLimits): BuiltGenerationConfig {
  const g: GeminiGenerationConfig = {};
  if (req.temperature !== undefined) g.temperature = req.temperature;
  if (req.topP !== undefined) g.topP = req.topP;
  if (req.topK !== undefined) g.topK = req.topK;
  if (req.maxOutputTokens !== undefined) g.maxOutputTokens = req.maxOutputTokens;
  const stops = (req.stopSequences ?? []).filter((s) => s !== '').slice(0, MAX_STOP_SEQUENCES);
  if (stops.length > 0) g.stopSequences = stops;
  if (req.candidateCount !== undefined && req.candidateCount > 1) g.candidateCount = req.candidateCount;
  if (req.seed !== undefined) g.seed = req.seed;
  if (req.responseFormat?.type === 'json') {
    g.responseMimeType = 'application/json';
    if (req.responseFormat.schema) g.responseSchema = sanitizedResponseSchema(req.responseFormat.schema);
  }
  const thinking = thinkingConfig(req.thinking, model);
  let claudeThinking = false;
  if (thinking) {
    g.thinkingConfig = thinking;
    if (modelFamily(model) === 'claude' && thinking.thinkingBudget !== undefined) {
      claudeThinking = true;
      if (g.maxOutputTokens === undefined || g.maxOutputTokens <= thinking.thinkingBudget) {
        g.maxOutputTokens = thinking.thinkingBudget + CLAUDE_ANSWER_ROOM;
      }
    }
  }
  if (limits) capOutput(g, modelFamily(model) === 'claude' ? limits.claude : limits.gemini);
  return Object.keys(g).length > 0 ? { generationConfig: g, claudeThinking } : { claudeThinking };
}

/**
 * Google answers 400 above its output limits (shared/spec/google-upstream.md §0): the request is
 * capped, and a thinking budget that no longer fits under the cap shrinks to leave room to answer.
 */
function capOutput(g: GeminiGenerationConfig, cap: number): void {
  if (g.maxOutputTokens === undefined || g.maxOutputTokens <= cap) return;
  g.maxOutputTokens = cap;
  const budget = g.thinkingConfig?.thinkingBudget;
  if (budget !== undefined && budget >= cap) g.thinkingConfig!.thinkingBudget = cap - Math.min(CLAUDE_ANSWER_ROOM, Math.floor(cap / 2));
}

function thinkingConfig(t: ThinkingSettings | undefined, model: string): GeminiThinkingConfig | undefined {
  if (modelFamily(model) === 'claude') {
    // The -thinking variants always think and need a budget. Other Claude ids think only when the
    // client named a budget itself: Claude Code's default adaptive thinking must not break them.
    const wanted = isClaudeThinking(model) ? t?.enabled !== false : t?.enabled === true && t.budgetTokens !== undefined;
    if (!wanted) return undefined;
    const budget = Math.max(CLAUDE_MIN_BUDGET, t?.budgetTokens ?? CLAUDE_EFFORT_BUDGET[t?.effort ?? 'medium']);
    // Always ask for the thoughts: their signatures must go back on later tool turns, and the
    // dialect hides the text itself when the client asked not to see it.
    return { includeThoughts: true, thinkingBudget: budget };
  }
  if (!t) return undefined;
  if (!t.enabled) {
    // 2.5 Flash can stop thinking entirely; the others think anyway, so say nothing.
    return /gemini-2\.5-flash/i.test(model) ? { thinkingBudget: 0 } : undefined;
  }
  const includeThoughts = t.includeThoughts ?? true;
  if (isGemini3(model)) {
    const level = thinkingLevel(t, model);
    return level ? { includeThoughts, thinkingLevel: level } : { includeThoughts };
  }
  const wanted = t.budgetTokens ?? (t.effort ? EFFORT_BUDGET[t.effort] : undefined);
  if (wanted === undefined) return { includeThoughts };
  const max = isGeminiPro(model) ? 32768 : 24576;
  const min = isGeminiPro(model) ? 128 : 0;
  return { includeThoughts, thinkingBudget: Math.min(max, Math.max(min, wanted)) };
}

/** Gemini 3 Pro knows low and high; Flash also minimal and medium. */
function thinkingLevel(t: ThinkingSettings, model: string): GeminiThinkingLevel | undefined {
  const effort: ReasoningEffort | undefined =
    t.effort ?? (t.budgetTokens === undefined ? undefined : t.budgetTokens <= 4096 ? 'low' : 'high');
  if (!effort) return undefined;
  if (!isGeminiPro(model)) return effort;
  return effort === 'minimal' || effort === 'low' ? 'low' : 'high';
}
