/**
 * Hostile requests against a real sandbox server (found by attacking a running one): a backtracking
 * LIKE, DNS rebinding, an open and unbounded request log, an allowance anyone could use up, silent
 * OAuth approval, and a versions list that wanted a session. One block per finding.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DEV_TOKEN } from './auth';
import { SandboxConfigError } from './origin-policy';
import { REQUEST_LOG_BODY_BUDGET_BYTES, REQUEST_LOG_MAX_BODY_BYTES, REQUEST_LOG_MAX_ENTRIES, createSandbox } from './server';
import type { RequestLogEntry } from './server';
import { startTestSandbox } from './testing';
import type { TestSandbox } from './testing';

const V = '/services/data/v66.0';
const EVIL = 'https://evil.example';

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox({ accounts: 2, token: DEFAULT_DEV_TOKEN, enableFaults: true, allowHosts: ['crm.test'] });
});
afterAll(async () => {
  await t.sb.close();
});

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** A request with any Host header (fetch does not let a caller choose it). */
function rawRequest(port: number, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const bearer = (token = t.sb.token): Record<string, string> => ({ Authorization: `Bearer ${token}` });
const lastLogged = (path: string): RequestLogEntry | undefined => t.sb.requestLog.filter((entry) => entry.path === path).at(-1);

describe('1. SOQL LIKE cannot block the server', () => {
  it("answers '%a%a%b' over a 3,000-character Description at once (the backtracking regex took 18 s)", async () => {
    const created = await t.call<{ id: string }>('POST', `${V}/sobjects/Task`, { Subject: 'Long note', Description: 'a'.repeat(3_000) });
    expect(created.status).toBe(201);
    const started = performance.now();
    const response = await t.query(`SELECT Id FROM Task WHERE Description LIKE '%a%a%b'`);
    const elapsedMs = performance.now() - started;
    expect(response.status).toBe(200);
    expect(response.body.totalSize).toBe(0);
    // Generous: the linear matcher needs about a millisecond here (like.test.ts bounds its steps on
    // 100,000 characters); the regex it replaced blocked the server for 18 s on this very request.
    expect(elapsedMs).toBeLessThan(1_500);
    expect((await t.query(`SELECT Id FROM Task WHERE Description LIKE '%a%a%a'`)).body.records.map((r) => r.Id)).toEqual([created.body.id]);
  });
});

describe('2. Host header allow-list (DNS rebinding)', () => {
  it('refuses a foreign Host with 421 before handling anything, even with a valid token', async () => {
    const port = t.sb.port;
    const used = t.sb.apiUsage().used;
    for (const host of [`evil.example:${port}`, 'evil.example', `127.0.0.1:${port + 1}`, `localhost.evil.example:${port}`, `127.0.0.1:${port}@evil.example`]) {
      const response = await rawRequest(port, `${V}/limits`, { headers: { Host: host, ...bearer() } });
      expect(response.status, host).toBe(421);
      expect(JSON.parse(response.text), host).toEqual([{ errorCode: 'MISDIRECTED_REQUEST', message: expect.stringContaining('DNS rebinding') }]);
    }
    const page = await rawRequest(port, '/lightning/page/home', { headers: { Host: `rebound.example:${port}` } });
    expect(page.status).toBe(421);
    expect(page.headers['set-cookie']).toBeUndefined();
    const write = await rawRequest(port, `${V}/sobjects/Task`, {
      method: 'POST', headers: { Host: `rebound.example:${port}`, ...bearer(), 'Content-Type': 'application/json' }, body: JSON.stringify({ Subject: 'rebound write' }),
    });
    expect(write.status).toBe(421);
    expect([...t.sb.store.all('Task')].some((task) => task.Subject === 'rebound write')).toBe(false);
    expect(lastLogged(`${V}/sobjects/Task`)).toMatchObject({ status: 421, body: null });
    expect(t.sb.apiUsage().used).toBe(used);
  });

  it('answers the loopback names on its port and each --allow-host name', async () => {
    const port = t.sb.port;
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`, `[::1]:${port}`, 'crm.test', `crm.test:${port}`, 'crm.test:8443']) {
      expect((await rawRequest(port, `${V}/limits`, { headers: { Host: host, ...bearer() } })).status, host).toBe(200);
    }
    await expect(createSandbox({ port: 0, dataFile: null, allowHosts: ['http://crm.test/path'] })).rejects.toThrow(SandboxConfigError);
  });
});

describe('3. the request log needs the token, is bounded, and keeps no refused bodies', () => {
  it('refuses the log, its reset and fault injection without a bearer token', async () => {
    await t.query('SELECT Id FROM Account LIMIT 1');
    for (const [method, path] of [['GET', '/__sandbox/requests'], ['POST', '/__sandbox/requests/reset'], ['GET', '/__sandbox/faults'], ['POST', '/__sandbox/faults']] as const) {
      const response = await fetch(`${t.sb.url}${path}`, { method, headers: { 'Content-Type': 'application/json' }, body: method === 'POST' ? JSON.stringify({ action: 'respond' }) : undefined });
      expect(response.status, path).toBe(401);
      expect(await response.json(), path).toEqual([{ errorCode: 'INVALID_SESSION_ID', message: expect.stringContaining('Authorization: Bearer') }]);
      const wrong = await fetch(`${t.sb.url}${path}`, { method, headers: bearer('not-a-token') });
      expect(wrong.status, path).toBe(401);
    }
    expect(t.sb.requestLog.length).toBeGreaterThan(0);
    expect((await t.call<unknown[]>('GET', '/__sandbox/faults')).body).toEqual([]);
    expect((await t.call<RequestLogEntry[]>('GET', '/__sandbox/requests')).status).toBe(200);
  });

  it('keeps no body of a refused request, and cuts long bodies', async () => {
    const big = JSON.stringify({ Subject: 'x', Description: 'y'.repeat(2 * 1024 * 1024) });
    const refused = await fetch(`${t.sb.url}${V}/sobjects/Task`, { method: 'POST', headers: { ...bearer('stolen?'), 'Content-Type': 'application/json' }, body: big });
    expect(refused.status).toBe(401);
    expect(lastLogged(`${V}/sobjects/Task`)).toMatchObject({ status: 401, body: null, bodyBytes: big.length, bodyTruncated: false });
    const cors = await fetch(`${t.sb.url}${V}/sobjects/Task`, { method: 'POST', headers: { Origin: EVIL, 'Content-Type': 'text/plain' }, body: big });
    expect(cors.status).toBe(403);
    expect(lastLogged(`${V}/sobjects/Task`)).toMatchObject({ status: 403, body: null });

    const description = 'z'.repeat(20_000);
    const accepted = await t.call('POST', `${V}/sobjects/Task`, { Subject: 'long body', Description: description });
    expect(accepted.status).toBe(201);
    const entry = lastLogged(`${V}/sobjects/Task`);
    expect(entry).toMatchObject({ status: 201, bodyTruncated: true });
    expect(entry?.bodyBytes).toBeGreaterThan(20_000);
    expect(typeof entry?.body === 'string' && entry.body.length).toBe(REQUEST_LOG_MAX_BODY_BYTES);
    const small = await t.call('POST', `${V}/sobjects/Task`, { Subject: 'short body' });
    expect(small.status).toBe(201);
    expect(lastLogged(`${V}/sobjects/Task`)).toMatchObject({ body: { Subject: 'short body' }, bodyTruncated: false });
  });

  it(`keeps the newest ${REQUEST_LOG_MAX_ENTRIES} entries and at most ${REQUEST_LOG_BODY_BUDGET_BYTES} body bytes`, async () => {
    t.sb.resetRequestLog();
    // 15 KB bodies (under the per-body cut) until the budget is exceeded twice over; 404s still log.
    const body = JSON.stringify({ padding: 'p'.repeat(15_000) });
    const posts = Math.ceil((2 * REQUEST_LOG_BODY_BUDGET_BYTES) / body.length);
    for (let i = 0; i < posts; i += 25) {
      await Promise.all(Array.from({ length: Math.min(25, posts - i) }, () =>
        fetch(`${t.sb.url}/__nowhere`, { method: 'POST', headers: { ...bearer(), 'Content-Type': 'application/json' }, body })));
    }
    const kept = t.sb.requestLog.filter((entry) => entry.body !== null);
    expect(kept.length * body.length).toBeLessThanOrEqual(REQUEST_LOG_BODY_BUDGET_BYTES);
    expect(kept.length).toBeGreaterThan(0);
    // The newest entries keep their bodies; older ones are marked as dropped.
    expect(t.sb.requestLog.at(-1)?.body).not.toBeNull();
    expect(t.sb.requestLog[0]).toMatchObject({ body: null, bodyTruncated: true });

    for (let i = 0; i < REQUEST_LOG_MAX_ENTRIES + 50; i += 50) {
      await Promise.all(Array.from({ length: 50 }, () => fetch(`${t.sb.url}/__sandbox/health`)));
    }
    expect(t.sb.requestLog).toHaveLength(REQUEST_LOG_MAX_ENTRIES);
    expect(t.sb.requestLog.every((entry) => entry.path === '/__sandbox/health')).toBe(true);
  });
});

describe('4. only authenticated requests use the API allowance', () => {
  it('does not count anonymous or cross-site requests (an <img> tag cannot exhaust it)', async () => {
    const used = t.sb.apiUsage().used;
    for (let i = 0; i < 5; i++) {
      // What an <img src="http://127.0.0.1:PORT/services/data/v66.0/limits"> sends: a simple GET, no token.
      const image = await fetch(`${t.sb.url}${V}/limits`, { headers: { Origin: EVIL } });
      expect(image.status).toBe(401);
      expect((await fetch(`${t.sb.url}${V}/query?q=SELECT+Id+FROM+Account`, { headers: bearer('wrong') })).status).toBe(401);
    }
    expect(t.sb.apiUsage().used).toBe(used);
    expect((await t.call('GET', `${V}/limits`)).headers.get('sforce-limit-info')).toBe(`api-usage=${used + 1}/15000`);
  });
});

describe('5. OAuth authorize asks before it sends a code', () => {
  const verifier = 'v'.repeat(43);
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const authorizeUrl = (base: string, params: Record<string, string>): string =>
    `${base}/services/oauth2/authorize?${new URLSearchParams({ response_type: 'code', code_challenge: challenge, code_challenge_method: 'S256', state: 'st-1', ...params })}`;
  const csrfTokenOf = (html: string): string => /name="csrf_token" value="([^"]+)"/.exec(html)?.[1] ?? '';
  const decide = (base: string, csrfToken: string, decision: string): Promise<Response> =>
    fetch(`${base}/services/oauth2/authorize`, {
      method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ csrf_token: csrfToken, decision }).toString(),
    });

  it('shows an escaped, unframeable consent page instead of redirecting a new client', async () => {
    const redirectUri = 'http://127.0.0.1:9/callback';
    const response = await fetch(authorizeUrl(t.sb.url, { client_id: '<img src=x onerror=alert(1)>', redirect_uri: redirectUri }), { redirect: 'manual' });
    expect(response.status).toBe(200);
    expect(response.headers.get('location')).toBeNull();
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(response.headers.get('cache-control')).toBe('no-store');
    const html = await response.text();
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&#60;img src=x onerror=alert(1)&#62;');
    expect(html).toContain('<button type="submit" name="decision" value="approve">Approve</button>');
    expect(html).toContain('value="deny">Deny</button>');
    expect(csrfTokenOf(html)).toMatch(/^[\w-]{32}$/);
  });

  it('redirects with error=access_denied on Deny, and refuses a forged, reused or cross-site decision', async () => {
    const redirectUri = 'http://127.0.0.1:9/deny-callback';
    const page = await (await fetch(authorizeUrl(t.sb.url, { client_id: 'other-app', redirect_uri: redirectUri }))).text();
    const token = csrfTokenOf(page);
    expect((await decide(t.sb.url, 'forged-token', 'approve')).status).toBe(403);
    const crossSite = await fetch(`${t.sb.url}/services/oauth2/authorize`, {
      method: 'POST', redirect: 'manual', headers: { Origin: EVIL, 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ csrf_token: token, decision: 'approve' }).toString(),
    });
    expect(crossSite.status).toBe(403);
    const denied = await decide(t.sb.url, token, 'deny');
    expect(denied.status).toBe(302);
    const location = new URL(denied.headers.get('location') ?? '');
    expect(location.origin + location.pathname).toBe(redirectUri);
    expect(Object.fromEntries(location.searchParams)).toEqual({ error: 'access_denied', error_description: 'end-user denied authorization', state: 'st-1' });
    expect((await decide(t.sb.url, token, 'approve')).status).toBe(403);
    // Denying remembers nothing: the next request asks again.
    expect((await fetch(authorizeUrl(t.sb.url, { client_id: 'other-app', redirect_uri: redirectUri }), { redirect: 'manual' })).status).toBe(200);
  });

  it('lets the demo page sign in without a click, but not a look-alike redirect', async () => {
    const demo = await fetch(authorizeUrl(t.sb.url, { client_id: 'sandbox-demo', redirect_uri: `${t.sb.url}/__demo/oauth/callback` }), { redirect: 'manual' });
    expect(demo.status).toBe(302);
    expect(new URL(demo.headers.get('location') ?? '').searchParams.get('code')).toMatch(/^aPrx/);
    for (const redirectUri of [`http://127.0.0.1:9/__demo/oauth/callback`, `${t.sb.url}/__demo/oauth/callback?next=x`, `${t.sb.url}/elsewhere`]) {
      const response = await fetch(authorizeUrl(t.sb.url, { client_id: 'sandbox-demo', redirect_uri: redirectUri }), { redirect: 'manual' });
      expect(response.status, redirectUri).toBe(200);
    }
  });

  it('remembers an approval (across a restart, with a data file) and the code it sends works', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sandbox-consent-'));
    const dataFile = join(dir, 'sandbox.json');
    const redirectUri = 'http://127.0.0.1:9/approved-callback';
    const options = { port: 0, dataFile, seed: { seed: 3, accounts: 1, referenceDate: '2026-11-20' }, token: DEFAULT_DEV_TOKEN };
    let sandbox = await createSandbox({ ...options, reset: true });
    try {
      const page = await (await fetch(authorizeUrl(sandbox.url, { client_id: 'cli-tool', redirect_uri: redirectUri }))).text();
      const approved = await decide(sandbox.url, csrfTokenOf(page), 'approve');
      expect(approved.status).toBe(302);
      const code = new URL(approved.headers.get('location') ?? '').searchParams.get('code') ?? '';
      const tokens = await fetch(`${sandbox.url}/services/oauth2/token`, {
        method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: verifier }).toString(),
      });
      expect(tokens.status).toBe(200);
      await sandbox.close();
      sandbox = await createSandbox(options);
      const again = await fetch(authorizeUrl(sandbox.url, { client_id: 'cli-tool', redirect_uri: redirectUri }), { redirect: 'manual' });
      expect(again.status).toBe(302);
      expect(new URL(again.headers.get('location') ?? '').searchParams.get('code')).toMatch(/^aPrx/);
      // Another client, or another address for the same client, still asks.
      expect((await fetch(authorizeUrl(sandbox.url, { client_id: 'cli-tool', redirect_uri: 'http://127.0.0.1:10/cb' }), { redirect: 'manual' })).status).toBe(200);
    } finally {
      await sandbox.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('6. the versions list is public, like Salesforce', () => {
  it('answers GET /services/data without a token and without counting; versioned resources still need one', async () => {
    const used = t.sb.apiUsage().used;
    for (const path of ['/services/data', '/services/data/']) {
      const response = await fetch(`${t.sb.url}${path}`);
      expect(response.status, path).toBe(200);
      expect(await response.json()).toContainEqual({ label: 'Sandbox 66.0', url: '/services/data/v66.0', version: '66.0' });
    }
    expect(t.sb.apiUsage().used).toBe(used);
    expect((await fetch(`${t.sb.url}${V}`)).status).toBe(401);
    expect((await fetch(`${t.sb.url}${V}/sobjects`)).status).toBe(401);
  });
});
