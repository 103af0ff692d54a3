import { describe, expect, it } from 'vitest';
import { createHostCheck, hostnameOf } from './host-guard.js';

describe('hostnameOf', () => {
  it('drops the port and IPv6 brackets', () => {
    expect(hostnameOf('Example.com:8080')).toBe('example.com');
    expect(hostnameOf('[::1]:80')).toBe('::1');
    expect(hostnameOf('localhost')).toBe('localhost');
  });
});

describe('createHostCheck', () => {
  it('allows loopback names and the configured host, refuses other names', () => {
    const check = createHostCheck('127.0.0.1');
    for (const ok of ['localhost:8080', '127.0.0.1:8080', '127.1.2.3', '[::1]:8080', 'app.localhost:1']) expect(check(ok)).toBe(true);
    for (const bad of ['evil.example.com', 'evil.example.com:8080', '192.168.1.5:8080', 'localhost.evil.com']) expect(check(bad)).toBe(false);
  });

  it('allows a configured LAN name', () => {
    const check = createHostCheck('devbox.lan');
    expect(check('devbox.lan:8080')).toBe(true);
    expect(check('other.lan:8080')).toBe(false);
  });

  it('bound to every interface, allows IP literals but still refuses names', () => {
    const check = createHostCheck('0.0.0.0');
    expect(check('192.168.1.5:8080')).toBe(true);
    expect(check('[fe80::1]:8080')).toBe(true);
    expect(check('rebind.attacker.example:8080')).toBe(false);
  });
});
