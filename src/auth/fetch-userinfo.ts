// The account's email from Google's userinfo endpoint.
import { GatewayError } from '../canonical/index.js';
import type { Endpoints } from '../config/schema.js';

export interface UserInfo {
  email: string;
  name?: string;
}

export async function fetchUserInfo(endpoints: Endpoints, accessToken: string, signal?: AbortSignal): Promise<UserInfo> {
  let res: Response;
  try {
    res = await fetch(endpoints.userinfoUrl, {
      headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' },
      ...(signal ? { signal } : {}),
    });
  } catch (cause) {
    throw new GatewayError('upstream', `Could not reach Google's userinfo endpoint (${(cause as Error).message}).`, { cause });
  }
  if (!res.ok) {
    throw new GatewayError(res.status === 401 ? 'auth' : 'upstream', `Google's userinfo endpoint answered ${res.status}.`, {
      upstream: { status: res.status },
    });
  }
  const json = (await res.json().catch(() => ({}))) as { email?: unknown; name?: unknown };
  if (typeof json.email !== 'string' || json.email === '') {
    throw new GatewayError('upstream', 'Google did not say which email this login belongs to (is the userinfo.email scope granted?).');
  }
  return { email: json.email, ...(typeof json.name === 'string' ? { name: json.name } : {}) };
}
