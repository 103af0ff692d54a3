// Accounts Google will not serve, seen through the real server: the request that meets a 403
// VALIDATION_REQUIRED, a ban, UNSUPPORTED_CLIENT or a 401 on a fresh token fails over to another
// account; the account is marked (in accounts.json too), shown with its link in /account-limits
// and /health, skipped until `gateway accounts verify` clears it.
import { OpenAI } from 'openai';
import { describe, expect, it } from 'vitest';
import type { LimitsReport } from '../../src/pool/index.js';
import { createPool } from '../../src/pool/index.js';
import { readAccounts } from '../../src/store/accounts-file.js';
import { createCodeAssistUpstream } from '../../src/upstreams/code-assist/index.js';
import { UNSUPPORTED_CLIENT_MESSAGE, VERIFY_MESSAGE, VERIFY_TEXT, VERIFY_URL } from '../emulator/account-trouble.js';
import { A, B, C, ask, generationAccounts, refreshesByAccount, setFractions, usePoolGateway, type PoolGateway } from '../helpers/pool-gateway.js';
import { cliEnv, runCli } from '../helpers/cli.js';

const startPool = usePoolGateway();

const json = async <T>(gw: PoolGateway, path: string): Promise<T> => (await fetch(`${gw.url}${path}`)).json() as Promise<T>;
const stateOf = async (gw: PoolGateway, email: string) => (await readAccounts(gw.home)).find((r) => r.email === email);

describe('an account Google wants verified (403 VALIDATION_REQUIRED)', () => {
  it('fails the request over, marks the account with its link, shows it everywhere, and skips it until verified', async () => {
    const gw = await startPool();
    await setFractions(gw, { [A]: 0.9, [B]: 0.2, [C]: 0.5 });
    gw.emulator.state.reset();
    gw.emulator.state.accounts.get(A)!.trouble = { kind: 'validation-required' };

    expect(await ask(gw, 'hello', true)).not.toBe('');
    expect(generationAccounts(gw)).toEqual([A, C]);
    expect(await stateOf(gw, A)).toMatchObject({
      state: 'needs-verification',
      stateReason: VERIFY_MESSAGE,
      stateLink: { url: VERIFY_URL, text: VERIFY_TEXT },
      stateSince: expect.any(String),
    });

    const limits = await json<LimitsReport>(gw, '/account-limits');
    expect(limits.accounts.find((a) => a.email === A)).toMatchObject({ state: 'needs-verification', stateLink: { url: VERIFY_URL } });
    const table = await (await fetch(`${gw.url}/account-limits?format=table`)).text();
    expect(table).toContain('needs verification');
    expect(table).toContain(`verify: ${VERIFY_URL}`);
    expect(await json(gw, '/health')).toMatchObject({
      status: 'ok',
      activeAccounts: 2,
      needsVerification: 1,
      attention: [{ email: A, state: 'needs-verification', reason: VERIFY_MESSAGE, link: { url: VERIFY_URL } }],
    });

    const status = await runCli(['status', '--port', new URL(gw.url).port], cliEnv(gw.home, gw.emulator.env));
    expect(status.stdout).toContain(`needs verification: ${A} (${VERIFY_MESSAGE}) · verify at ${VERIFY_URL}`);

    // Every strategy skips it.
    await ask(gw);
    expect(generationAccounts(gw)).toEqual([A, C, C]);

    // It stays marked across a restart.
    const again = await createPool({ config: gw.config, upstream: createCodeAssistUpstream(gw.config) });
    expect(again.health()).toMatchObject({ activeAccounts: 2, needsVerification: 1 });
    await again.close();

    // The person verifies; `gateway accounts verify` clears the mark and the running server uses A again.
    delete gw.emulator.state.accounts.get(A)!.trouble;
    const verify = await runCli(['accounts', 'verify'], cliEnv(gw.home, gw.emulator.env));
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
    expect(verify.stdout).toContain(`✔ ${A} (antigravity): ok again (was needs verification)`);
    await gw.pool.refreshQuota();
    expect(await stateOf(gw, A)).toMatchObject({ state: 'active' });
    await ask(gw);
    expect(generationAccounts(gw).at(-1)).toBe(A);
  });
});

describe('bans', () => {
  it.each(['account_disabled', 'user_disabled'] as const)('%s: marked banned with Google\'s message, the request served by another', async (wording) => {
    const gw = await startPool();
    await setFractions(gw, { [A]: 0.9, [B]: 0.2, [C]: 0.5 });
    gw.emulator.state.reset();
    gw.emulator.state.accounts.get(A)!.trouble = { kind: 'banned', wording };
    expect(await ask(gw)).not.toBe('');
    expect(generationAccounts(gw)).toEqual([A, C]);
    expect(await stateOf(gw, A)).toMatchObject({ state: 'banned', stateReason: expect.stringContaining(wording) });
    expect(await json(gw, '/health')).toMatchObject({ banned: 1, attention: [{ email: A, state: 'banned' }] });
  });
});

describe('a 401 after a successful token refresh', () => {
  it('marks the account as needing a login and serves the client from another', async () => {
    const gw = await startPool();
    await setFractions(gw, { [A]: 0.9, [B]: 0.2, [C]: 0.5 });
    gw.emulator.state.reset();
    gw.emulator.state.enqueue({ account: A, method: 'streamGenerateContent', status: 401, times: 2 });
    expect(await ask(gw)).not.toBe('');
    expect(generationAccounts(gw)).toEqual([A, A, C]);
    expect(refreshesByAccount(gw).get(A)).toBe(1);
    expect(await stateOf(gw, A)).toMatchObject({ state: 'needs-login', stateReason: expect.stringContaining('freshly refreshed access token') });
  });

  it('with no other account the client gets 503 saying what to do, never a 401 about its own key', async () => {
    const gw = await startPool({ accounts: [A] });
    gw.emulator.state.enqueue({ account: A, method: 'streamGenerateContent', status: 401, times: 2 });
    const res = await fetch(`${gw.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({ model: 'gemini-3-flash', max_tokens: 50, messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(res.status).toBe(503);
    const body = (await res.json()) as { error: { message: string } };
    expect(body.error.message).toContain('needs-login');
    expect(body.error.message).toContain('gateway accounts add');
  });
});

describe('the gemini-cli flavor closed to individuals', () => {
  it('an account that starts getting UNSUPPORTED_CLIENT is marked with it; a licensed one serves', async () => {
    const gw = await startPool({ accounts: [{ email: A, flavor: 'gemini-cli' }, { email: B, flavor: 'gemini-cli' }] });
    const model = 'gemini-2.5-flash';
    await setFractions(gw, { [A]: 0.9, [B]: 0.5 }, model);
    gw.emulator.state.reset();
    gw.emulator.state.accounts.get(A)!.trouble = { kind: 'unsupported-client' };
    const client = new OpenAI({ apiKey: 'test', baseURL: `${gw.url}/v1`, maxRetries: 0 });
    const r = await client.chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] });
    expect(r.choices[0]?.message.content).toBeTruthy();
    expect(generationAccounts(gw)).toEqual([A, B]);
    const a = await stateOf(gw, A);
    expect(a).toMatchObject({ state: 'unsupported-client' });
    expect(a?.stateReason).toContain(UNSUPPORTED_CLIENT_MESSAGE);
    expect(a?.stateReason).toContain('--flavor antigravity');
    expect(await json(gw, '/health')).toMatchObject({ unsupportedClient: 1 });
  });
});
