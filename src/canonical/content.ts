// Parts and messages: the one shape every dialect parses into and every upstream builds from.

export interface TextPart {
  type: 'text';
  text: string;
  /** Gemini may sign a text part; it must travel back on the same part. */
  signature?: string;
}

export interface ImagePart {
  type: 'image';
  mimeType: string;
  /** base64 without a data: prefix */
  data?: string;
  /** http(s) or gs:// address, when the client sent one instead of bytes */
  url?: string;
}

export interface ThinkingPart {
  type: 'thinking';
  text: string;
  signature?: string;
  /** Anthropic redacted_thinking: `text` is empty and `signature` holds the opaque data. */
  redacted?: boolean;
}

export interface ToolCallPart {
  type: 'tool-call';
  id: string;
  name: string;
  input: Record<string, unknown>;
  signature?: string;
}

export interface ToolResultPart {
  type: 'tool-result';
  callId: string;
  /** Filled by the dialect when it knows it; upstreams look it up by callId otherwise. */
  name?: string;
  content: Array<TextPart | ImagePart>;
  isError?: boolean;
}

export type Part = TextPart | ImagePart | ThinkingPart | ToolCallPart | ToolResultPart;

/** System text is hoisted to CanonicalRequest.system; tool results ride in user messages. */
export interface Message {
  role: 'user' | 'assistant';
  parts: Part[];
}
