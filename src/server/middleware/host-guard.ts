// Refuses requests whose Host names neither a loopback address nor the configured host: a web page
// that rebinds its own DNS name to 127.0.0.1 still sends its own name in Host (DNS rebinding).
import type { MiddlewareHandler } from 'hono';
import { GatewayError } from '../../canonical/index.js';
import type { AppEnv } from '../types.js';
import { isLoopbackName } from '../../util/loopback.js';
import { readHeader } from '../read-headers.js';

const WILDCARDS = new Set(['0.0.0.0', '::', '[::]', '']);
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** `Host: example.com:8080` → `example.com`; `[::1]:80` → `::1`. */
export function hostnameOf(host: string): string {
  const h = host.trim().toLowerCase();
  if (h.startsWith('[')) {
    const end = h.indexOf(']');
    return end === -1 ? h : h.slice(1, end);
  }
  const colon = h.lastIndexOf(':');
  return colon === -1 ? h : h.slice(0, colon);
}

/**
 * The allowed Host names for a listen address. Bound to every interface, LAN clients reach the
 * gateway by IP address, and an IP literal cannot be rebinding (that needs the attacker's name).
 * @internal
 */
export function createHostCheck(configuredHost: string): (host: string | undefined) => boolean {
  const configured = hostnameOf(configuredHost.includes(':') && !configuredHost.startsWith('[') ? `[${configuredHost}]` : configuredHost);
  const wildcard = WILDCARDS.has(configuredHost.trim());
  return (host) => {
    // HTTP/1.0 clients may omit Host; no browser does.
    if (host === undefined || host === '') return true;
    const name = hostnameOf(host);
    if (isLoopbackName(name) || name === configured) return true;
    return wildcard && (IPV4.test(name) || name.includes(':'));
  };
}

/** `extraHosts` is read per refused request: names added later (a tunnel's) are allowed from then on. */
export function hostGuard(configuredHost: string, extraHosts?: () => ReadonlySet<string>): MiddlewareHandler<AppEnv> {
  const base = createHostCheck(configuredHost);
  const allowed = (host: string | undefined): boolean =>
    base(host) || (extraHosts !== undefined && host !== undefined && extraHosts().has(hostnameOf(host)));
  return async (c, next) => {
    if (!allowed(readHeader(c, 'host'))) {
      throw new GatewayError(
        'permission',
        `Host "${readHeader(c, 'host') ?? ''}" is not allowed: the gateway answers only to loopback names and its configured host (--host).`,
      );
    }
    await next();
  };
}
