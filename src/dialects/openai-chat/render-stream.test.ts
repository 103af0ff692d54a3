import { describe, expect, it } from 'vitest';
import type { CanonicalEvent } from '../../canonical/index.js';
import { CONFORMANCE_FIXTURES, conformanceEvents } from '../test-support/run-dialect-suite.js';
import { renderChatStream } from './render-stream.js';
import { collect, renderContext, streamOf, toFrames } from './test-support.js';

async function render(events: CanonicalEvent[], includeUsage: boolean) {
  return toFrames(await collect(renderChatStream(streamOf(events), renderContext(includeUsage))));
}

// The rendered goldens are the conformance suite's (conformance.test.ts, with include_usage).
describe('renderChatStream invariants', () => {
  it.each(CONFORMANCE_FIXTURES.flatMap((name) => [[name, false], [name, true]] as const))('%s (include_usage %s): one id and created on every chunk, echoing the client model', async (name, includeUsage) => {
    const chunks = (await render(conformanceEvents(name), includeUsage)).flatMap((f) =>
      typeof f === 'object' && 'data' in f && !('error' in (f.data as object)) ? [f.data as Record<string, unknown>] : [],
    );
    const ids = new Set(chunks.map((c) => c['id']));
    expect(ids.size).toBeLessThanOrEqual(1);
    for (const c of chunks) {
      expect(String(c['id'])).toMatch(/^chatcmpl-/);
      expect(c['created']).toBe(1_700_000_000);
      expect(c['model']).toBe('client-model');
      expect(c['object']).toBe('chat.completion.chunk');
    }
  });

  it('sends no usage without include_usage, and ends with [DONE]', async () => {
    const frames = await render(conformanceEvents('usage-cached'), false);
    expect(frames.at(-1)).toBe('[DONE]');
    for (const f of frames) if (typeof f === 'object' && 'data' in f) expect(f.data).not.toHaveProperty('usage');
  });

  it('ends with an error chunk when the upstream stream stops without a finish', async () => {
    const frames = await render(
      [
        { type: 'message-start', id: 'r', model: 'm' },
        { type: 'block-start', index: 0, block: { type: 'text' } },
        { type: 'text-delta', index: 0, text: 'cut' },
      ],
      false,
    );
    expect(frames.at(-1)).toEqual({ data: { error: expect.objectContaining({ type: 'server_error' }) as unknown } });
    expect(frames).not.toContain('[DONE]');
  });

  it('ends with an error chunk when the upstream iterator throws', async () => {
    async function* failing(): AsyncGenerator<CanonicalEvent> {
      yield { type: 'message-start', id: 'r', model: 'm' };
      throw new Error('socket hang up');
    }
    const frames = toFrames(await collect(renderChatStream(failing(), renderContext(false))));
    expect(frames).toHaveLength(2);
    expect(frames[1]).toEqual({ data: { error: expect.objectContaining({ type: 'server_error', code: null }) as unknown } });
    // The raw cause stays out of the client's view.
    expect(JSON.stringify(frames[1])).not.toContain('socket hang up');
  });

  it('stops pulling upstream events when the client stops reading', async () => {
    let pulled = 0;
    let closed = false;
    async function* upstream(): AsyncGenerator<CanonicalEvent> {
      try {
        yield { type: 'message-start', id: 'r', model: 'm' };
        yield { type: 'block-start', index: 0, block: { type: 'text' } };
        for (;;) {
          pulled++;
          yield { type: 'text-delta', index: 0, text: 'x' };
        }
      } finally {
        closed = true;
      }
    }
    const out = renderChatStream(upstream(), renderContext(false));
    for await (const frame of out) if (frame.includes('"x"')) break;
    expect(closed).toBe(true);
    expect(pulled).toBe(1);
  });
});
