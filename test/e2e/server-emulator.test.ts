// The HTTP layer over the real pool and upstream against the emulator: a stream Google cuts midway,
// a client that walks away, an unknown model, in each dialect's shape.
import Anthropic from '@anthropic-ai/sdk';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startGateway, type Gateway } from '../helpers/start-gateway.js';

const MODEL = 'gemini-3-flash';
const messages = (stream: boolean) =>
  JSON.stringify({ model: MODEL, max_tokens: 100, stream, messages: [{ role: 'user', content: 'tell me a long story' }] });
const chat = (stream: boolean, model = MODEL) => JSON.stringify({ model, stream, messages: [{ role: 'user', content: 'tell me a long story' }] });
const post = (url: string, body: string, signal?: AbortSignal) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, ...(signal ? { signal } : {}) });

describe('server over the emulator', () => {
  let gw: Gateway | undefined;
  afterEach(async () => {
    await gw?.close();
    gw = undefined;
  });

  it('answers Anthropic and OpenAI clients end to end', async () => {
    gw = await startGateway();
    const anthropic = new Anthropic({ baseURL: gw.url, apiKey: 'unused', maxRetries: 0 });
    const msg = await anthropic.messages.stream({ model: MODEL, max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] }).finalMessage();
    expect(msg.content.length).toBeGreaterThan(0);
    expect(msg.stop_reason).toBe('end_turn');
    expect(gw.emulator.state.calls('streamGenerateContent')).toHaveLength(1);
  });

  it('ends a stream Google cuts midway with the error event of each dialect', async () => {
    gw = await startGateway({ emulatorOptions: { streamChunks: 4 } });
    gw.emulator.state.enqueue({ method: 'streamGenerateContent', drop: { afterEvents: 1 } });
    const anthropic = await post(`${gw.url}/v1/messages`, messages(true));
    expect(anthropic.status).toBe(200);
    const aText = await anthropic.text();
    expect(aText).toContain('event: message_start');
    expect(aText.trimEnd()).toMatch(/event: error\ndata: \{"type":"error","error":\{"type":"[a-z_]+","message":"[^"]+"/);
    expect(aText).not.toContain('event: message_stop');

    gw.emulator.state.enqueue({ method: 'streamGenerateContent', drop: { afterEvents: 1 } });
    const openai = await post(`${gw.url}/v1/chat/completions`, chat(true));
    const oText = await openai.text();
    expect(oText.trimEnd()).toMatch(/data: \{"error":\{"message":"[^"]+"/);
    expect(oText).not.toContain('[DONE]');
  });

  it('aborts the upstream request when the client disconnects mid-stream', async () => {
    gw = await startGateway({ emulatorOptions: { streamChunks: 20, chunkDelayMs: 100 } });
    const ac = new AbortController();
    const res = await post(`${gw.url}/v1/messages`, messages(true), ac.signal);
    const reader = res.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toContain('message_start');
    ac.abort();
    const state = gw.emulator.state;
    await vi.waitFor(() => expect(state.abortedStreams).toBe(1), { timeout: 10_000, interval: 20 });
  });

  it('names an unknown model in a 404 in the client dialect', async () => {
    gw = await startGateway();
    const res = await post(`${gw.url}/v1/chat/completions`, chat(false, 'no-such-model'));
    expect(res.status).toBe(404);
    const body = (await res.json()) as { error: { message: string; type: string } };
    expect(body.error.type).toBe('invalid_request_error');
    expect(body.error.message).toContain('no-such-model');
  });
});
