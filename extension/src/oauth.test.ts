import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import type { OAuthDeps } from './oauth';
import { base64Url, buildAuthorizeUrl, createPkcePair, refreshOAuthTokens, signInWithOAuth } from './oauth';

const ORIGIN = 'https://acme.my.salesforce.com';

function deps(answer: (authorizeUrl: URL) => string | undefined, tokenBody: unknown, status = 200): OAuthDeps & { fetch: ReturnType<typeof vi.fn> } {
  return {
    launchWebAuthFlow: async ({ url }) => answer(new URL(url)),
    redirectUri: 'https://abcdefghijklmnop.chromiumapp.org/oauth',
    fetch: vi.fn(async () => new Response(JSON.stringify(tokenBody), { status, headers: { 'Content-Type': 'application/json' } })),
    randomBytes: (n) => new Uint8Array(randomBytes(n)),
    sha256: async (data) => {
      const digest = createHash('sha256').update(data).digest();
      return digest.buffer.slice(digest.byteOffset, digest.byteOffset + digest.byteLength);
    },
    now: () => 1000,
  };
}

const tokenBody = {
  access_token: '00D5g000004AbcdEAC!oauth-access',
  refresh_token: 'refresh-1',
  instance_url: ORIGIN,
  id: 'https://login.salesforce.com/id/00D5g000004AbcdEAC/0055g00000User1AAA',
};

describe('PKCE', () => {
  it('derives the S256 challenge from the verifier (RFC 7636 appendix B vector)', async () => {
    const verifierBytes = new Uint8Array([116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77, 105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121]);
    const pair = await createPkcePair({ randomBytes: () => verifierBytes, sha256: deps(() => undefined, {}).sha256 });
    expect(pair.verifier).toBe('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk');
    expect(pair.challenge).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
    expect(base64Url(new Uint8Array([251, 255]))).toBe('-_8');
  });

  it('builds the authorize URL on the org’s My Domain with S256', () => {
    const url = new URL(buildAuthorizeUrl({ apiOrigin: ORIGIN, clientId: 'client', redirectUri: 'https://x.chromiumapp.org/oauth', challenge: 'c', state: 's' }));
    expect(url.origin + url.pathname).toBe(`${ORIGIN}/services/oauth2/authorize`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ response_type: 'code', client_id: 'client', code_challenge_method: 'S256', code_challenge: 'c', state: 's' });
  });
});

describe('signInWithOAuth', () => {
  it('exchanges the code with the verifier and pins the token to the org', async () => {
    const d = deps((url) => `${d.redirectUri}?code=abc&state=${url.searchParams.get('state')}`, tokenBody);
    const tokens = await signInWithOAuth({ apiOrigin: ORIGIN, clientId: 'client' }, d);
    expect(tokens).toEqual({ accessToken: tokenBody.access_token, refreshToken: 'refresh-1', apiOrigin: ORIGIN, orgId: '00D5g000004AbcdEAC', issuedAt: 1000 });
    const [url, init] = d.fetch.mock.calls[0] as [string, RequestInit];
    expect(url).toBe(`${ORIGIN}/services/oauth2/token`);
    const form = new URLSearchParams(String(init.body));
    expect(form.get('grant_type')).toBe('authorization_code');
    expect(form.get('code_verifier')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('refuses a redirect with the wrong state', async () => {
    const d = deps(() => 'https://x.chromiumapp.org/oauth?code=abc&state=forged', tokenBody);
    await expect(signInWithOAuth({ apiOrigin: ORIGIN, clientId: 'client' }, d)).rejects.toMatchObject({ kind: 'session_expired', message: 'OAuth state mismatch' });
    expect(d.fetch).not.toHaveBeenCalled();
  });

  it('needs a client id, and reports a refused sign-in', async () => {
    await expect(signInWithOAuth({ apiOrigin: ORIGIN, clientId: '' }, deps(() => undefined, {}))).rejects.toMatchObject({ kind: 'configuration' });
    const refused = deps((url) => `https://x/oauth?error=access_denied&error_description=end-user+denied&state=${url.searchParams.get('state')}`, {});
    await expect(signInWithOAuth({ apiOrigin: ORIGIN, clientId: 'c' }, refused)).rejects.toMatchObject({ userMessage: expect.stringContaining('end-user denied') });
  });

  it('ignores an instance_url that is not a Salesforce host', async () => {
    const d = deps((url) => `https://x/oauth?code=abc&state=${url.searchParams.get('state')}`, { ...tokenBody, instance_url: 'https://evil.example' });
    expect((await signInWithOAuth({ apiOrigin: ORIGIN, clientId: 'c' }, d)).apiOrigin).toBe(ORIGIN);
  });
});

describe('refreshOAuthTokens', () => {
  it('keeps the old refresh token when Salesforce does not rotate it, and maps a revoked one to session_expired', async () => {
    const d = deps(() => undefined, { access_token: 'new-access', instance_url: ORIGIN });
    const old = { accessToken: 'old', refreshToken: 'refresh-1', apiOrigin: ORIGIN, orgId: null, issuedAt: 0 };
    expect(await refreshOAuthTokens(old, 'c', d)).toMatchObject({ accessToken: 'new-access', refreshToken: 'refresh-1' });
    const revoked = deps(() => undefined, { error: 'invalid_grant', error_description: 'expired access/refresh token' }, 400);
    await expect(refreshOAuthTokens(old, 'c', revoked)).rejects.toMatchObject({ kind: 'session_expired', status: 400 });
  });
});
