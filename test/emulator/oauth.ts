// Google OAuth as the installed-app flow sees it: authorize (auto-consent, PKCE S256), token
// (authorization_code, refresh_token), userinfo. Shapes: shared/spec/google-upstream.md §1.
import { createHash, randomBytes } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { FLAVOR_INFO } from '../../src/google/flavor-info.js';
import { FLAVORS } from '../../src/google/flavors.js';
import { googleError, scriptedResponse } from './reply.js';
import type { EmulatedAccount, EmulatorState } from './state.js';

interface IssuedCode {
  email: string;
  clientId: string;
  redirectUri: string;
  challenge: string;
  scope: string;
}

const knownClient = (id: string | undefined): boolean => FLAVORS.some((f) => FLAVOR_INFO[f].clientId === id);
const secretOf = (id: string): string | undefined => FLAVORS.map((f) => FLAVOR_INFO[f]).find((i) => i.clientId === id)?.clientSecret;

function isLoopback(uri: string): boolean {
  try {
    const u = new URL(uri);
    return u.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);
  } catch {
    return false;
  }
}

const oauthError = (c: Context, status: 400 | 401, error: string, description: string): Response =>
  c.json({ error, error_description: description }, status);

function tokenAnswer(state: EmulatorState, account: EmulatedAccount, scope: string, withRefresh: boolean, clientId: string): Record<string, unknown> {
  const { token, expiresIn } = state.issueAccessToken(account.email, clientId);
  return {
    access_token: token,
    expires_in: expiresIn,
    token_type: 'Bearer',
    scope,
    ...(withRefresh ? { refresh_token: account.refreshToken } : {}),
  };
}

export function registerOAuthRoutes(app: Hono, state: EmulatorState): void {
  // Codes live with this app (one per emulator), used once.
  const codes = new Map<string, IssuedCode>();

  app.get('/o/oauth2/v2/auth', async (c) => {
    const q = c.req.query();
    if (!knownClient(q.client_id)) return c.text(`Error 401: invalid_client (unknown client_id ${q.client_id})`, 401);
    if (!q.redirect_uri || !isLoopback(q.redirect_uri)) return c.text('Error 400: redirect_uri_mismatch', 400);
    if (q.response_type !== 'code') return c.text('Error 400: unsupported_response_type', 400);
    if (q.code_challenge_method !== 'S256' || !q.code_challenge) return c.text('Error 400: PKCE S256 required', 400);
    const redirect = new URL(q.redirect_uri);
    if (q.state !== undefined) redirect.searchParams.set('state', q.state);
    const email = state.nextConsent ?? q.login_hint ?? state.accounts.keys().next().value;
    state.nextConsent = undefined;
    const scripted = state.takeReply('auth', email);
    if (scripted?.body && typeof (scripted.body as { error?: unknown }).error === 'string') {
      // The user pressed "Cancel" (or Google refused): Google redirects with error=.
      redirect.searchParams.set('error', (scripted.body as { error: string }).error);
      return c.redirect(redirect.toString(), 302);
    }
    if (!email || !state.accounts.has(email)) return c.text(`Error 400: no emulated account ${email ?? ''} to consent`, 400);
    const code = `4/0emulated-${randomBytes(12).toString('hex')}`;
    codes.set(code, {
      email,
      clientId: q.client_id!,
      redirectUri: q.redirect_uri,
      challenge: q.code_challenge,
      scope: q.scope ?? '',
    });
    redirect.searchParams.set('code', code);
    redirect.searchParams.set('scope', q.scope ?? '');
    return c.redirect(redirect.toString(), 302);
  });

  app.post('/token', async (c) => {
    const form = Object.fromEntries(new URLSearchParams(await c.req.text()));
    let clientId = form.client_id;
    let clientSecret = form.client_secret;
    const basic = /^Basic\s+(.+)$/i.exec(c.req.header('authorization') ?? '');
    if (basic?.[1]) {
      const [id, secret] = Buffer.from(basic[1], 'base64').toString('utf8').split(':');
      clientId ??= id;
      clientSecret ??= secret;
    }
    if (!clientId || !knownClient(clientId) || secretOf(clientId) !== clientSecret) {
      return oauthError(c, 401, 'invalid_client', 'The OAuth client was not found.');
    }
    if (form.grant_type === 'authorization_code') {
      const issued = form.code ? codes.get(form.code) : undefined;
      if (!issued) return oauthError(c, 400, 'invalid_grant', 'Malformed auth code.');
      codes.delete(form.code!);
      if (issued.clientId !== clientId) return oauthError(c, 400, 'invalid_grant', 'Code was issued to another client.');
      if (issued.redirectUri !== form.redirect_uri) return oauthError(c, 400, 'redirect_uri_mismatch', 'Bad Request');
      const verifier = form.code_verifier ?? '';
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      if (!verifier || challenge !== issued.challenge) return oauthError(c, 400, 'invalid_grant', 'Invalid code verifier.');
      const account = state.accounts.get(issued.email);
      if (!account) return oauthError(c, 400, 'invalid_grant', 'Account deleted.');
      const scripted = state.takeReply('token', account.email);
      if (scripted) return scriptedResponse(c, scripted);
      if (account.revoked) {
        // A new consent issues a new refresh token; the revoked one stays dead.
        account.refreshToken = `${account.refreshToken}-${randomBytes(3).toString('hex')}`;
        account.revoked = false;
      }
      return c.json(tokenAnswer(state, account, issued.scope, true, clientId));
    }
    if (form.grant_type === 'refresh_token') {
      const account = form.refresh_token ? state.accountByRefreshToken(form.refresh_token) : undefined;
      const scripted = state.takeReply('token', account?.email);
      if (scripted) return scriptedResponse(c, scripted);
      if (!account || account.revoked) return oauthError(c, 400, 'invalid_grant', 'Token has been expired or revoked.');
      return c.json(tokenAnswer(state, account, FLAVOR_INFO.antigravity.scopes.join(' '), false, clientId));
    }
    return oauthError(c, 400, 'unsupported_grant_type', `Invalid grant_type: ${form.grant_type ?? ''}`);
  });

  const userinfo = (c: Context): Response => {
    const account = state.accountForAuthorization(c.req.header('authorization'));
    if (!account) {
      return c.json(googleError(401, 'Request is missing required authentication credential.'), 401);
    }
    const id = createHash('sha256').update(account.email).digest('hex').replace(/[a-f]/g, '').slice(0, 21).padEnd(21, '1');
    return c.json({
      id,
      email: account.email,
      verified_email: true,
      name: account.email.split('@')[0],
      picture: 'https://lh3.googleusercontent.com/a/emulated',
    });
  };
  app.get('/oauth2/v2/userinfo', userinfo);
  app.get('/oauth2/v1/userinfo', userinfo);
}
