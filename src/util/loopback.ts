// Whether a host name is this machine: `localhost` and every `*.localhost` name (RFC 6761 reserves
// them for loopback, and browsers resolve them there without asking DNS), 127.0.0.0/8 and ::1.
// One answer for the Host and Origin guards and for `gateway start`'s warning about an open port.

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** For a name already lower-cased, without brackets or port (the Host guard's form, per request). */
export function isLoopbackName(name: string): boolean {
  return (
    name === 'localhost' ||
    name.endsWith('.localhost') ||
    name === '::1' ||
    name === '0:0:0:0:0:0:0:1' ||
    (IPV4.test(name) && name.startsWith('127.'))
  );
}

/**
 * A host as a user writes it (config.json `host`, --host): any case, IPv6 with or without brackets.
 * @example isLoopbackHost('[::1]') // true
 */
export const isLoopbackHost = (host: string): boolean => isLoopbackName(host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1'));
