// Wire shapes of Cloud Code Assist (`v1internal`) generation and quota calls: the Gemini
// request/response wrapped with the project, model and flavor fields.
import type {
  GeminiContent,
  GeminiGenerateContentRequest,
  GeminiGenerateContentResponse,
} from './gemini.js';

export interface CodeAssistGenerateRequest {
  model: string;
  project: string;
  request: GeminiGenerateContentRequest;
  /** gemini-cli flavor */
  user_prompt_id?: string;
  /** antigravity flavor: "agent-<uuid>" */
  requestId?: string;
  /** antigravity flavor: "antigravity" */
  userAgent?: string;
  /** antigravity flavor: "agent" */
  requestType?: string;
}

/** The non-streaming answer and each SSE event's data. */
export interface CodeAssistGenerateResponse {
  response?: GeminiGenerateContentResponse;
  traceId?: string;
}

export interface CodeAssistCountTokensRequest {
  request: { model: string; contents: GeminiContent[] };
}

export interface CodeAssistQuotaInfo {
  /** proto3 leaves out zero: absent next to resetTime means exhausted. */
  remainingFraction?: number;
  resetTime?: string;
}

export interface CodeAssistAvailableModel {
  displayName?: string;
  quotaInfo?: CodeAssistQuotaInfo;
  /** Google's own tooling models (autocomplete, chat titles): not for clients. */
  isInternal?: boolean;
  [key: string]: unknown;
}

/** fetchAvailableModels (antigravity) */
export interface FetchAvailableModelsResponse {
  models?: Record<string, CodeAssistAvailableModel>;
}

export interface CodeAssistQuotaBucket {
  modelId?: string;
  tokenType?: string;
  remainingFraction?: number;
  remainingAmount?: string;
  resetTime?: string;
}

/** retrieveUserQuota (gemini-cli) */
export interface RetrieveUserQuotaResponse {
  buckets?: CodeAssistQuotaBucket[];
}
