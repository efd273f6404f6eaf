import { describe, expect, it } from 'vitest';
import { DEFAULT_DEV_TOKEN } from './auth';
import { assertTokenSafeForHost, createOriginPolicy, isLoopbackHost, isSimpleRequest, normalizeOrigin, refusesCrossOrigin, SandboxConfigError, selfOrigins } from './origin-policy';

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
