import { describe, expect, it } from 'vitest';
import { isLoopbackHost, isLoopbackName } from './loopback.js';

describe('loopback names', () => {
  it('counts localhost, every *.localhost name (RFC 6761), 127/8 and ::1', () => {
    for (const name of ['localhost', 'app.localhost', 'a.b.localhost', '127.0.0.1', '127.9.8.7', '::1', '0:0:0:0:0:0:0:1']) expect(isLoopbackName(name)).toBe(true);
    for (const name of ['localhost.evil.com', 'evillocalhost', '0.0.0.0', '::', '128.0.0.1', '192.168.1.5', 'example.com']) expect(isLoopbackName(name)).toBe(false);
  });

  it('reads a host as a user writes it: any case, IPv6 in brackets or not', () => {
    for (const host of ['LocalHost', ' localhost ', '[::1]', '::1', 'Dev.LOCALHOST', '127.0.0.1']) expect(isLoopbackHost(host)).toBe(true);
    for (const host of ['0.0.0.0', '[::]', 'devbox.lan']) expect(isLoopbackHost(host)).toBe(false);
  });
});
