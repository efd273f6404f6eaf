/**
 * OAuth 2.0 web-server flow with PKCE (RFC 7636), the fallback when the org blocks cookie sessions for the API
 * (API Access Control: `INVALID_SESSION_ID: This session is not valid for use with the REST API`,
 * salesforce-and-browser.md §6). Runs in the service worker via `chrome.identity.launchWebAuthFlow`; the
 * `identity` permission is optional and requested from the options page on a user click.
 *
 * The consumer key comes from the options (a connected app or External Client App the admin creates, with the
 * callback URL `https://<extension-id>.chromiumapp.org/oauth`). No client secret: PKCE replaces it.
 */
import { ConnectorError } from '../../connector/errors';
import { isApiSessionHost } from './salesforce-urls';

export interface OAuthTokens {
  accessToken: string;
  refreshToken: string | null;
  /** Origin the token is valid for; requests with it go only here. */
  apiOrigin: string;
  orgId: string | null;
  issuedAt: number;
}

export interface OAuthDeps {
  launchWebAuthFlow(details: { url: string; interactive: boolean }): Promise<string | undefined>;
  redirectUri: string;
  fetch: typeof fetch;
  randomBytes(length: number): Uint8Array;
  sha256(data: Uint8Array): Promise<ArrayBuffer>;
  now(): number;
}

/** Base64url without padding (RFC 7636 §A). */
export function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) {
    binary += String.fromCharCode(byte);
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A fresh code verifier (43 chars from 32 random bytes) and its S256 challenge. */
export async function createPkcePair(deps: Pick<OAuthDeps, 'randomBytes' | 'sha256'>): Promise<{ verifier: string; challenge: string }> {
  const verifier = base64Url(deps.randomBytes(32));
  const challenge = base64Url(new Uint8Array(await deps.sha256(new TextEncoder().encode(verifier))));
  return { verifier, challenge };
}

export function buildAuthorizeUrl(params: { apiOrigin: string; clientId: string; redirectUri: string; challenge: string; state: string }): string {
  const url = new URL('/services/oauth2/authorize', params.apiOrigin);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: params.clientId,
    redirect_uri: params.redirectUri,
    code_challenge: params.challenge,
    code_challenge_method: 'S256',
    state: params.state,
    // `api` for REST, `refresh_token` so the collector signs in once per browser session.
    scope: 'api refresh_token',
  }).toString();
  return url.href;
}

/** Runs the interactive sign-in for one org and exchanges the code for tokens. */
export async function signInWithOAuth(params: { apiOrigin: string; clientId: string }, deps: OAuthDeps): Promise<OAuthTokens> {
  if (!params.clientId) {
    throw new ConnectorError({ kind: 'configuration', userMessage: 'Set the connected-app client id in the extension options first.', detail: 'oauthClientId is empty' });
  }
  const { verifier, challenge } = await createPkcePair(deps);
  const state = base64Url(deps.randomBytes(16));
  const redirect = await deps.launchWebAuthFlow({
    url: buildAuthorizeUrl({ apiOrigin: params.apiOrigin, clientId: params.clientId, redirectUri: deps.redirectUri, challenge, state }),
    interactive: true,
  });
  if (!redirect) {
    throw new ConnectorError({ kind: 'session_expired', userMessage: 'Salesforce sign-in was cancelled.', detail: 'launchWebAuthFlow returned no URL' });
  }
  const answer = new URL(redirect).searchParams;
  // The state check stops a forged redirect from planting another account's code (RFC 6749 §10.12).
  if (answer.get('state') !== state) {
    throw new ConnectorError({ kind: 'session_expired', userMessage: 'Salesforce sign-in failed. Try again.', detail: 'OAuth state mismatch' });
  }
  const code = answer.get('code');
  if (!code) {
    const reason = answer.get('error_description') ?? answer.get('error') ?? 'no code';
    throw new ConnectorError({ kind: 'api_disabled', userMessage: `Salesforce refused the sign-in: ${reason}`, detail: reason });
  }
  return exchange(params.apiOrigin, {
    grant_type: 'authorization_code',
    code,
    client_id: params.clientId,
    redirect_uri: deps.redirectUri,
    code_verifier: verifier,
  }, null, deps);
}

/** Gets a new access token with the refresh token; throws `session_expired` when it was revoked. */
export async function refreshOAuthTokens(tokens: OAuthTokens, clientId: string, deps: Pick<OAuthDeps, 'fetch' | 'now'>): Promise<OAuthTokens> {
  if (!tokens.refreshToken) {
    throw new ConnectorError({ kind: 'session_expired', detail: 'no refresh token' });
  }
  return exchange(tokens.apiOrigin, { grant_type: 'refresh_token', refresh_token: tokens.refreshToken, client_id: clientId }, tokens.refreshToken, deps);
}

async function exchange(apiOrigin: string, form: Record<string, string>, previousRefresh: string | null, deps: Pick<OAuthDeps, 'fetch' | 'now'>): Promise<OAuthTokens> {
  let response: globalThis.Response;
  try {
    response = await deps.fetch(new URL('/services/oauth2/token', apiOrigin).href, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams(form).toString(),
    });
  } catch (error) {
    throw new ConnectorError({ kind: 'network', detail: `OAuth token request failed: ${String(error)}`, cause: error });
  }
  const body = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  if (!response.ok || !body || typeof body.access_token !== 'string') {
    const reason = body && typeof body.error_description === 'string' ? body.error_description : `HTTP ${response.status}`;
    throw new ConnectorError({ kind: 'session_expired', userMessage: 'Salesforce sign-in expired. Sign in again from the panel.', detail: `OAuth token endpoint: ${reason}`, status: response.status });
  }
  return {
    accessToken: body.access_token,
    refreshToken: typeof body.refresh_token === 'string' ? body.refresh_token : previousRefresh,
    apiOrigin: pinnedOrigin(body.instance_url, apiOrigin),
    orgId: orgIdFromIdentityUrl(body.id),
    issuedAt: deps.now(),
  };
}

/** Accept the server's instance_url only when it is an https Salesforce API host; tokens never go elsewhere. */
function pinnedOrigin(instanceUrl: unknown, fallback: string): string {
  if (typeof instanceUrl !== 'string') {
    return fallback;
  }
  try {
    const url = new URL(instanceUrl);
    return url.protocol === 'https:' && isApiSessionHost(url.hostname) ? url.origin : fallback;
  } catch {
    return fallback;
  }
}

/** `https://login.salesforce.com/id/00D…/005…` → `00D…`. */
function orgIdFromIdentityUrl(id: unknown): string | null {
  if (typeof id !== 'string') {
    return null;
  }
  const m = /\/id\/(00D[A-Za-z0-9]{12,15})\//.exec(id);
  return m?.[1] ?? null;
}
