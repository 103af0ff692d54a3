// Google refusing the client version the gateway claims (spec §0): with the feed unreachable and
// the built-in version below the emulator's floor, every dialect gets one clear 502 (not the
// refusal text as the model's reply), the accounts are not walked, /health says degraded, and the
// pin makes requests work again. A refusal also makes the gateway ask the feed at once.
import Anthropic from '@anthropic-ai/sdk';
import { OpenAI } from 'openai';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../src/log/logger.js';
import { BUILT_IN_VERSION } from '../../src/upstreams/code-assist/client-version.js';
import { startEmulator, type Emulator } from '../emulator/server.js';
import type { TodayOptions, VersionRefusal } from '../emulator/today.js';
import { seedAccount } from '../helpers/seed-accounts.js';
import { startGateway, type Gateway } from '../helpers/start-gateway.js';
import { makeTempHome } from '../helpers/temp-home.js';

const FLOOR = '99.0.0';
const ACCOUNTS = ['a@example.com', 'b@example.com', 'c@example.com'];

interface Setup {
  emulator: Emulator;
  home: string;
  gw: Gateway;
  warnings: string[];
}

let open: { emulator: Emulator; cleanup(): Promise<void>; gateways: Gateway[] } | undefined;
afterEach(async () => {
  for (const g of open?.gateways ?? []) await g.close();
  await open?.emulator.close();
  await open?.cleanup();
  open = undefined;
});

async function setup(today: TodayOptions, env: Record<string, string> = {}): Promise<Setup> {
  const emulator = await startEmulator({ today });
  const temp = await makeTempHome();
  open = { emulator, cleanup: temp.cleanup, gateways: [] };
  for (const email of ACCOUNTS) await seedAccount(temp.home, emulator, email);
  const warnings: string[] = [];
  const log = createLogger({ level: 'debug', write: (line) => void (line.includes(' WARN ') && warnings.push(line)) });
  const gw = await startGateway({ emulator, home: temp.home, env, log });
  open.gateways.push(gw);
  return { emulator, home: temp.home, gw, warnings };
}

const generationCalls = (e: Emulator): number => e.state.calls('streamGenerateContent').length;

const health = async (gw: Gateway): Promise<Record<string, unknown>> => (await (await fetch(`${gw.url}/health`)).json()) as Record<string, unknown>;

interface Case {
  dialect: string;
  path: string;
  body: (stream: boolean) => unknown;
  headers?: Record<string, string>;
  /** The error message and type from the dialect's body. */
  read: (body: unknown) => { message: string; type: string };
  type: string;
}

const MODEL = 'gemini-3-flash';
const CASES: Case[] = [
  {
    dialect: 'OpenAI chat',
    path: '/v1/chat/completions',
    body: (stream) => ({ model: MODEL, stream, messages: [{ role: 'user', content: 'hi' }] }),
    read: (b) => ({ message: (b as { error: { message: string } }).error.message, type: (b as { error: { type: string } }).error.type }),
    type: 'server_error',
  },
  {
    dialect: 'OpenAI Responses',
    path: '/v1/responses',
    body: (stream) => ({ model: MODEL, stream, input: 'hi' }),
    read: (b) => ({ message: (b as { error: { message: string } }).error.message, type: (b as { error: { type: string } }).error.type }),
    type: 'server_error',
  },
  {
    dialect: 'Anthropic',
    path: '/v1/messages',
    headers: { 'anthropic-version': '2023-06-01' },
    body: (stream) => ({ model: MODEL, stream, max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] }),
    read: (b) => ({ message: (b as { error: { message: string } }).error.message, type: (b as { error: { type: string } }).error.type }),
    type: 'api_error',
  },
  {
    dialect: 'Gemini',
    path: '/v1beta/models/gemini-3-flash:',
    body: () => ({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }] }),
    read: (b) => ({ message: (b as { error: { message: string } }).error.message, type: (b as { error: { status: string } }).error.status }),
    type: 'UNAVAILABLE',
  },
];

async function send(gw: Gateway, c: Case, stream: boolean): Promise<Response> {
  const path = c.dialect === 'Gemini' ? `${c.path}${stream ? 'streamGenerateContent?alt=sse' : 'generateContent'}` : c.path;
  return fetch(`${gw.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...c.headers },
    body: JSON.stringify(c.body(stream)),
  });
}

describe('a client version Google refuses', () => {
  it('gives every dialect, streaming or not, a clear 502 once; the pin makes requests work again', async () => {
    const { emulator, home, gw, warnings } = await setup({ versionFloor: { minimum: FLOOR }, feed: 'fail' });
    expect(await health(gw)).toMatchObject({ clientVersion: { version: BUILT_IN_VERSION, source: 'built-in' } });
    for (const c of CASES) {
      for (const stream of [false, true]) {
        const before = generationCalls(emulator);
        const warned = warnings.length;
        const res = await send(gw, c, stream);
        const text = await res.text();
        expect(res.status, `${c.dialect} ${stream ? 'stream' : 'json'}: ${text}`).toBe(502);
        expect(res.headers.get('content-type')).toMatch(/application\/json/);
        expect(res.headers.get('x-should-retry')).toBe('false');
        const { message, type } = c.read(JSON.parse(text));
        expect(type).toBe(c.type);
        expect(message).toContain(`(${BUILT_IN_VERSION})`);
        expect(message).toContain('GATEWAY_ANTIGRAVITY_VERSION');
        expect(message).toContain('This version of Antigravity is no longer supported');
        // One account asked, not three; one WARN line.
        expect(generationCalls(emulator) - before).toBe(1);
        expect(warnings.length - warned).toBe(1);
      }
    }
    expect(warnings[0]).toContain(`version=${BUILT_IN_VERSION}`);
    const degraded = await health(gw);
    expect(degraded).toMatchObject({ status: 'degraded', reason: expect.stringContaining('GATEWAY_ANTIGRAVITY_VERSION') });
    expect((degraded.clientVersion as { feed: { ok?: boolean } }).feed.ok).toBe(false);

    // The official SDKs do not retry it (they would for a plain 502).
    const before = generationCalls(emulator);
    const anthropic = new Anthropic({ apiKey: 'x', baseURL: gw.url });
    await expect(anthropic.messages.create({ model: MODEL, max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] })).rejects.toMatchObject({ status: 502 });
    const openai = new OpenAI({ apiKey: 'x', baseURL: `${gw.url}/v1` });
    await expect(openai.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'hi' }] })).rejects.toMatchObject({ status: 502 });
    expect(generationCalls(emulator) - before).toBe(2);

    // Started again with the pin, the same gateway home works.
    await gw.close();
    open!.gateways = [];
    const pinned = await startGateway({ emulator, home, env: { GATEWAY_ANTIGRAVITY_VERSION: '99.0.1' } });
    open!.gateways.push(pinned);
    for (const c of CASES) {
      for (const stream of [false, true]) {
        const res = await send(pinned, c, stream);
        expect(res.status, `${c.dialect} ${stream ? 'stream' : 'json'} pinned`).toBe(200);
        expect(await res.text()).not.toContain('no longer supported');
      }
    }
    expect(emulator.state.calls('streamGenerateContent').at(-1)?.headers['user-agent']).toBe('antigravity/hub/99.0.1 darwin/arm64');
    expect(await health(pinned)).toMatchObject({ status: 'ok', clientVersion: { version: '99.0.1', source: 'pin' } });
  });

  it.each<VersionRefusal>(['upgrade', 'out-of-date', 'not-found'])('recognises the %s answer too', async (answer) => {
    const { emulator, gw } = await setup({ versionFloor: { minimum: FLOOR, answer }, feed: 'fail' });
    for (const stream of [false, true]) {
      const res = await send(gw, CASES[2]!, stream);
      const body = (await res.json()) as { error: { message: string } };
      expect(res.status).toBe(502);
      expect(body.error.message).toContain(answer === 'not-found' ? `404 for ${MODEL}` : 'of Antigravity is');
    }
    expect(generationCalls(emulator)).toBe(2);
  });

  it('asks the feed at once, takes the newer version, and clears degraded on the next answer', async () => {
    const { emulator, gw } = await setup({ versionFloor: { minimum: FLOOR }, feed: 'fail' });
    // The check at start has failed.
    await vi.waitFor(async () => expect(await health(gw)).toMatchObject({ clientVersion: { feed: { ok: false } } }), { timeout: 10_000 });
    emulator.state.today.feed = { version: '99.2.0' };
    expect((await send(gw, CASES[0]!, false)).status).toBe(502);
    await vi.waitFor(async () => expect(await health(gw)).toMatchObject({ clientVersion: { version: '99.2.0', source: 'feed' } }), { timeout: 10_000 });
    expect(await health(gw)).toMatchObject({ status: 'degraded' });
    const res = await send(gw, CASES[0]!, true);
    expect(res.status).toBe(200);
    await res.text();
    expect(await health(gw)).toMatchObject({ status: 'ok' });
    expect(await health(gw)).not.toHaveProperty('reason');
  });

  it('leaves an ordinary answer that mentions Antigravity alone', async () => {
    const { emulator, gw } = await setup({ feed: 'fail' });
    const text = 'This version of Antigravity is no longer supported, people say; here is what that means for you. '.repeat(8);
    emulator.state.enqueue({ method: 'streamGenerateContent', parts: [{ text }] });
    const res = await send(gw, CASES[0]!, false);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { choices: Array<{ message: { content: string } }> }).choices[0]!.message.content).toBe(text);
  });
});
