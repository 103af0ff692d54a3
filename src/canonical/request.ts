import type { Message } from './content.js';
import type { JsonSchema, ToolChoice, ToolSpec } from './tools.js';

export type ReasoningEffort = 'minimal' | 'low' | 'medium' | 'high';

export interface ThinkingSettings {
  enabled: boolean;
  /** Token budget when the client named one (Anthropic budget_tokens). */
  budgetTokens?: number;
  /** Effort when the client named a level (OpenAI reasoning_effort, Anthropic adaptive). */
  effort?: ReasoningEffort;
  /** Whether the client wants thinking text back (false: think but hide it). */
  includeThoughts?: boolean;
}

export type ResponseFormat =
  | { type: 'text' }
  | { type: 'json'; schema?: JsonSchema; name?: string };

export interface CanonicalRequest {
  /** The model id as the client asked for it; routing resolves aliases. */
  model: string;
  /** System instruction, already joined from every place a dialect allows it. */
  system?: string;
  messages: Message[];
  tools?: ToolSpec[];
  toolChoice?: ToolChoice;
  parallelToolCalls?: boolean;
  maxOutputTokens?: number;
  temperature?: number;
  topP?: number;
  topK?: number;
  stopSequences?: string[];
  seed?: number;
  candidateCount?: number;
  responseFormat?: ResponseFormat;
  thinking?: ThinkingSettings;
  stream: boolean;
  /** Stable per conversation when the client gives one (Claude Code session id, Codex prompt_cache_key). */
  sessionKey?: string;
  /** Fields only one side understands, namespaced by dialect or upstream id. */
  hints?: Record<string, Record<string, unknown>>;
  requestId: string;
}
