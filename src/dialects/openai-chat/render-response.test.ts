import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { foldEvents, GatewayError } from '../../canonical/index.js';
import type { CanonicalResponse } from '../../canonical/index.js';
import { renderChatResponse } from './render-response.js';
import { loadEvents, renderContext, streamOf } from './test-support.js';

// Non-streaming answers are the stream folded, so the stream fixtures drive these goldens too.
const here = dirname(fileURLToPath(import.meta.url));
const streamDir = join(here, 'fixtures', 'stream');
const responseDir = join(here, 'fixtures', 'response');
const cases = readdirSync(streamDir)
  .filter((f) => f.endsWith('.events.json'))
  .map((f) => ({ name: f.replace(/\.events\.json$/, ''), ...loadEvents(join(streamDir, f)) }));

describe('renderChatResponse goldens (folded stream fixtures)', () => {
  const ok = cases.filter((c) => !c.events.some((e) => e.type === 'error'));
  it('has fixtures', () => expect(ok.length).toBeGreaterThan(5));
  it.each(ok.map((c) => [c.name, c] as const))('%s', async (name, c) => {
    const folded = await foldEvents(streamOf(c.events));
    const completion = renderChatResponse(folded, renderContext(c.includeUsage));
    await expect(`${JSON.stringify(completion, null, 2)}\n`).toMatchFileSnapshot(join(responseDir, `${name}.completion.json`));
  });

  it.each(cases.filter((c) => c.events.some((e) => e.type === 'error')).map((c) => [c.name, c] as const))(
    '%s: folding throws the GatewayError so the server answers with an HTTP error',
    async (_name, c) => {
      await expect(foldEvents(streamOf(c.events))).rejects.toBeInstanceOf(GatewayError);
    },
  );
});

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
