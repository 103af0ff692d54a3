// Can this machine reach Google (or what replaces it), directly or through the proxy? Any HTTP
// answer counts as reachable: the doctor asks whether the host answers, not whether it likes us.
import { connect } from 'node:net';
import type { Config } from '../config/schema.js';
import { endpointsFor } from '../google/flavor-info.js';
import { FLAVORS, type Flavor } from '../google/flavors.js';
import type { EndpointCheck, ProxyCheck } from './report.js';

export interface NetworkOptions {
  timeoutMs: number;
  now?: () => number;
}

function causeOf(e: unknown): string {
  const err = e as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError' || err.name === 'AbortError') return 'no answer in time';
  return err.cause?.code ?? err.cause?.message ?? err.message ?? String(e);
}

/** Every URL the gateway calls for these flavors (all of them when no account says), once each. */
export function endpointsToCheck(config: Pick<Config, 'endpoints'>, flavors: readonly Flavor[]): Array<{ name: string; url: string }> {
  const list: Array<{ name: string; url: string }> = [
    { name: 'Google OAuth token', url: config.endpoints.oauthTokenUrl },
    { name: 'Google userinfo', url: config.endpoints.userinfoUrl },
  ];
  for (const flavor of flavors.length > 0 ? flavors : FLAVORS) {
    for (const url of [...endpointsFor(flavor, 'generate', config.endpoints), ...endpointsFor(flavor, 'onboard', config.endpoints)]) {
      list.push({ name: 'Cloud Code Assist', url });
    }
  }
  const seen = new Set<string>();
  return list.filter((e) => !seen.has(e.url) && seen.add(e.url));
}

export async function checkEndpoint(name: string, url: string, opts: NetworkOptions): Promise<EndpointCheck> {
  const now = opts.now ?? Date.now;
  const start = now();
  try {
    // fetch goes through the proxy dispatcher when one is configured (cliConfig installs it).
    const res = await fetch(url, { method: 'GET', redirect: 'manual', signal: AbortSignal.timeout(opts.timeoutMs) });
    await res.body?.cancel().catch(() => undefined);
    return { level: 'ok', name, url, reachable: true, status: res.status, ms: now() - start };
  } catch (e) {
    return { level: 'fail', name, url, reachable: false, error: causeOf(e), ms: now() - start };
  }
}

/** scheme://host:port of a proxy URL, without user and password. @internal */
export function redactProxy(raw: string): string {
  try {
    const u = new URL(raw);
    return `${u.protocol}//${u.host}`;
  } catch {
    return '(not a URL)';
  }
}

export async function checkProxy(proxy: Config['proxy'], opts: NetworkOptions): Promise<ProxyCheck> {
  const raw = proxy.https ?? proxy.http;
  if (!raw) return { level: 'ok', configured: false };
  const shown = redactProxy(raw);
  const base = { configured: true, url: shown, ...(proxy.noProxy ? { noProxy: proxy.noProxy } : {}) };
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return { ...base, level: 'fail', reachable: false, error: 'HTTPS_PROXY / HTTP_PROXY is not a URL' };
  }
  const port = Number(u.port) || (u.protocol === 'https:' ? 443 : 80);
  const error = await new Promise<string | undefined>((resolve) => {
    const socket = connect({ host: u.hostname.replace(/^\[|\]$/g, ''), port });
    const done = (why: string | undefined): void => {
      socket.destroy();
      resolve(why);
    };
    socket.setTimeout(opts.timeoutMs, () => done('no answer in time'));
    socket.once('connect', () => done(undefined));
    socket.once('error', (e: NodeJS.ErrnoException) => done(e.code ?? e.message));
  });
  return error === undefined ? { ...base, level: 'ok', reachable: true } : { ...base, level: 'fail', reachable: false, error };
}
