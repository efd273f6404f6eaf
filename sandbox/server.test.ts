/**
 * The HTTP server's browser-facing policy: CORS only for the sandbox's own origin, extensions and
 * --allow-origin (the dev token is public, 127.0.0.1 is reachable from every website a developer
 * visits), and no public token on a non-loopback host.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DEV_TOKEN } from './auth';
import { SandboxConfigError } from './origin-policy';
import { createSandbox } from './server';
import { startTestSandbox } from './testing';
import type { TestSandbox } from './testing';

const EVIL = 'https://evil.example';
const EXTENSION = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
const LISTED = 'http://localhost:3000';
const QUERY = `/services/data/v66.0/query?q=${encodeURIComponent('SELECT Id FROM Account LIMIT 1')}`;

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox({ accounts: 3, token: DEFAULT_DEV_TOKEN, allowOrigins: [LISTED], enableFaults: true });
});
afterAll(async () => {
  await t.sb.close();
});

const preflight = (origin: string, path = QUERY): Promise<Response> =>
  fetch(`${t.sb.url}${path}`, { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' } });
const apiGet = (origin: string): Promise<Response> =>
  fetch(`${t.sb.url}${QUERY}`, { headers: { Origin: origin, Authorization: `Bearer ${t.sb.token}` } });
const allowHeaders = (response: Response): string[] => [...response.headers.keys()].filter((name) => name.startsWith('access-control-allow-'));

describe('sandbox CORS', () => {
  it("answers preflights from extensions, the sandbox's own origin and --allow-origin origins", async () => {
    for (const origin of [EXTENSION, 'moz-extension://0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0', LISTED, t.sb.url]) {
      const response = await preflight(origin);
      expect(response.status, origin).toBe(204);
      expect(response.headers.get('access-control-allow-origin'), origin).toBe(origin);
      expect(response.headers.get('access-control-allow-headers')).toBe('authorization');
      const api = await apiGet(origin);
      expect(api.status, origin).toBe(200);
      expect(api.headers.get('access-control-allow-origin')).toBe(origin);
      expect(api.headers.get('access-control-expose-headers')).toBe('Sforce-Limit-Info');
    }
  });

  it("answers another site's preflight without any Access-Control-Allow-* header", async () => {
    const response = await preflight(EVIL);
    expect(response.status).toBe(403);
    expect(allowHeaders(response)).toEqual([]);
    expect(response.headers.get('vary')).toBe('Origin');
  });

  it("refuses another site's non-simple requests and writes before handling them", async () => {
    t.sb.resetRequestLog();
    const usage = t.sb.apiUsage().used;
    const read = await apiGet(EVIL);
    expect(read.status).toBe(403);
    expect(allowHeaders(read)).toEqual([]);
    expect(await read.json()).toEqual([{ errorCode: 'CORS_ORIGIN_NOT_ALLOWED', message: expect.stringContaining(EVIL) }]);
    const write = await fetch(`${t.sb.url}/services/data/v66.0/sobjects/Task`, {
      method: 'POST', headers: { Origin: EVIL, Authorization: `Bearer ${t.sb.token}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ Subject: 'from another site' }),
    });
    expect(write.status).toBe(403);
    // A simple (no-preflight) cross-site POST is a CSRF: text/plain JSON would add a fault rule.
    const csrf = await fetch(`${t.sb.url}/__sandbox/faults`, { method: 'POST', headers: { Origin: EVIL, 'Content-Type': 'text/plain' }, body: JSON.stringify({ action: 'respond' }) });
    expect(csrf.status).toBe(403);
    expect(await (await fetch(`${t.sb.url}/__sandbox/faults`, { headers: { Authorization: `Bearer ${t.sb.token}` } })).json()).toEqual([]);
    expect([...t.sb.store.all('Task')].some((task) => task.Subject === 'from another site')).toBe(false);
    expect(t.sb.apiUsage().used).toBe(usage);
    expect(t.sb.requestLog.map((entry) => [entry.method, entry.status, entry.origin])).toEqual([
      ['GET', 403, EVIL], ['POST', 403, EVIL], ['POST', 403, EVIL], ['GET', 200, null],
    ]);
  });

  it("serves another site's simple GET without CORS headers, so the browser keeps the response from it", async () => {
    const response = await fetch(`${t.sb.url}/__sandbox/health`, { headers: { Origin: EVIL } });
    expect(response.status).toBe(200);
    expect(allowHeaders(response)).toEqual([]);
    expect(response.headers.get('access-control-expose-headers')).toBeNull();
  });

  it('keeps serving clients that send no Origin (jsforce, curl, the connector in Node)', async () => {
    const response = await fetch(`${t.sb.url}${QUERY}`, { headers: { Authorization: `Bearer ${t.sb.token}` } });
    expect(response.status).toBe(200);
    expect(allowHeaders(response)).toEqual([]);
    const options = await fetch(`${t.sb.url}${QUERY}`, { method: 'OPTIONS' });
    expect(options.status).toBe(204);
    expect(options.headers.get('allow')).toContain('PATCH');
  });
});

describe('sandbox host and token', () => {
  it('refuses to listen beyond loopback with the public development token, and starts with a private one', async () => {
    await expect(createSandbox({ host: '0.0.0.0', port: 0, dataFile: null, token: DEFAULT_DEV_TOKEN, seed: { accounts: 1 } }))
      .rejects.toThrow(SandboxConfigError);
    const lan = await createSandbox({ host: '0.0.0.0', port: 0, dataFile: null, token: 'a-private-token', seed: { accounts: 1, referenceDate: '2026-11-20' } });
    try {
      const response = await fetch(`http://127.0.0.1:${lan.port}${QUERY}`, { headers: { Authorization: 'Bearer a-private-token', Origin: `http://127.0.0.1:${lan.port}` } });
      expect(response.status).toBe(200);
    } finally {
      await lan.close();
    }
  });

  it('rejects a malformed allowOrigins entry before starting', async () => {
    await expect(createSandbox({ port: 0, dataFile: null, allowOrigins: ['https://app.example.com/path'] })).rejects.toThrow(/bare http\(s\) origin/);
  });

  it('the command line exits 2 with the reason for --host 0.0.0.0 without SANDBOX_TOKEN', () => {
    const env = { ...process.env };
    delete env.SANDBOX_TOKEN;
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'sandbox/cli.ts', '--host', '0.0.0.0', '--port', '0', '--memory', '--accounts', '1'], { env, encoding: 'utf8', timeout: 30_000 });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('refusing to listen on 0.0.0.0 with the public development token');
    expect(result.stdout).not.toContain('"ready":true');
  });
});
