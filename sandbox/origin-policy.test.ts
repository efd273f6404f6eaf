import { describe, expect, it } from 'vitest';
import { DEFAULT_DEV_TOKEN } from './auth';
import { networkInterfaces } from 'node:os';
import { assertTokenSafeForHost, createHostPolicy, createOriginPolicy, isLoopbackHost, isSimpleRequest, normalizeAllowHost, normalizeOrigin, refusesCrossOrigin, SandboxConfigError, selfOrigins } from './origin-policy';

describe('origin policy', () => {
  const policy = createOriginPolicy({ host: '127.0.0.1', port: 5173, allowOrigins: ['http://localhost:3000/'] });

  it("treats the sandbox's own origin (and its loopback aliases) like no Origin at all", () => {
    expect(policy.classify(undefined)).toBe('same-or-none');
    for (const origin of ['http://127.0.0.1:5173', 'http://localhost:5173', 'http://[::1]:5173']) {
      expect(policy.classify(origin), origin).toBe('same-or-none');
    }
    // Another port on the same machine is another site.
    expect(policy.classify('http://127.0.0.1:8080')).toBe('denied');
  });

  it('allows browser extensions and the listed origins, and denies every other website', () => {
    expect(policy.classify('chrome-extension://abcdefghijklmnopabcdefghijklmnop')).toBe('allowed');
    expect(policy.classify('moz-extension://0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0')).toBe('allowed');
    expect(policy.classify('http://localhost:3000')).toBe('allowed');
    for (const origin of ['https://evil.example', 'http://localhost:3001', 'null', 'https://acme.lightning.force.com', 'chrome-extension://x/path']) {
      expect(policy.classify(origin), origin).toBe('denied');
    }
  });

  it('normalises --allow-origin values and rejects anything that is not a bare http(s) origin', () => {
    expect(normalizeOrigin(' HTTPS://App.Example.com:443/ ')).toBe('https://app.example.com');
    for (const bad of ['localhost:3000', 'https://app.example.com/path', 'ftp://x.example', 'https://u:p@x.example', '*']) {
      expect(() => normalizeOrigin(bad), bad).toThrow(SandboxConfigError);
    }
    expect(() => createOriginPolicy({ host: '127.0.0.1', port: 1, allowOrigins: ['nope'] })).toThrow(/--allow-origin "nope" is not an origin/);
  });

  it('knows the own origins of a sandbox bound to one host or to every interface', () => {
    expect(selfOrigins('127.0.0.1', 5173)).toEqual(['http://127.0.0.1:5173', 'http://localhost:5173', 'http://[::1]:5173']);
    expect(selfOrigins('192.168.1.20', 80)).toContain('http://192.168.1.20');
    expect(selfOrigins('0.0.0.0', 5173)).toContain('http://127.0.0.1:5173');
  });

  it('tells simple requests (no preflight) from the rest, and refuses writes and non-simple requests from denied origins', () => {
    expect(isSimpleRequest('GET', {})).toBe(true);
    expect(isSimpleRequest('POST', { 'content-type': 'text/plain;charset=UTF-8' })).toBe(true);
    expect(isSimpleRequest('GET', { authorization: 'Bearer x' })).toBe(false);
    expect(isSimpleRequest('POST', { 'content-type': 'application/json' })).toBe(false);
    expect(isSimpleRequest('PATCH', {})).toBe(false);
    expect(isSimpleRequest('GET', { 'sforce-query-options': 'batchSize=200' })).toBe(false);
    expect(refusesCrossOrigin('GET', {})).toBe(false);
    expect(refusesCrossOrigin('HEAD', {})).toBe(false);
    expect(refusesCrossOrigin('OPTIONS', {})).toBe(true);
    // A simple cross-site POST is a CSRF (e.g. text/plain JSON to /__sandbox/faults): refused too.
    expect(refusesCrossOrigin('POST', { 'content-type': 'text/plain' })).toBe(true);
    expect(refusesCrossOrigin('GET', { authorization: 'Bearer x' })).toBe(true);
  });

  it('answers only to the loopback names on its port, the bound host and --allow-host names (DNS rebinding)', () => {
    const loopback = createHostPolicy({ host: '127.0.0.1', port: 5173, allowHosts: ['crm.test', 'Proxy.Test:8080'] });
    for (const host of ['127.0.0.1:5173', 'localhost:5173', 'LocalHost:5173', '[::1]:5173', 'crm.test', 'crm.test:1', 'proxy.test:8080', undefined]) {
      expect(loopback.allows(host), host).toBe(true);
    }
    for (const host of ['evil.example:5173', '127.0.0.1:5174', '127.0.0.1', 'localhost', 'proxy.test', 'proxy.test:8081', '192.168.1.20:5173', '127.0.0.1:5173/x', 'a@127.0.0.1:5173', '', '127.0.0.1:99999']) {
      expect(loopback.allows(host), host).toBe(false);
    }
    // No port in Host means port 80.
    expect(createHostPolicy({ host: '127.0.0.1', port: 80 }).allows('localhost')).toBe(true);
    const lan = createHostPolicy({ host: '192.168.1.20', port: 5173 });
    expect(lan.allows('192.168.1.20:5173')).toBe(true);
    expect(lan.allows('10.0.0.1:5173')).toBe(false);
    const everywhere = createHostPolicy({ host: '0.0.0.0', port: 5173 });
    const addresses = Object.values(networkInterfaces()).flatMap((list) => list ?? []).map((a) => (a.family === 'IPv6' ? `[${a.address.split('%')[0] ?? ''}]` : a.address));
    for (const address of addresses) {
      expect(everywhere.allows(`${address}:5173`), address).toBe(true);
    }
    expect(everywhere.allows('rebound.example:5173')).toBe(false);
  });

  it('normalises --allow-host values and rejects URLs, paths and credentials', () => {
    expect(normalizeAllowHost(' CRM.Test ')).toBe('crm.test');
    expect(normalizeAllowHost('[::1]:8080')).toBe('[::1]:8080');
    for (const bad of ['http://crm.test', 'crm.test/path', 'u@crm.test', 'crm.test:99999', '', '*']) {
      expect(() => normalizeAllowHost(bad), bad).toThrow(SandboxConfigError);
    }
  });

  it('refuses the public development token on a host beyond loopback', () => {
    for (const host of ['127.0.0.1', 'localhost', '::1', '[::1]', '127.0.0.2']) {
      expect(isLoopbackHost(host), host).toBe(true);
      expect(() => assertTokenSafeForHost(host, DEFAULT_DEV_TOKEN, DEFAULT_DEV_TOKEN)).not.toThrow();
    }
    for (const host of ['0.0.0.0', '::', '192.168.1.20', 'sandbox.example']) {
      expect(isLoopbackHost(host), host).toBe(false);
      expect(() => assertTokenSafeForHost(host, DEFAULT_DEV_TOKEN, DEFAULT_DEV_TOKEN), host).toThrow(/Set SANDBOX_TOKEN/);
      expect(() => assertTokenSafeForHost(host, 'a-private-token', DEFAULT_DEV_TOKEN)).not.toThrow();
    }
  });
});
