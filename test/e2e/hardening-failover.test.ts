// Issue 11 row 3 through the real server and emulator: accounts whose logins Google refuses even
// after a refresh do not use up the attempts, a healthy account still answers, and when none does
// the client hears 503 (overloaded for Anthropic), never an error about its own API key.
import { describe, expect, it } from 'vitest';
import { A, B, C, MODEL, ask, generationAccounts, refreshesByAccount, setFractions, usePoolGateway } from '../helpers/pool-gateway.js';

const startPool = usePoolGateway();
const json = { 'content-type': 'application/json' };

describe('pool-side 401s (row 3)', () => {
  it('tries every healthy account: alice and bob answer 401 after a refresh, carol answers', async () => {
    const gw = await startPool();
    await setFractions(gw, { [A]: 0.9, [B]: 0.5, [C]: 0.2 });
    gw.emulator.state.reset();
    gw.emulator.state.faults.unauthorizedAfterRefresh = [A, B];
    expect(await ask(gw, 'hello', true)).toContain('hello');
    expect(generationAccounts(gw)).toEqual([A, A, B, B, C]);
    const refreshes = refreshesByAccount(gw);
    expect(refreshes.get(A)).toBe(1);
    expect(refreshes.get(B)).toBe(1);
  });

  it('when every account is refused, each dialect hears 503, not an authentication error', async () => {
    const gw = await startPool();
    gw.emulator.state.reset();
    gw.emulator.state.faults.unauthorizedAfterRefresh = true;
    const answers = [
      await fetch(`${gw.url}/v1/chat/completions`, { method: 'POST', headers: json, body: JSON.stringify({ model: MODEL, messages: [{ role: 'user', content: 'hi' }] }) }),
      await fetch(`${gw.url}/v1/messages`, {
        method: 'POST',
        headers: { ...json, 'anthropic-version': '2023-06-01' },
        body: JSON.stringify({ model: MODEL, max_tokens: 50, stream: true, messages: [{ role: 'user', content: 'hi' }] }),
      }),
      await fetch(`${gw.url}/v1beta/models/${MODEL}:generateContent`, { method: 'POST', headers: json, body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }] }) }),
      await fetch(`${gw.url}/v1/responses`, { method: 'POST', headers: json, body: JSON.stringify({ model: MODEL, input: 'hi' }) }),
    ];
    const [openai, anthropic, gemini, responses] = await Promise.all(answers.map(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, { type?: string; code?: unknown; status?: string; message: string }> })));
    for (const a of [openai, anthropic, gemini, responses]) {
      expect(a!.status).toBe(503);
      expect(JSON.stringify(a!.body)).toMatch(/gateway accounts (verify|add)/);
      expect(JSON.stringify(a!.body)).not.toMatch(/invalid_api_key|authentication_error|UNAUTHENTICATED/);
    }
    expect(openai!.body.error).toMatchObject({ type: 'server_error' });
    expect(anthropic!.body.error).toMatchObject({ type: 'overloaded_error' });
    expect(gemini!.body.error).toMatchObject({ status: 'UNAVAILABLE' });
    expect(new Set(generationAccounts(gw))).toEqual(new Set([A, B, C]));
  });

  it('a stream Google cuts after N events ends with an error event; a folded answer fails over and then says 502', async () => {
    // Three tries, one per account: no wait for a cooled-down account to come back.
    const gw = await startPool({ config: { maxAttempts: 3 } });
    gw.emulator.state.reset();
    gw.emulator.state.faults.slowDrip = { events: 6, intervalMs: 1 };
    gw.emulator.state.faults.cutAfterEvents = 2;
    const res = await fetch(`${gw.url}/v1/chat/completions`, { method: 'POST', headers: json, body: JSON.stringify({ model: MODEL, stream: true, messages: [{ role: 'user', content: 'hi' }] }) });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('"content":"drip"');
    expect(text.trimEnd()).toMatch(/data: \{"error":\{"message":"[^"]+","type":"server_error"/);
    expect(text).not.toContain('[DONE]');
    gw.emulator.state.reset();
    const folded = await fetch(`${gw.url}/v1/chat/completions`, { method: 'POST', headers: json, body: JSON.stringify({ model: MODEL, messages: [{ role: 'user', content: 'hi' }] }) });
    expect(folded.status).toBe(502);
    expect(new Set(generationAccounts(gw)).size).toBeGreaterThan(1);
  });
});
