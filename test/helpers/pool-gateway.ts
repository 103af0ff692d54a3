// Shared by the pool e2e files: a gateway over three emulated accounts, quota scripting, Google
// error bodies, and which account each generation call used.
import { OpenAI } from 'openai';
import { afterEach } from 'vitest';
import type { PoolBackend } from '../../src/pool/index.js';
import { methodOf } from '../emulator/state.js';
import { startGateway, type Gateway, type StartGatewayOptions } from './start-gateway.js';

export const MODEL = 'gemini-3-flash';
export const A = 'alice@example.com';
export const B = 'bob@example.com';
export const C = 'carol@example.com';

export interface PoolGateway extends Gateway {
  pool: PoolBackend;
  client: OpenAI;
}

export async function startPoolGateway(opts: StartGatewayOptions = {}): Promise<PoolGateway> {
  const gw = await startGateway({ accounts: [A, B, C], ...opts });
  return {
    ...gw,
    pool: gw.backend as PoolBackend,
    client: new OpenAI({ apiKey: 'test', baseURL: `${gw.url}/v1`, maxRetries: 0 }),
  };
}

/** Registers an afterEach that closes the gateway a test started; returns the starter to call in each test. */
export function usePoolGateway(): (opts?: StartGatewayOptions) => Promise<PoolGateway> {
  let open: PoolGateway | undefined;
  afterEach(async () => {
    await open?.close();
    open = undefined;
  });
  return async (opts = {}) => (open = await startPoolGateway(opts));
}

/** Sets what Google reports for each account (one model) and makes the pool ask again. */
export async function setFractions(gw: PoolGateway, fractions: Record<string, number>, model = MODEL): Promise<void> {
  const resetTime = new Date(Date.now() + 3 * 3600_000).toISOString();
  for (const [email, remainingFraction] of Object.entries(fractions)) {
    const account = gw.emulator.state.accounts.get(email);
    if (!account) throw new Error(`no emulated account ${email}`);
    account.quota = { [model]: { remainingFraction, resetTime } };
  }
  await gw.pool.refreshQuota();
}

const GENERATION = new Set(['streamGenerateContent', 'generateContent']);

/** The account of every generation call the emulator received, oldest first. */
export function generationAccounts(gw: Gateway): Array<string | undefined> {
  return gw.emulator.state.records.filter((r) => GENERATION.has(methodOf(r.path))).map((r) => r.account);
}

/** How many token refreshes the emulator served per account (by refresh token). */
export function refreshesByAccount(gw: Gateway): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of gw.emulator.state.calls('token')) {
    const body = r.body as Record<string, string>;
    if (body.grant_type !== 'refresh_token') continue;
    const email = gw.emulator.state.accountByRefreshToken(body.refresh_token ?? '')?.email ?? '?';
    counts.set(email, (counts.get(email) ?? 0) + 1);
  }
  return counts;
}

export function googleRateLimit(reason: string, delay: string): unknown {
  return {
    error: {
      code: 429,
      message: reason === 'QUOTA_EXHAUSTED' ? 'You have exhausted your capacity on this model.' : 'Resource has been exhausted (e.g. check quota).',
      status: 'RESOURCE_EXHAUSTED',
      details: [
        {
          '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
          reason,
          domain: 'cloudcode-pa.googleapis.com',
          metadata: { model: MODEL, quotaResetDelay: delay },
        },
        { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: delay },
      ],
    },
  };
}

export async function ask(gw: PoolGateway, text = 'hi', stream = false): Promise<string> {
  if (stream) {
    let out = '';
    const s = await gw.client.chat.completions.create({ model: MODEL, stream: true, messages: [{ role: 'user', content: text }] });
    for await (const chunk of s) out += chunk.choices[0]?.delta.content ?? '';
    return out;
  }
  const r = await gw.client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: text }] });
  return r.choices[0]?.message.content ?? '';
}
