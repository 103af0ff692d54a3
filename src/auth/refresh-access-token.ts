// Exchanges a refresh token for an access token. A plain POST (util/send-http.ts) rather than
// google-auth-library: it is on the server's path and a form POST is all it takes.
import { GatewayError } from '../canonical/index.js';
import { sendHttp, type RawResponse } from '../util/send-http.js';
import type { Endpoints } from '../config/schema.js';
import { FLAVOR_INFO } from '../google/flavor-info.js';
import type { Flavor } from '../google/flavors.js';
import type { AccessToken } from '../upstreams/upstream.js';

/**
 * Throws GatewayError kind `auth` with upstream.code `invalid_grant` when the user must log in
 * again (revoked or expired refresh token): never retry that one.
 */
export async function refreshAccessToken(
  endpoints: Endpoints,
  flavor: Flavor,
  refreshToken: string,
  signal?: AbortSignal,
): Promise<AccessToken> {
  const info = FLAVOR_INFO[flavor];
  const body = new URLSearchParams({
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
    client_id: info.clientId,
    client_secret: info.clientSecret,
  });
  let res: RawResponse;
  try {
    res = await sendHttp(endpoints.oauthTokenUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: body.toString(),
      ...(signal ? { signal } : {}),
    });
  } catch (cause) {
    throw new GatewayError('upstream', `Could not reach Google's token endpoint (${(cause as Error).message}).`, { cause });
  }
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // handled below
  }
  if (res.status < 200 || res.status >= 300) {
    const code = typeof json.error === 'string' ? json.error : undefined;
    const description = typeof json.error_description === 'string' ? json.error_description : `HTTP ${res.status}`;
    if (code === 'invalid_grant') {
      throw new GatewayError('auth', `Google refused the saved login (${description}); run \`gateway accounts add\` again.`, {
        upstream: { status: res.status, code },
      });
    }
    const kind = res.status >= 500 ? 'upstream' : 'auth';
    throw new GatewayError(kind, `Google's token endpoint answered ${res.status}: ${description}`, {
      upstream: { status: res.status, ...(code ? { code } : {}) },
    });
  }
  const token = json.access_token;
  const expiresIn = typeof json.expires_in === 'number' ? json.expires_in : Number(json.expires_in ?? 3599);
  if (typeof token !== 'string') throw new GatewayError('upstream', "Google's token endpoint answered without an access token.");
  return { token, expiresAt: Date.now() + expiresIn * 1000 };
}
