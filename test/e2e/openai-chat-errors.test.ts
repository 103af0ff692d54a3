// Errors as the openai SDK sees them from the real gateway: unknown model, bad bodies, upstream 429.
import { OpenAI } from 'openai';
import { describe, expect, it } from 'vitest';
import { MODEL, useChatGateway } from '../helpers/chat-gateway.js';
import { rejectionOf } from '../helpers/rejection-of.js';

const ctx = useChatGateway();

describe('errors', () => {
  it('answers an unknown model with 404 naming it and listing the models', async () => {
    const e = await rejectionOf(ctx.client().chat.completions.create({ model: 'no-such-model', messages: [{ role: 'user', content: 'hi' }] }), OpenAI.NotFoundError);
    expect(e.message).toContain('no-such-model');
    expect(e.message).toMatch(/Available models: .*gemini-3-flash/);
    expect(e.code).toBe('model_not_found');
    expect(e.type).toBe('invalid_request_error');
    expect(e.param).toBe('model');
    expect(e.requestID).toBeTruthy();
  });

  it('answers a bad body with 400 naming the field', async () => {
    const bad = { model: MODEL, messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'ftp://x/y.png' } }] }] };
    const e = await rejectionOf(ctx.client().chat.completions.create(bad as unknown as OpenAI.ChatCompletionCreateParamsNonStreaming), OpenAI.BadRequestError);
    expect(e.type).toBe('invalid_request_error');
    expect(e.param).toBe('messages.0.content.0.image_url.url');
    expect(e.message).toContain('messages.0.content.0.image_url.url');
    expect(ctx.gw().emulator.state.calls('streamGenerateContent')).toHaveLength(0);
  });

  it('answers tool-call arguments that are not JSON with 400 naming the call', async () => {
    const request = ctx.client().chat.completions.create({
      model: MODEL,
      messages: [
        { role: 'user', content: 'x' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'call_broken', type: 'function', function: { name: 'get_weather', arguments: '{"city":' } }] },
        { role: 'tool', tool_call_id: 'call_broken', content: 'x' },
      ],
    });
    const err = await rejectionOf(request, OpenAI.BadRequestError);
    expect(err.message).toContain('call_broken');
  });

  it('answers malformed JSON with 400 in the OpenAI shape', async () => {
    const res = await fetch(`${ctx.gw().url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"model": ' });
    expect(res.status).toBe(400);
    expect(res.headers.get('x-request-id')).toBeTruthy();
    const body = (await res.json()) as { error: { type: string; message: string } };
    expect(body.error.type).toBe('invalid_request_error');
  });

  it('answers an upstream 429 on every account with a rate-limit error carrying Retry-After', async () => {
    const model = 'gemini-3.1-pro-low'; // its own model, so the cooldown does not touch other tests
    ctx.gw().emulator.state.enqueue({
      method: 'streamGenerateContent',
      status: 429,
      times: 10,
      body: {
        error: {
          code: 429,
          message: 'Resource has been exhausted (e.g. check quota).',
          status: 'RESOURCE_EXHAUSTED',
          details: [
            { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'RATE_LIMIT_EXCEEDED', domain: 'cloudcode-pa.googleapis.com' },
            { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '30s' },
          ],
        },
      },
    });
    const e = await rejectionOf(ctx.client().chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] }), OpenAI.RateLimitError);
    expect(e.type).toBe('rate_limit_error');
    const retryAfter = Number(e.headers?.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(30);
    // A wait this short is worth an SDK retry; only far resets say x-should-retry: false.
    expect(e.headers?.get('x-should-retry')).toBeNull();
  });
});
