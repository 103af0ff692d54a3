// The smaller facts of spec §0 through the real server: internal model ids hidden, a local token
// count where Google will not count, output limits capped, one session id per account, and 429s
// handled by their delay.
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import { describe, expect, it } from 'vitest';
import type { LimitsReport } from '../../src/pool/index.js';
import type { CodeAssistGenerateRequest } from '../../src/protocols/code-assist.js';
import { googleError } from '../emulator/google-error.js';
import { lastGenerateCall } from '../helpers/upstream-calls.js';
import { A, B, C, MODEL, ask, generationAccounts, googleRateLimit, setFractions, usePoolGateway, type PoolGateway } from '../helpers/pool-gateway.js';

const startPool = usePoolGateway();

const limitsOf = async (g: PoolGateway): Promise<LimitsReport> => (await (await fetch(`${g.url}/account-limits`)).json()) as LimitsReport;

describe("today's smaller facts", () => {
  it('never lists or routes the internal model ids Google lists', async () => {
    const gw = await startPool({ emulatorOptions: { today: { internalModels: true } } });
    const ids = (await gw.client.models.list()).data.map((m) => m.id);
    expect(ids).toContain('gemini-3-flash');
    expect(ids.filter((id) => /^(chat|tab)_|internal/.test(id))).toEqual([]);
    const gemini = (await (await fetch(`${gw.url}/v1beta/models`)).json()) as { models: Array<{ name: string }> };
    expect(gemini.models.map((m) => m.name)).not.toContain('models/chat_20706');
    await expect(gw.client.chat.completions.create({ model: 'chat_20706', messages: [{ role: 'user', content: 'hi' }] })).rejects.toMatchObject({ status: 404 });
    expect(gw.emulator.state.calls('streamGenerateContent')).toHaveLength(0);
  });

  it('counts tokens locally where Google refuses to count (Claude), in every dialect that counts', async () => {
    const gw = await startPool({ emulatorOptions: { today: { countTokensRefusesClaude: true } } });
    const anthropic = new Anthropic({ apiKey: 'x', baseURL: gw.url, maxRetries: 0 });
    const long = 'Please count the tokens of this sentence. '.repeat(20);
    const counted = await anthropic.messages.countTokens({ model: 'claude-sonnet-4-6', system: 'Be brief.', messages: [{ role: 'user', content: long }] });
    expect(counted.input_tokens).toBeGreaterThan(long.length / 5);
    expect(counted.input_tokens).toBeLessThan(long.length);
    const genai = new GoogleGenAI({ apiKey: 'x', httpOptions: { baseUrl: gw.url } });
    const viaGemini = await genai.models.countTokens({ model: 'claude-sonnet-4-6', contents: long });
    expect(viaGemini.totalTokens).toBeGreaterThan(long.length / 5);
    // Google was asked once; after its refusal the gateway counts that model itself.
    expect(gw.emulator.state.calls('countTokens')).toHaveLength(1);
    // Gemini models are still counted by Google.
    await anthropic.messages.countTokens({ model: 'gemini-3-flash', messages: [{ role: 'user', content: 'hi' }] });
    expect(gw.emulator.state.calls('countTokens')).toHaveLength(2);
  });

  it('caps output limits as Google accepts them, and the cap is configurable', async () => {
    const gw = await startPool();
    const anthropic = new Anthropic({ apiKey: 'x', baseURL: gw.url, maxRetries: 0 });
    // Streamed: the SDK will not wait for so large an answer otherwise.
    await anthropic.messages.stream({ model: 'gemini-3-flash', max_tokens: 100_000, messages: [{ role: 'user', content: 'hi' }] }).finalMessage();
    expect(lastGenerateCall(gw.emulator).request.generationConfig?.maxOutputTokens).toBe(16384);
    await anthropic.messages.stream({ model: 'claude-sonnet-4-6', max_tokens: 100_000, messages: [{ role: 'user', content: 'hi' }] }).finalMessage();
    expect(lastGenerateCall(gw.emulator).request.generationConfig?.maxOutputTokens).toBe(64000);
    await gw.close();

    const raised = await startPool({ env: { GATEWAY_GEMINI_MAX_OUTPUT_TOKENS: '65536' } });
    await new Anthropic({ apiKey: 'x', baseURL: raised.url, maxRetries: 0 })
      .messages.stream({ model: 'gemini-3-flash', max_tokens: 100_000, messages: [{ role: 'user', content: 'hi' }] })
      .finalMessage();
    expect(lastGenerateCall(raised.emulator).request.generationConfig?.maxOutputTokens).toBe(65536);
  });

  it('gives one conversation a different session id on each account, stable on each', async () => {
    const gw = await startPool({ env: { GATEWAY_STRATEGY: 'round-robin' } });
    for (let i = 0; i < 4; i++) await ask(gw, 'the same conversation');
    const calls = gw.emulator.state.calls('streamGenerateContent');
    const byAccount = new Map<string, Set<string>>();
    for (const c of calls) {
      const id = (c.body as CodeAssistGenerateRequest).request.sessionId!;
      expect(c.headers['x-machine-session-id']).toBe(id);
      byAccount.set(c.account!, (byAccount.get(c.account!) ?? new Set()).add(id));
    }
    expect(byAccount.size).toBeGreaterThan(1);
    for (const ids of byAccount.values()) expect(ids.size).toBe(1);
    const all = [...byAccount.values()].map((s) => [...s][0]);
    expect(new Set(all).size).toBe(all.length);
  });

  it('handles a 429 by its delay: a short one waits on the same account, a long one is a quota gone', async () => {
    const gw = await startPool();
    await setFractions(gw, { [A]: 0.9, [B]: 0.2, [C]: 0.5 });
    gw.emulator.state.reset();
    gw.emulator.state.enqueue({ account: A, method: 'streamGenerateContent', status: 429, body: googleRateLimit('RATE_LIMIT_EXCEEDED', '0.05s') });
    expect(await ask(gw)).not.toBe('');
    expect(generationAccounts(gw)).toEqual([A, A]);

    gw.emulator.state.enqueue({ account: A, method: 'streamGenerateContent', status: 429, body: googleRateLimit('RATE_LIMIT_EXCEEDED', '900s') });
    expect(await ask(gw)).not.toBe('');
    expect(generationAccounts(gw)).toEqual([A, A, A, C]);
    const a = (await limitsOf(gw)).accounts.find((x) => x.email === A)!;
    expect(a.models[MODEL]).toMatchObject({ state: 'cooling-down', cooldownReason: 'quota-exhausted' });
  });

  it('takes a bare "Resource has been exhausted" for a passing limit, not a daily quota', async () => {
    const gw = await startPool();
    await setFractions(gw, { [A]: 0.9, [B]: 0.2, [C]: 0.5 });
    gw.emulator.state.reset();
    gw.emulator.state.enqueue({ account: A, method: 'streamGenerateContent', status: 429, body: googleError({ code: 429 }) });
    expect(await ask(gw, 'hi', true)).not.toBe('');
    expect(generationAccounts(gw)).toEqual([A, C]);
    const a = (await limitsOf(gw)).accounts.find((x) => x.email === A)!;
    expect(a.models[MODEL]).toMatchObject({ state: 'cooling-down', cooldownReason: 'rate-limit' });
  });
});
