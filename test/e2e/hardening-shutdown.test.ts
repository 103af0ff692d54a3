// Issue 11 row 10: on stop (SIGTERM for `gateway start`), streams still open after the drain
// time end with a closing error event in their dialect before the connection is cut, and a
// request still waiting for its answer gets a 503 it can retry.
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/server.js';
import { cliEnv, startCli } from '../helpers/cli.js';
import { seedAccount } from '../helpers/seed-accounts.js';
import { startGateway, type Gateway } from '../helpers/start-gateway.js';
import { makeTempHome } from '../helpers/temp-home.js';

const MODEL = 'gemini-3-flash';
const json = { 'content-type': 'application/json' };
// 400 events 10 ms apart: a stream that would run for seconds.
const LONG_STREAM = { slowDrip: { events: 400, intervalMs: 10 } };

let gw: Gateway | undefined;
afterEach(async () => {
  await gw?.close();
  gw = undefined;
});

/** Starts a streamed request and reads it until its first piece of content; `rest()` reads it to its end. */
async function openStream(url: string, init: RequestInit, firstContent: string): Promise<{ rest(): Promise<string> }> {
  const res = await fetch(url, { method: 'POST', ...init });
  expect(res.status).toBe(200);
  const reader = res.body!.getReader();
  const dec = new TextDecoder();
  let text = '';
  while (!text.includes(firstContent)) {
    const r = await reader.read();
    if (r.done) throw new Error(`stream ended before "${firstContent}":\n${text}`);
    text += dec.decode(r.value, { stream: true });
  }
  return {
    async rest() {
      for (let r = await reader.read(); !r.done; r = await reader.read()) text += dec.decode(r.value, { stream: true });
      return text;
    },
  };
}

const streams = (url: string) => ({
  anthropic: () =>
    openStream(`${url}/v1/messages`, { headers: { ...json, 'anthropic-version': '2023-06-01' }, body: JSON.stringify({ model: MODEL, max_tokens: 10, stream: true, messages: [{ role: 'user', content: 'hi' }] }) }, 'text_delta'),
  openai: () => openStream(`${url}/v1/chat/completions`, { headers: json, body: JSON.stringify({ model: MODEL, stream: true, messages: [{ role: 'user', content: 'hi' }] }) }, '"content":"drip"'),
  responses: () => openStream(`${url}/v1/responses`, { headers: json, body: JSON.stringify({ model: MODEL, stream: true, input: 'hi' }) }, 'output_text.delta'),
  gemini: () => openStream(`${url}/v1beta/models/${MODEL}:streamGenerateContent?alt=sse`, { headers: json, body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }] }) }, '"text":"drip"'),
});

describe('stopping the server (row 10)', () => {
  it('ends every open stream with a closing error event in its dialect once the drain time is over', async () => {
    gw = await startGateway({ emulatorOptions: { faults: LONG_STREAM } });
    const open = streams(gw.url);
    const [anthropic, openai, responses, gemini] = await Promise.all([open.anthropic(), open.openai(), open.responses(), open.gemini()]);
    await gw.server.close(50);
    const ends = await Promise.all([anthropic.rest(), openai.rest(), responses.rest(), gemini.rest()]);
    const [a, o, r, g] = ends.map((t) => t.trimEnd());
    expect(a).toMatch(/event: error\ndata: \{"type":"error","error":\{"type":"overloaded_error","message":"The gateway is shutting down[^"]*"\}\}$/);
    expect(o).toMatch(/data: \{"error":\{"message":"The gateway is shutting down[^"]*","type":"server_error","param":null,"code":null\}\}$/);
    expect(r).toMatch(/event: error\n.*shutting down[\s\S]*event: response\.failed\n[^\n]*$/);
    expect(g).toMatch(/data: \{"error":\{"code":503,"message":"The gateway is shutting down[^\n]*"status":"UNAVAILABLE"[^\n]*$/);
    // The calls to Google were given up, not left running.
    for (let i = 0; gw.emulator.state.abortedStreams < 4; i++) {
      if (i > 300) throw new Error(`only ${gw.emulator.state.abortedStreams} upstream calls ended`);
      await new Promise((r) => setTimeout(r, 10));
    }
  });

  it('answers a request still waiting for its first event with 503 and Retry-After', async () => {
    gw = await startGateway({ emulatorOptions: { faults: { hang: true } } });
    const g = gw;
    const answer = fetch(`${g.url}/v1/chat/completions`, { method: 'POST', headers: json, body: JSON.stringify({ model: MODEL, messages: [{ role: 'user', content: 'hi' }] }) });
    while (g.emulator.state.faultCounters.hanging === 0) await new Promise((r) => setTimeout(r, 5));
    await g.server.close(20);
    const res = await answer;
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(await res.json()).toMatchObject({ error: { message: expect.stringContaining('shutting down') } });
  });
});

describe('gateway start when stopped (row 10; SIGTERM in-process is the abort signal main takes)', () => {
  let emulator: Emulator | undefined;
  let temp: { home: string; cleanup(): Promise<void> } | undefined;
  afterEach(async () => {
    await emulator?.close();
    await temp?.cleanup();
  });

  it('gives open streams GATEWAY_DRAIN_MS, then a closing error event, and exits 0', async () => {
    emulator = await startEmulator({ faults: LONG_STREAM });
    temp = await makeTempHome();
    await seedAccount(temp.home, emulator, 'user@example.com');
    const run = startCli(['start', '--port', '0'], cliEnv(temp.home, { ...emulator.env, GATEWAY_DRAIN_MS: '100' }));
    let text: string;
    try {
      const [, url] = await run.waitFor(/gateway ready on (http:\/\/127\.0\.0\.1:\d+)/);
      const stream = await streams(url!).anthropic();
      run.stop();
      text = (await stream.rest()).trimEnd();
    } catch (e) {
      run.stop();
      throw e;
    }
    expect(text).toMatch(/event: error\ndata: \{"type":"error","error":\{"type":"overloaded_error","message":"The gateway is shutting down/);
    const result = await run.done;
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/ending open requests/);
  });
});
