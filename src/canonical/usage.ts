export interface Usage {
  /** All prompt tokens, cached ones included (Anthropic renders input minus cached). */
  inputTokens: number;
  /** Visible output plus reasoning tokens. */
  outputTokens: number;
  cachedInputTokens?: number;
  reasoningTokens?: number;
}

export const emptyUsage = (): Usage => ({ inputTokens: 0, outputTokens: 0 });
