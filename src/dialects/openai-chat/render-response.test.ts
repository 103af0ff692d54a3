import { describe, expect, it } from 'vitest';
import type { CanonicalResponse } from '../../canonical/index.js';
import { renderChatResponse } from './render-response.js';
import { renderContext } from './test-support.js';

// The folded goldens are the conformance suite's (conformance.test.ts).
describe('renderChatResponse details', () => {
  const base: CanonicalResponse = { id: '', model: 'm', content: [], finishReason: 'stop', usage: { inputTokens: 1, outputTokens: 0 } };

  it('falls back to the request id and renders an empty answer as empty text', () => {
    const c = renderChatResponse(base, renderContext(false));
    expect(c.id).toBe('chatcmpl-req_test');
    expect(c.choices[0]?.message).toEqual({ role: 'assistant', content: '', refusal: null });
    expect(c.usage).toEqual({
      prompt_tokens: 1,
      completion_tokens: 0,
      total_tokens: 1,
      prompt_tokens_details: { cached_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0 },
    });
  });

  it('keeps text alongside tool calls and says tool_calls even when the upstream said stop', () => {
    const c = renderChatResponse(
      { ...base, content: [{ type: 'text', text: 'Let me look.' }, { type: 'tool-call', id: 'call_1', name: 'Read', input: { path: 'a' } }] },
      renderContext(false),
    );
    expect(c.choices[0]?.finish_reason).toBe('tool_calls');
    expect(c.choices[0]?.message.content).toBe('Let me look.');
    expect(c.choices[0]?.message.tool_calls).toEqual([{ id: 'call_1', type: 'function', function: { name: 'Read', arguments: '{"path":"a"}' } }]);
  });

  it('keeps length when a tool call was cut by the token limit', () => {
    const c = renderChatResponse({ ...base, finishReason: 'length', content: [{ type: 'tool-call', id: 'c', name: 'a', input: {} }] }, renderContext(false));
    expect(c.choices[0]?.finish_reason).toBe('length');
  });
});
