import Anthropic from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import { checkEvents, foldEvents, GatewayError } from '../../canonical/index.js';
import type { CanonicalEvent, CanonicalRequest } from '../../canonical/index.js';
import { collectText, streamOf } from '../../../test/helpers/read-events.js';
import { CONFORMANCE_FIXTURES, conformanceEvents } from '../test-support/run-dialect-suite.js';
import type { RenderContext } from '../dialect.js';
import { renderResponse } from './render-response.js';
import { renderStream } from './render-stream.js';
import { rejectionOf } from '../../../test/helpers/rejection-of.js';

const request: CanonicalRequest = { model: 'claude-sonnet-4-6', messages: [], stream: true, requestId: 'req_test' };
const ctx: RenderContext = { requestId: 'req_test', model: 'claude-sonnet-4-6', now: () => 1_700_000_000, request };

const render = (events: readonly CanonicalEvent[], c: RenderContext = ctx): Promise<string> => collectText(renderStream(streamOf(events), c));

/** An SDK client whose only "server" is the given SSE text. */
function sdkOver(sse: string): Anthropic {
  const fetch = async (): Promise<Response> => new Response(sse, { status: 200, headers: { 'content-type': 'text/event-stream' } });
  return new Anthropic({ apiKey: 'test', baseURL: 'http://gateway.invalid', fetch, maxRetries: 0 });
}

const params = { model: 'claude-sonnet-4-6', max_tokens: 100, messages: [{ role: 'user' as const, content: 'hi' }] };

// The rendered goldens are the conformance suite's (conformance.test.ts); these are the SDK's view of them.
describe('renderStream frames', () => {
  it.each(CONFORMANCE_FIXTURES)('%s: every frame names its event', async (name) => {
    const sse = await render(conformanceEvents(name));
    for (const frame of sse.trimEnd().split('\n\n')) expect(frame).toMatch(/^event: \w+\ndata: \{.*\}$/);
  });
});

describe('the SDK accumulates the stream into the same Message as the non-streaming answer', () => {
  const complete = CONFORMANCE_FIXTURES.filter((name) => checkEvents(conformanceEvents(name)).length === 0 && conformanceEvents(name).at(-1)?.type === 'finish');
  it.each(complete)('%s', async (name) => {
    const events = conformanceEvents(name);
    const folded = renderResponse(await foldEvents(streamOf(events)), ctx);
    // parsed_output is the SDK's own addition (structured outputs), not part of the wire message.
    const { parsed_output: _parsed, ...streamed } = await sdkOver(await render(events)).messages.stream(params).finalMessage();
    expect(streamed).toEqual(folded);
  });

  it('throws the in-stream error with its Anthropic type', async () => {
    const sse = await render(conformanceEvents('error-midway'));
    const err = await rejectionOf(sdkOver(sse).messages.stream(params).finalMessage(), Anthropic.APIError);
    expect(err.type).toBe('overloaded_error');
  });
});

describe('renderStream edge cases', () => {
  const start: CanonicalEvent = { type: 'message-start', id: 'x', model: 'm' };

  it('hides thinking text but keeps the block and its signature when the client asked for display "omitted"', async () => {
    const hidden: RenderContext = { ...ctx, request: { ...request, thinking: { enabled: true, includeThoughts: false } } };
    const sse = await render(
      [
        start,
        { type: 'block-start', index: 0, block: { type: 'thinking' } },
        { type: 'thinking-delta', index: 0, text: 'secret reasoning' },
        { type: 'block-end', index: 0, signature: 'sig' },
        { type: 'finish', reason: 'stop', usage: { inputTokens: 1, outputTokens: 1 } },
      ],
      hidden,
    );
    expect(sse).not.toContain('secret reasoning');
    expect(sse).toContain('"content_block":{"type":"thinking","thinking":"","signature":""}');
    expect(sse).toContain('"delta":{"type":"signature_delta","signature":"sig"}');
  });

  it('ends a stream that stops without a terminal event with an error frame', async () => {
    const events: CanonicalEvent[] = [start, { type: 'block-start', index: 0, block: { type: 'text' } }, { type: 'text-delta', index: 0, text: 'a' }];
    expect(checkEvents(events)).not.toEqual([]);
    const sse = await render(events);
    expect(sse.trimEnd().split('\n\n').at(-1)).toBe(
      'event: error\ndata: {"type":"error","error":{"type":"api_error","message":"The upstream stream ended before the answer was complete."}}',
    );
  });

  it('turns a throw after the first frame into an error frame', async () => {
    async function* failing(): AsyncGenerator<CanonicalEvent> {
      yield start;
      throw new GatewayError('rate_limited', 'quota gone');
    }
    const out = await collectText(renderStream(failing(), ctx));
    expect(out).toMatch(/event: error\ndata: \{"type":"error","error":\{"type":"rate_limit_error","message":"quota gone"\}\}\n\n$/);
  });

  it('rethrows a failure before anything was written, so the route can answer with a real status', async () => {
    async function* failing(): AsyncGenerator<CanonicalEvent> {
      yield* [];
      throw new GatewayError('auth', 'token revoked');
    }
    const frames = renderStream(failing(), ctx);
    await expect(frames.next()).rejects.toThrow('token revoked');
  });

  it('stops after the terminal event even when more events follow', async () => {
    const sse = await render([start, { type: 'finish', reason: 'stop', usage: { inputTokens: 0, outputTokens: 0 } }, { type: 'ping' }]);
    expect(sse.trimEnd().endsWith('event: message_stop\ndata: {"type":"message_stop"}')).toBe(true);
  });

  it('renders an error that comes first as a lone error frame', async () => {
    const sse = await render([{ type: 'error', error: new GatewayError('not_found', 'no model') }]);
    expect(sse).toBe('event: error\ndata: {"type":"error","error":{"type":"not_found_error","message":"no model"}}\n\n');
  });
});
