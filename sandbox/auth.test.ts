import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DEV_TOKEN, DEFAULT_USERNAME, DEMO_PASSWORD } from './auth';
import { startTestSandbox } from './testing';
import type { TestSandbox } from './testing';

let t: TestSandbox;

beforeAll(async () => {
  t = await startTestSandbox({ accounts: 2 });
});
afterAll(async () => {
  await t.sb.close();
});

const form = (values: Record<string, string>): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(values).toString(),
});

async function limitsWith(token: string): Promise<number> {
  return (await fetch(`${t.sb.url}/services/data/v66.0/limits`, { headers: { Authorization: `Bearer ${token}` } })).status;
}

describe('sandbox sign-in', () => {
  it('accepts the documented development token', async () => {
    expect(t.sb.token).toBe(process.env.SANDBOX_TOKEN ?? DEFAULT_DEV_TOKEN);
    expect(await limitsWith(t.sb.token)).toBe(200);
  });

  it('issues Salesforce-shaped tokens with the OAuth password grant and rejects a wrong password', async () => {
    const response = await fetch(`${t.sb.url}/services/oauth2/token`, form({ grant_type: 'password', client_id: 'x', client_secret: 'y', username: DEFAULT_USERNAME, password: DEMO_PASSWORD }));
    const body = await response.json() as Record<string, string>;
    expect(response.status).toBe(200);
    expect(body).toMatchObject({ instance_url: t.sb.url, token_type: 'Bearer', id: expect.stringMatching(new RegExp(`^${t.sb.url}/id/00D\\w{15}/005\\w{15}$`)) });
    expect(body.access_token).toMatch(/^00D\w{12}!/);
    expect(Number(body.issued_at)).toBeGreaterThan(0);
    expect(body.signature).toBeTruthy();
    expect(await limitsWith(body.access_token as string)).toBe(200);

    const info = await fetch(`${t.sb.url}/services/oauth2/userinfo`, { headers: { Authorization: `Bearer ${body.access_token}` } });
    expect(await info.json()).toMatchObject({ preferred_username: DEFAULT_USERNAME, name: 'Priya Sharma', zoneinfo: 'Asia/Kolkata' });

    const wrong = await fetch(`${t.sb.url}/services/oauth2/token`, form({ grant_type: 'password', username: DEFAULT_USERNAME, password: 'nope' }));
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toEqual({ error: 'invalid_grant', error_description: 'authentication failure' });
  });

  it('runs the authorization-code flow with PKCE (S256), refresh tokens, and refuses a wrong verifier or foreign redirect', async () => {
    const verifier = 'v'.repeat(43);
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const redirectUri = `${t.sb.url}/__demo/oauth/callback`;
    const authorize = async (): Promise<string> => {
      const url = `${t.sb.url}/services/oauth2/authorize?${new URLSearchParams({ response_type: 'code', client_id: 'sandbox-demo', redirect_uri: redirectUri, code_challenge: challenge, code_challenge_method: 'S256', state: 's1' })}`;
      const response = await fetch(url, { redirect: 'manual' });
      expect(response.status).toBe(302);
      const location = new URL(response.headers.get('location') ?? '');
      expect(location.origin + location.pathname).toBe(redirectUri);
      expect(location.searchParams.get('state')).toBe('s1');
      return location.searchParams.get('code') ?? '';
    };
    const badCode = await authorize();
    const bad = await fetch(`${t.sb.url}/services/oauth2/token`, form({ grant_type: 'authorization_code', code: badCode, redirect_uri: redirectUri, code_verifier: 'w'.repeat(43) }));
    expect(bad.status).toBe(400);

    const code = await authorize();
    const good = await fetch(`${t.sb.url}/services/oauth2/token`, form({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: verifier }));
    const tokens = await good.json() as { access_token: string; refresh_token: string };
    expect(good.status).toBe(200);
    expect(await limitsWith(tokens.access_token)).toBe(200);
    // Codes are single-use.
    const replay = await fetch(`${t.sb.url}/services/oauth2/token`, form({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: verifier }));
    expect(replay.status).toBe(400);

    const refreshed = await fetch(`${t.sb.url}/services/oauth2/token`, form({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token }));
    expect(await limitsWith((await refreshed.json() as { access_token: string }).access_token)).toBe(200);

    const foreign = await fetch(`${t.sb.url}/services/oauth2/authorize?${new URLSearchParams({ response_type: 'code', redirect_uri: 'https://evil.example/cb' })}`, { redirect: 'manual' });
    expect(foreign.status).toBe(400);
  });

  it('answers the SOAP login() envelope and a SOAP fault for bad credentials', async () => {
    const envelope = (user: string, pass: string): string =>
      `<se:Envelope xmlns:se="http://schemas.xmlsoap.org/soap/envelope/"><se:Header/><se:Body><login xmlns="urn:partner.soap.sforce.com"><username>${user}</username><password>${pass}</password></login></se:Body></se:Envelope>`;
    const ok = await fetch(`${t.sb.url}/services/Soap/u/66.0`, { method: 'POST', headers: { 'Content-Type': 'text/xml', SOAPAction: '""' }, body: envelope(DEFAULT_USERNAME, DEMO_PASSWORD) });
    const xml = await ok.text();
    expect(ok.status).toBe(200);
    const sessionId = /<sessionId>([^<]+)<\/sessionId>/.exec(xml)?.[1] ?? '';
    expect(xml).toMatch(/<serverUrl>http:\/\/127\.0\.0\.1:\d+\/services\/Soap\/u\/66\.0\/00D\w+<\/serverUrl>/);
    expect(xml).toMatch(/<organizationId>00D\w{15}<\/organizationId>/);
    expect(await limitsWith(sessionId.replace(/&#33;/g, '!'))).toBe(200);
    const fault = await fetch(`${t.sb.url}/services/Soap/u/66.0`, { method: 'POST', headers: { 'Content-Type': 'text/xml' }, body: envelope(DEFAULT_USERNAME, 'wrong') });
    expect(fault.status).toBe(500);
    expect(await fault.text()).toContain('<faultcode>INVALID_LOGIN</faultcode>');
  });
});
