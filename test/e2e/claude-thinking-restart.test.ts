// Claude thinking across a restart of the gateway, against an emulator that checks thinking as
// Claude does (a tool loop's assistant turn must begin with thinking Claude signed, else 400).
// OpenAI clients never send thinking back: the gateway's copy on disk restores it, and with that
// copy gone the gateway closes the loop rather than fail. Anthropic clients send it back: it
// reaches Claude unchanged even when this gateway never saw it, and a signature Claude refuses
// costs one retry without it, never a 400.
import Anthropic from '@anthropic-ai/sdk';
import { rm } from 'node:fs/promises';
import { OpenAI } from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import type { GeminiPart } from '../../src/protocols/gemini.js';
import { signaturesPath } from '../../src/upstreams/gemini-wire/signature-store.js';
import { fakeSignature } from '../emulator/generate-answer.js';
import { startEmulator, type Emulator } from '../emulator/server.js';
import { createLogger } from '../../src/log/logger.js';
import { seedAccount } from '../helpers/seed-accounts.js';
import { startGateway, type Gateway } from '../helpers/start-gateway.js';
import { makeTempHome } from '../helpers/temp-home.js';
import { lastGenerateCall } from '../helpers/upstream-calls.js';

const MODEL = 'claude-opus-4-6-thinking';
const WEATHER = { name: 'get_weather', description: 'Weather in a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } };

interface Restartable {
  emulator: Emulator;
  home: string;
  gw: Gateway;
  restart(opts?: { forget?: boolean }): Promise<Gateway>;
}

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function start(lines: string[] = []): Promise<Restartable> {
  const emulator = await startEmulator({ today: { claudeSignatures: true } });
  const temp = await makeTempHome();
  await seedAccount(temp.home, emulator, 'user@example.com');
  const log = createLogger({ level: 'info', write: (l) => void lines.push(l) });
  const r: Restartable = {
    emulator,
    home: temp.home,
    gw: await startGateway({ emulator, home: temp.home, log }),
    async restart(opts = {}) {
      await r.gw.close();
      // Without the file the new gateway has never seen the signatures of the first turn.
      if (opts.forget) await rm(signaturesPath(temp.home), { force: true });
      r.gw = await startGateway({ emulator, home: temp.home });
      return r.gw;
    },
  };
  cleanup = async () => {
    await r.gw.close();
    await emulator.close();
    await temp.cleanup();
  };
  return r;
}

const thoughtFirst = (parts: GeminiPart[] | undefined): GeminiPart | undefined => (parts?.[0]?.thought ? parts[0] : undefined);

describe('Claude thinking through a gateway restart', () => {
  it('an OpenAI client (no signature sent back): thinking restored from disk after the restart', async () => {
    const r = await start();
    const client = (gw: Gateway): OpenAI => new OpenAI({ apiKey: 'x', baseURL: `${gw.url}/v1`, maxRetries: 0 });
    const tools = [{ type: 'function' as const, function: WEATHER }];
    const user = { role: 'user' as const, content: 'Use get_weather for Paris.' };
    const first = await client(r.gw).chat.completions.create({ model: MODEL, messages: [user], tools });
    const call = first.choices[0]!.message.tool_calls![0]!;
    expect(call.type === 'function' && call.function.name).toBe('get_weather');

    const gw = await r.restart();
    const second = await client(gw).chat.completions.create({
      model: MODEL,
      tools,
      messages: [user, { role: 'assistant', content: null, tool_calls: [call] }, { role: 'tool', tool_call_id: call.id, content: 'sunny' }],
    });
    expect(second.choices[0]!.message.content).toContain('Tool results');
    const contents = lastGenerateCall(r.emulator).request.contents;
    expect(contents.map((c) => c.role)).toEqual(['user', 'model', 'user']);
    const thought = thoughtFirst(contents[1]!.parts);
    expect(thought).toMatchObject({ thought: true, text: expect.stringContaining('Thinking about') });
    // The signature the emulated Claude issued in the first turn, before the restart.
    expect(Buffer.from(thought!.thoughtSignature!, 'base64').toString()).toMatch(/^emulated-signature:claude-opus-4-6-thinking:/);
  });

  it('an OpenAI client whose thinking the gateway lost: the loop is closed and answered, not a 400', async () => {
    const r = await start();
    const client = (gw: Gateway): OpenAI => new OpenAI({ apiKey: 'x', baseURL: `${gw.url}/v1`, maxRetries: 0 });
    const tools = [{ type: 'function' as const, function: WEATHER }];
    const user = { role: 'user' as const, content: 'Use get_weather for Paris.' };
    const call = (await client(r.gw).chat.completions.create({ model: MODEL, messages: [user], tools })).choices[0]!.message.tool_calls![0]!;
    const gw = await r.restart({ forget: true });
    const messages = [user, { role: 'assistant' as const, content: null, tool_calls: [call] }, { role: 'tool' as const, tool_call_id: call.id, content: 'sunny' }];
    for (const stream of [false, true]) {
      if (stream) {
        let text = '';
        for await (const chunk of await client(gw).chat.completions.create({ model: MODEL, tools, messages, stream: true })) text += chunk.choices[0]?.delta.content ?? '';
        expect(text).not.toBe('');
      } else {
        const second = await client(gw).chat.completions.create({ model: MODEL, tools, messages });
        expect(second.choices[0]!.message.content).not.toBe('');
      }
      const contents = lastGenerateCall(r.emulator).request.contents;
      expect(contents.map((c) => c.role)).toEqual(['user', 'model', 'user', 'model', 'user']);
      expect(contents[2]!.parts[0]!.functionResponse).toMatchObject({ id: call.id, name: 'get_weather' });
    }
  });

  it('an Anthropic client gets Google\'s signature unchanged and sends it back: forwarded though this gateway never saw it', async () => {
    const r = await start();
    const signature = fakeSignature(MODEL, 4242);
    r.emulator.state.enqueue({
      method: 'streamGenerateContent',
      parts: [
        { text: 'Paris: I need the weather tool.', thought: true, thoughtSignature: signature },
        { functionCall: { id: 'toolu_paris', name: 'get_weather', args: { city: 'Paris' } } },
      ],
    });
    const client = (gw: Gateway): Anthropic => new Anthropic({ apiKey: 'x', baseURL: gw.url, maxRetries: 0 });
    const base = { model: MODEL, max_tokens: 4000, thinking: { type: 'enabled' as const, budget_tokens: 2000 }, tools: [{ name: WEATHER.name, description: WEATHER.description, input_schema: WEATHER.parameters as Anthropic.Tool.InputSchema }] };
    const user = { role: 'user' as const, content: 'What is the weather in Paris?' };
    const first = await client(r.gw).messages.stream({ ...base, messages: [user] }).finalMessage();
    expect(first.content[0]).toEqual({ type: 'thinking', thinking: 'Paris: I need the weather tool.', signature });
    expect(first.content[1]).toMatchObject({ type: 'tool_use', id: 'toolu_paris' });

    const gw = await r.restart({ forget: true });
    const second = await client(gw).messages.create({
      ...base,
      messages: [user, { role: 'assistant', content: first.content }, { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_paris', content: 'sunny' }] }],
    });
    expect(second.content.find((b) => b.type === 'text')).toMatchObject({ text: expect.stringContaining('sunny') });
    const contents = lastGenerateCall(r.emulator).request.contents;
    expect(contents).toHaveLength(3);
    expect(contents[1]!.parts[0]).toEqual({ text: 'Paris: I need the weather tool.', thought: true, thoughtSignature: signature });
  });

  it('a signature Claude refuses (another provider\'s) costs one retry without it, not a 400', async () => {
    const lines: string[] = [];
    const r = await start(lines);
    const client = new Anthropic({ apiKey: 'x', baseURL: r.gw.url, maxRetries: 0 });
    const foreign = 'EqQB'.padEnd(120, 'Q');
    const answer = await client.messages.create({
      model: MODEL,
      max_tokens: 4000,
      thinking: { type: 'enabled', budget_tokens: 2000 },
      tools: [{ name: WEATHER.name, input_schema: WEATHER.parameters as Anthropic.Tool.InputSchema }],
      messages: [
        { role: 'user', content: 'What is the weather in Paris?' },
        { role: 'assistant', content: [{ type: 'thinking', thinking: 'Elsewhere I thought this.', signature: foreign }, { type: 'tool_use', id: 'toolu_x', name: 'get_weather', input: { city: 'Paris' } }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_x', content: 'sunny' }] },
      ],
    });
    expect(answer.content.some((b) => b.type === 'text')).toBe(true);
    const calls = r.emulator.state.calls('streamGenerateContent');
    expect(calls).toHaveLength(2);
    const sent = (calls[0]!.body as { request: { contents: Array<{ parts: GeminiPart[] }> } }).request.contents;
    expect(sent[1]!.parts[0]!.thoughtSignature).toBe(foreign);
    const retried = (calls[1]!.body as { request: { contents: Array<{ role: string; parts: GeminiPart[] }> } }).request.contents;
    expect(retried.map((c) => c.role)).toEqual(['user', 'model', 'user', 'model', 'user']);
    expect(JSON.stringify(retried)).not.toContain(foreign);
    // What the emulated Claude answered the first time, as the gateway logged it.
    expect(lines.join('\n')).toContain('Invalid `signature` in `thinking` block');
  });
});
