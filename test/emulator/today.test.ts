// The emulator's own checks of today's Google, for the shapes the gateway never sends (it closes a
// tool loop whose thinking it lacks, so no e2e request reaches this 400).
import { describe, expect, it } from 'vitest';
import { EmulatorState } from './state.js';
import { claimedVersion, claudeSignatureProblem, EXPECTED_THINKING } from './today.js';
import { fakeSignature } from './generate-answer.js';

const MODEL = 'claude-opus-4-6-thinking';
const loop = (first: Record<string, unknown>[]) => ({
  contents: [
    { role: 'user' as const, parts: [{ text: 'weather?' }] },
    { role: 'model' as const, parts: [...first, { functionCall: { id: 't', name: 'get_weather', args: {} } }] },
    { role: 'user' as const, parts: [{ functionResponse: { id: 't', name: 'get_weather', response: { output: 'sunny' } } }] },
  ],
  generationConfig: { thinkingConfig: { includeThoughts: true, thinkingBudget: 1024 } },
});

describe('claudeSignatureProblem', () => {
  const state = new EmulatorState({ today: { claudeSignatures: true } });
  it("answers Claude's 400 for a tool turn that does not begin with thinking", () => {
    expect(claudeSignatureProblem(state, MODEL, loop([]))).toBe(EXPECTED_THINKING(1, 'tool_use'));
    expect(EXPECTED_THINKING(1, 'tool_use')).toMatch(/^messages\.1\.content\.0\.type: Expected `thinking` or `redacted_thinking`, but found `tool_use`\./);
  });
  it('accepts thinking it signed for Claude and refuses any other signature', () => {
    expect(claudeSignatureProblem(state, MODEL, loop([{ text: 't', thought: true, thoughtSignature: fakeSignature(MODEL, 1) }]))).toBeUndefined();
    expect(claudeSignatureProblem(state, MODEL, loop([{ text: 't', thought: true, thoughtSignature: fakeSignature('gemini-3-flash', 1) }]))).toMatch(/Invalid `signature`/);
  });
  it('checks nothing when switched off', () => {
    expect(claudeSignatureProblem(new EmulatorState(), MODEL, loop([]))).toBeUndefined();
  });
});

describe('claimedVersion', () => {
  it('reads both User-Agent forms, then X-Client-Version', () => {
    expect(claimedVersion({ userAgent: 'antigravity/hub/2.9.1 darwin/arm64' })).toBe('2.9.1');
    expect(claimedVersion({ userAgent: 'antigravity/1.15.8 linux/x64' })).toBe('1.15.8');
    expect(claimedVersion({ userAgent: 'GeminiCLI/0.30.0', clientVersion: '1.107' })).toBe('1.107');
  });
});
