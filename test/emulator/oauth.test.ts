// The emulator's OAuth must refuse what Google refuses, or the gateway's tests prove nothing.
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FLAVOR_INFO } from '../../src/google/flavor-info.js';
import { startEmulator, type Emulator } from './server.js';

let emulator: Emulator;
beforeEach(async () => {
  emulator = await startEmulator();
  emulator.state.addAccount('a@example.com');
});
afterEach(() => emulator.close());

const { clientId, clientSecret } = FLAVOR_INFO.antigravity;
const verifier = 'v'.repeat(50);
const challenge = createHash('sha256').update(verifier).digest('base64url');
const redirectUri = 'http://127.0.0.1:5555/oauth2callback';

async function authorize(): Promise<string> {
  const q = new URLSearchParams({ client_id: clientId, redirect_uri: redirectUri, response_type: 'code', code_challenge: challenge, code_challenge_method: 'S256', state: 'st' });
  const res = await fetch(`${emulator.url}/o/oauth2/v2/auth?${q.toString()}`, { redirect: 'manual' });
  expect(res.status).toBe(302);
  const loc = new URL(res.headers.get('location')!);
  expect(loc.searchParams.get('state')).toBe('st');
  return loc.searchParams.get('code')!;
}

const token = (form: Record<string, string>): Promise<Response> =>
  fetch(`${emulator.url}/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) });

describe('emulated OAuth', () => {
  it('exchanges a code once, with the right PKCE verifier only', async () => {
    const code = await authorize();
    const base = { grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: clientId, client_secret: clientSecret };
    const wrong = await token({ ...base, code_verifier: 'x'.repeat(50) });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ error: 'invalid_grant' });
    // Codes are single-use (a failed attempt used this one up): take a fresh one.
    const code2 = await authorize();
    const ok = await token({ ...base, code: code2, code_verifier: verifier });
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ token_type: 'Bearer', refresh_token: emulator.state.accounts.get('a@example.com')!.refreshToken });
    const again = await token({ ...base, code: code2, code_verifier: verifier });
    expect(again.status).toBe(400);
    const me = await fetch(`${emulator.url}/oauth2/v2/userinfo`, { headers: { authorization: `Bearer ${body.access_token as string}` } });
    expect(await me.json()).toMatchObject({ email: 'a@example.com', verified_email: true });
  });

  it('refuses a wrong client secret and a revoked refresh token', async () => {
    const account = emulator.state.accounts.get('a@example.com')!;
    const form = { grant_type: 'refresh_token', refresh_token: account.refreshToken, client_id: clientId };
    expect((await token({ ...form, client_secret: 'nope' })).status).toBe(401);
    expect((await token({ ...form, client_secret: clientSecret })).status).toBe(200);
    account.revoked = true;
    const revoked = await token({ ...form, client_secret: clientSecret });
    expect(revoked.status).toBe(400);
    expect(await revoked.json()).toEqual({ error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
  });

  it('refuses an authorize request without PKCE S256', async () => {
    const q = new URLSearchParams({ client_id: clientId, redirect_uri: redirectUri, response_type: 'code' });
    expect((await fetch(`${emulator.url}/o/oauth2/v2/auth?${q.toString()}`, { redirect: 'manual' })).status).toBe(400);
  });
});
