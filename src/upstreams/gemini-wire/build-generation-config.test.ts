import { describe, expect, it } from 'vitest';
import type { CanonicalRequest, ThinkingSettings } from '../../canonical/index.js';
import { buildGenerationConfig } from './build-generation-config.js';

const req = (over: Partial<CanonicalRequest> = {}): CanonicalRequest => ({ model: 'm', messages: [], stream: true, requestId: 'r', ...over });
const thinking = (model: string, t: ThinkingSettings | undefined, over: Partial<CanonicalRequest> = {}) =>
  buildGenerationConfig(req({ ...(t ? { thinking: t } : {}), ...over }), model);

describe('buildGenerationConfig', () => {
  it('leaves generationConfig out when nothing is set', () => {
    expect(buildGenerationConfig(req(), 'gemini-3-flash')).toEqual({ claudeThinking: false });
  });

  it.each([
    ['gemini-3-flash', { enabled: true, effort: 'minimal' }, { includeThoughts: true, thinkingLevel: 'minimal' }],
    ['gemini-3.1-pro-high', { enabled: true, effort: 'medium' }, { includeThoughts: true, thinkingLevel: 'high' }],
    ['gemini-3-pro-preview', { enabled: true, effort: 'minimal' }, { includeThoughts: true, thinkingLevel: 'low' }],
    ['gemini-3-flash', { enabled: true, budgetTokens: 20000 }, { includeThoughts: true, thinkingLevel: 'high' }],
    ['gemini-3-flash', { enabled: true }, { includeThoughts: true }],
    ['gemini-2.5-pro', { enabled: true, budgetTokens: 50 }, { includeThoughts: true, thinkingBudget: 128 }],
    ['gemini-2.5-flash', { enabled: true, effort: 'high', includeThoughts: false }, { includeThoughts: false, thinkingBudget: 24576 }],
    ['gemini-2.5-flash', { enabled: false }, { thinkingBudget: 0 }],
    ['gemini-2.5-pro', { enabled: false }, undefined],
    ['claude-sonnet-4-6', { enabled: true, effort: 'high' }, undefined],
    ['claude-sonnet-4-6', { enabled: true, budgetTokens: 2048 }, { includeThoughts: true, thinkingBudget: 2048 }],
    ['claude-opus-4-6-thinking', undefined, { includeThoughts: true, thinkingBudget: 16384 }],
    ['claude-opus-4-6-thinking', { enabled: true, budgetTokens: 100 }, { includeThoughts: true, thinkingBudget: 1024 }],
    // Hidden thinking (Claude Code's display: omitted) still asks for thoughts: their signatures must come back.
    ['claude-opus-4-6-thinking', { enabled: true, budgetTokens: 4096, includeThoughts: false }, { includeThoughts: true, thinkingBudget: 4096 }],
    ['claude-opus-4-6-thinking', { enabled: false }, undefined],
  ] as const)('%s %j → %j', (model, t, expected) => {
    expect(thinking(model, t as ThinkingSettings | undefined).generationConfig?.thinkingConfig).toEqual(expected);
  });

  it('gives Claude room above the thinking budget and flags the beta header', () => {
    const built = thinking('claude-opus-4-6-thinking', { enabled: true, budgetTokens: 10000 }, { maxOutputTokens: 2000 });
    expect(built.claudeThinking).toBe(true);
    expect(built.generationConfig?.maxOutputTokens).toBe(18192);
    expect(thinking('claude-opus-4-6-thinking', { enabled: true, budgetTokens: 1000 }, { maxOutputTokens: 64000 }).generationConfig?.maxOutputTokens).toBe(64000);
  });

  it('maps sampling, stops (at most 5, no empty ones) and JSON output', () => {
    const built = buildGenerationConfig(
      req({ temperature: 0, topP: 1, topK: 5, seed: 3, candidateCount: 2, stopSequences: ['1', '', '2', '3', '4', '5', '6'], responseFormat: { type: 'json' } }),
      'gemini-3-flash',
    );
    expect(built.generationConfig).toEqual({ temperature: 0, topP: 1, topK: 5, seed: 3, candidateCount: 2, stopSequences: ['1', '2', '3', '4', '5'], responseMimeType: 'application/json' });
  });
});
