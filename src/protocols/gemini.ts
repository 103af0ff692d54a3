// Wire shapes of Google's Gemini generateContent API: the native Gemini dialect speaks them to
// clients, and every Google upstream wraps them (Cloud Code Assist puts them under `request` /
// `response`). Types only; parsing stays lenient because Google adds fields without notice.

export type GeminiRole = 'user' | 'model';

export interface GeminiInlineData {
  mimeType: string;
  /** base64 */
  data: string;
}

export interface GeminiFileData {
  mimeType?: string;
  fileUri: string;
}

export interface GeminiFunctionCall {
  /** Optional on Gemini; Claude on Cloud Code needs it on every call. */
  id?: string;
  name: string;
  args?: Record<string, unknown>;
}

export interface GeminiFunctionResponse {
  id?: string;
  name: string;
  /** Convention: `{output: ...}` for results, `{error: ...}` for failures. */
  response: Record<string, unknown>;
  /** Media a tool returned (inlineData / fileData parts). */
  parts?: GeminiPart[];
}

/**
 * One part. Exactly one content field is set (text, inlineData, fileData, functionCall,
 * functionResponse, executableCode, codeExecutionResult); `thought` and `thoughtSignature`
 * ride beside it.
 */
export interface GeminiPart {
  text?: string;
  /** The text is a thought summary (thinking). */
  thought?: boolean;
  /** Opaque; must travel back on the same part in later turns. */
  thoughtSignature?: string;
  inlineData?: GeminiInlineData;
  fileData?: GeminiFileData;
  functionCall?: GeminiFunctionCall;
  functionResponse?: GeminiFunctionResponse;
  executableCode?: { language?: string; code: string };
  codeExecutionResult?: { outcome?: string; output?: string };
}

export interface GeminiContent {
  /** Absent on systemInstruction in some clients; required in `contents`. */
  role?: GeminiRole;
  parts: GeminiPart[];
}

/** Google's `Schema`: an OpenAPI 3.0 subset (see sanitize-schema for what survives). */
export type GeminiSchema = Record<string, unknown>;

export interface GeminiFunctionDeclaration {
  name: string;
  description?: string;
  /** Google's Schema subset. */
  parameters?: GeminiSchema;
  /** Plain JSON Schema (mutually exclusive with `parameters`); SDKs send it. */
  parametersJsonSchema?: unknown;
  response?: GeminiSchema;
  responseJsonSchema?: unknown;
  behavior?: string;
}

export interface GeminiTool {
  functionDeclarations?: GeminiFunctionDeclaration[];
  googleSearch?: Record<string, unknown>;
  codeExecution?: Record<string, unknown>;
  urlContext?: Record<string, unknown>;
}

export type GeminiFunctionCallingMode = 'AUTO' | 'ANY' | 'NONE' | 'VALIDATED';

export interface GeminiToolConfig {
  functionCallingConfig?: {
    mode?: GeminiFunctionCallingMode;
    allowedFunctionNames?: string[];
  };
}

export type GeminiThinkingLevel = 'minimal' | 'low' | 'medium' | 'high';

export interface GeminiThinkingConfig {
  includeThoughts?: boolean;
  /** Tokens; 0 disables (Flash), -1 dynamic. Never together with thinkingLevel. */
  thinkingBudget?: number;
  /** Gemini 3. */
  thinkingLevel?: GeminiThinkingLevel;
}

export interface GeminiGenerationConfig {
  temperature?: number;
  topP?: number;
  topK?: number;
  maxOutputTokens?: number;
  /** At most 5. */
  stopSequences?: string[];
  candidateCount?: number;
  seed?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
  responseMimeType?: string;
  responseSchema?: GeminiSchema;
  responseJsonSchema?: unknown;
  responseModalities?: string[];
  thinkingConfig?: GeminiThinkingConfig;
}

export interface GeminiSafetySetting {
  category: string;
  threshold: string;
}

export interface GeminiGenerateContentRequest {
  contents: GeminiContent[];
  systemInstruction?: GeminiContent;
  tools?: GeminiTool[];
  toolConfig?: GeminiToolConfig;
  generationConfig?: GeminiGenerationConfig;
  safetySettings?: GeminiSafetySetting[];
  cachedContent?: string;
  /** Cloud Code Assist only: a stable id per conversation (prompt caching). */
  sessionId?: string;
}

export type GeminiFinishReason =
  | 'FINISH_REASON_UNSPECIFIED'
  | 'STOP'
  | 'MAX_TOKENS'
  | 'SAFETY'
  | 'RECITATION'
  | 'LANGUAGE'
  | 'OTHER'
  | 'BLOCKLIST'
  | 'PROHIBITED_CONTENT'
  | 'SPII'
  | 'MALFORMED_FUNCTION_CALL'
  | 'IMAGE_SAFETY'
  | 'UNEXPECTED_TOOL_CALL'
  | 'IMAGE_PROHIBITED_CONTENT'
  | 'NO_IMAGE'
  | 'IMAGE_RECITATION'
  | 'IMAGE_OTHER'
  | 'TOO_MANY_TOOL_CALLS';

export interface GeminiCandidate {
  content?: GeminiContent;
  /** A known GeminiFinishReason or a newer value; absent on mid-stream chunks. */
  finishReason?: GeminiFinishReason | (string & {});
  index?: number;
  safetyRatings?: unknown[];
  citationMetadata?: unknown;
  groundingMetadata?: unknown;
  finishMessage?: string;
}

export interface GeminiUsageMetadata {
  /** Includes cached tokens. */
  promptTokenCount?: number;
  candidatesTokenCount?: number;
  thoughtsTokenCount?: number;
  cachedContentTokenCount?: number;
  toolUsePromptTokenCount?: number;
  totalTokenCount?: number;
}

export interface GeminiPromptFeedback {
  blockReason?: string;
  safetyRatings?: unknown[];
}

/** The answer of generateContent, and each SSE event of streamGenerateContent (new parts only). */
export interface GeminiGenerateContentResponse {
  candidates?: GeminiCandidate[];
  promptFeedback?: GeminiPromptFeedback;
  usageMetadata?: GeminiUsageMetadata;
  modelVersion?: string;
  responseId?: string;
}

/** One entry of `details` in a Google error body. */
export interface GoogleErrorDetail {
  '@type': string;
  /** ErrorInfo */
  reason?: string;
  domain?: string;
  metadata?: Record<string, string>;
  /** RetryInfo: a proto Duration such as "3.5s". */
  retryDelay?: string;
  /** QuotaFailure */
  violations?: unknown[];
  /** Help: pages for the user (403 VALIDATION_REQUIRED puts the verification link first). */
  links?: Array<{ description?: string; url?: string }>;
  [key: string]: unknown;
}

/** `{error: {code, message, status, details}}`, the body of every Google API error. */
export interface GoogleErrorBody {
  error: {
    code: number;
    message: string;
    /** INVALID_ARGUMENT, UNAUTHENTICATED, PERMISSION_DENIED, NOT_FOUND, RESOURCE_EXHAUSTED, ... */
    status?: string;
    details?: GoogleErrorDetail[];
  };
}
