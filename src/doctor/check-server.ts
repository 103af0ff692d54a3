// Is a gateway already running where `gateway start` would listen, and what does it know that
// only a running server knows (cooldowns learnt from Google's 429s)?
import type { Config } from '../config/schema.js';
import type { LimitsReport } from '../pool/limits-report.js';
import { urlFor } from '../server/url-for.js';
import type { ServerCheck } from './report.js';

export interface ServerFindings {
  check: ServerCheck;
  limits?: LimitsReport;
}

export async function checkServer(config: Pick<Config, 'host' | 'port' | 'apiKey'>, timeoutMs: number): Promise<ServerFindings> {
  const url = urlFor(config.host, config.port);
  const headers = config.apiKey ? { 'x-api-key': config.apiKey } : undefined;
  const get = (path: string): Promise<Response> => fetch(`${url}${path}`, { ...(headers ? { headers } : {}), signal: AbortSignal.timeout(timeoutMs) });
  let res: Response;
  try {
    res = await get('/health');
  } catch {
    return { check: { level: 'info', url, running: false } };
  }
  const body = await res.text();
  if (!res.ok) {
    const error = res.status === 401 ? 'it wants an API key: set GATEWAY_API_KEY' : `it answered HTTP ${res.status}`;
    return { check: { level: 'warn', url, running: true, error } };
  }
  let status: string | undefined;
  try {
    status = (JSON.parse(body) as { status?: unknown }).status as string | undefined;
  } catch {
    return { check: { level: 'warn', url, running: false, error: 'something else answers on this port' } };
  }
  let limits: LimitsReport | undefined;
  try {
    const l = await get('/account-limits');
    if (l.ok) limits = (await l.json()) as LimitsReport;
  } catch {
    // cooldowns are a bonus; the server itself answered
  }
  return { check: { level: status === 'ok' ? 'ok' : 'warn', url, running: true, ...(status ? { status } : {}) }, ...(limits ? { limits } : {}) };
}
