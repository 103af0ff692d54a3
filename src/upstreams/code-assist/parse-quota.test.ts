import { describe, expect, it } from 'vitest';
import { parseAvailableModels, parseUserQuota } from './parse-quota.js';

describe('parseAvailableModels', () => {
  it('applies the proto3 zero rule and skips internal models and models without quota info', () => {
    expect(
      parseAvailableModels({
        models: {
          'gemini-3-flash': { displayName: 'Gemini 3 Flash', quotaInfo: { remainingFraction: 0.83, resetTime: '2026-11-23T18:00:00Z' } },
          'claude-sonnet-4-6': { quotaInfo: { resetTime: '2026-11-23T19:00:00Z' } },
          'models/gemini-3.1-pro-high': { quotaInfo: {} },
          chat_internal: { displayName: 'internal' },
          chat_20706: { quotaInfo: { remainingFraction: 1 } },
          tab_flash_lite_preview: { quotaInfo: { remainingFraction: 1 } },
          'gemini-2.5-flash-thinking-internal': { isInternal: true, quotaInfo: { remainingFraction: 1 } },
        },
      }),
    ).toEqual([
      { model: 'gemini-3-flash', displayName: 'Gemini 3 Flash', remainingFraction: 0.83, resetTime: '2026-11-23T18:00:00Z' },
      { model: 'claude-sonnet-4-6', remainingFraction: 0, resetTime: '2026-11-23T19:00:00Z' },
      { model: 'gemini-3.1-pro-high', remainingFraction: 1 },
    ]);
  });

  it('answers [] for shapes it does not know', () => {
    expect(parseAvailableModels(undefined)).toEqual([]);
    expect(parseAvailableModels({ models: 3 })).toEqual([]);
  });
});

describe('parseUserQuota', () => {
  it('keeps the lowest bucket per model', () => {
    expect(
      parseUserQuota({
        buckets: [
          { modelId: 'gemini-2.5-pro', tokenType: 'REQUESTS', remainingFraction: 0.5, resetTime: 'T1' },
          { modelId: 'gemini-2.5-pro', tokenType: 'TOKENS', remainingFraction: 0.2, resetTime: 'T2' },
          { modelId: 'gemini-2.5-flash', tokenType: 'REQUESTS', resetTime: 'T3' },
          { tokenType: 'REQUESTS' },
        ],
      }),
    ).toEqual([
      { model: 'gemini-2.5-pro', remainingFraction: 0.2, resetTime: 'T2' },
      { model: 'gemini-2.5-flash', remainingFraction: 0, resetTime: 'T3' },
    ]);
  });
});
