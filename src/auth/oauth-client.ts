// The installed-app OAuth pieces shared by the browser and the paste flows, on google-auth-library
// (imported lazily: it is heavy and only login needs it).
import { randomBytes } from 'node:crypto';
import type { OAuth2Client } from 'google-auth-library';
import type { Endpoints } from '../config/schema.js';
import { FLAVOR_INFO } from '../google/flavor-info.js';
import type { Flavor } from '../google/flavors.js';
import { LoginError } from './login-error.js';

export interface LoginTokens {
  accessToken: string;
  refreshToken: string;
}

export interface PreparedLogin {
  client: OAuth2Client;
  authUrl: string;
  state: string;
  redirectUri: string;
  codeVerifier: string;
}

export async function prepareLogin(flavor: Flavor, endpoints: Endpoints, redirectUri: string): Promise<PreparedLogin> {
  const { OAuth2Client, CodeChallengeMethod } = await import('google-auth-library');
  const info = FLAVOR_INFO[flavor];
  const client = new OAuth2Client({
    clientId: info.clientId,
    clientSecret: info.clientSecret,
    redirectUri,
    endpoints: { oauth2AuthBaseUrl: endpoints.oauthAuthUrl, oauth2TokenUrl: endpoints.oauthTokenUrl },
  });
  const { codeVerifier, codeChallenge } = await client.generateCodeVerifierAsync();
  if (!codeChallenge) throw new LoginError('Could not create a PKCE challenge.');
  const state = randomBytes(24).toString('base64url');
  const authUrl = client.generateAuthUrl({
    access_type: 'offline',
    // Forces Google to issue a refresh token even when the user consented before.
    prompt: 'consent',
    scope: [...info.scopes],
    code_challenge: codeChallenge,
    code_challenge_method: CodeChallengeMethod.S256,
    state,
    redirect_uri: redirectUri,
  });
  return { client, authUrl, state, redirectUri, codeVerifier };
}

/** What Google's token endpoint said, in one line, from a gaxios error. */
function describeTokenError(e: unknown): string {
  const data = (e as { response?: { data?: unknown } }).response?.data;
  if (typeof data === 'object' && data !== null) {
    const d = data as { error?: unknown; error_description?: unknown };
    if (typeof d.error === 'string') return typeof d.error_description === 'string' ? `${d.error}: ${d.error_description}` : d.error;
  }
  return (e as Error).message;
}

export async function exchangeCode(login: PreparedLogin, code: string): Promise<LoginTokens> {
  let tokens: { access_token?: string | null; refresh_token?: string | null };
  try {
    ({ tokens } = await login.client.getToken({ code, codeVerifier: login.codeVerifier, redirect_uri: login.redirectUri }));
  } catch (e) {
    throw new LoginError(`Google refused the authorization code (${describeTokenError(e)}).`, 'Run `gateway accounts add` again.');
  }
  if (!tokens.refresh_token) {
    throw new LoginError('Google answered without a refresh token.', 'Remove the app at https://myaccount.google.com/permissions and log in again.');
  }
  if (!tokens.access_token) throw new LoginError('Google answered without an access token.');
  return { accessToken: tokens.access_token, refreshToken: tokens.refresh_token };
}
