// Which kind of model sits behind an upstream model id: the request shape differs for Claude
// (ids on every call, thinking budget rules) and Gemini 3 (thinking levels, signatures).

export type ModelFamily = 'claude' | 'gemini';

export const modelFamily = (model: string): ModelFamily => (/claude/i.test(model) ? 'claude' : 'gemini');

export const isGemini3 = (model: string): boolean => /gemini-3/i.test(model);

/** Claude thinking variants on Cloud Code carry `thinking` in their id. */
export const isClaudeThinking = (model: string): boolean => /claude/i.test(model) && /thinking/i.test(model);

export const isGeminiPro = (model: string): boolean => /gemini-[\d.]+-pro/i.test(model);
