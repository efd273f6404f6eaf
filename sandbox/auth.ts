/**
 * Sign-in for the sandbox org, shaped like Salesforce's:
 * - a fixed development access token (`SANDBOX_TOKEN` env overrides) acting as the default collector;
 * - OAuth 2.0 `POST /services/oauth2/token` with `grant_type=password`, `authorization_code` (+ PKCE
 *   S256) and `refresh_token`; `GET /services/oauth2/authorize` asks the user to approve each new
 *   client and redirect URI once (a consent page), except the demo page's own sign-in;
 * - `GET /services/oauth2/userinfo` and the identity URL `/id/{orgId}/{userId}`;
 * - the SOAP `login()` call jsforce's `conn.login(user, pass)` uses by default.
 * Every active user's password is DEMO_PASSWORD. Nothing here is secure; it is a local fake.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { Store, StoredRecord } from './store';

/** Default development access token (documented; override with env SANDBOX_TOKEN). */
export const DEFAULT_DEV_TOKEN = '00D000000000001!SANDBOX.dev-token';
/** Password of every seeded user. */
export const DEMO_PASSWORD = 'sandbox-password';
/** Username the dev token and the demo page's authorize flow sign in as. */
export const DEFAULT_USERNAME = 'collector@sandbox.example';

export interface AuthResult {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  raw?: { contentType: string; data: string };
}

export interface AuthContext {
  store: Store;
  devToken: string;
  baseUrl: () => string;
  now: () => Date;
  /** Whether an origin is the sandbox's own (its demo page), for the demo's pre-approved sign-in. */
  isOwnOrigin: (origin: string) => boolean;
}

/** Client id of the demo page's own OAuth flow (`sandbox/demo/assets/demo.js`). */
export const DEMO_CLIENT_ID = 'sandbox-demo';
/** Path of the demo page's OAuth redirect target. */
export const DEMO_CALLBACK_PATH = '/__demo/oauth/callback';

interface PendingCode {
  userId: string;
  clientId: string;
  redirectUri: string;
  codeChallenge: string | null;
  codeChallengeMethod: string;
  expiresAt: number;
}

/** An authorization request waiting on the consent page, under its CSRF token. */
interface PendingConsent {
  userId: string;
  clientId: string;
  redirectUri: string;
  codeChallenge: string | null;
  codeChallengeMethod: string;
  state: string | null;
  expiresAt: number;
}

const pendingCodes = new WeakMap<Store, Map<string, PendingCode>>();
const pendingConsents = new WeakMap<Store, Map<string, PendingConsent>>();
/** Consent forms kept at once; the oldest is forgotten first (a flood of GETs cannot grow memory). */
const MAX_PENDING_CONSENTS = 100;
const CONSENT_TTL_MS = 10 * 60_000;

function codesFor(store: Store): Map<string, PendingCode> {
  let codes = pendingCodes.get(store);
  if (!codes) {
    codes = new Map();
    pendingCodes.set(store, codes);
  }
  return codes;
}

function consentsFor(store: Store): Map<string, PendingConsent> {
  let consents = pendingConsents.get(store);
  if (!consents) {
    consents = new Map();
    pendingConsents.set(store, consents);
  }
  return consents;
}

function users(store: Store): StoredRecord[] {
  return [...store.all('User')];
}

function userByUsername(store: Store, username: string): StoredRecord | undefined {
  return users(store).find((u) => typeof u.Username === 'string' && u.Username.toLowerCase() === username.toLowerCase() && u.IsActive !== false);
}

/** The org id (from the seeded Organization record). */
export function organizationId(store: Store): string {
  const org = store.all('Organization').next().value as StoredRecord | undefined;
  return typeof org?.Id === 'string' ? org.Id : '00D5f0000000001AAA';
}

/** User id a bearer token belongs to, or null (→ 401 INVALID_SESSION_ID). */
export function userForToken(ctx: AuthContext, token: string | null): string | null {
  if (!token) {
    return null;
  }
  if (token === ctx.devToken) {
    const user = userByUsername(ctx.store, DEFAULT_USERNAME) ?? users(ctx.store)[0];
    return typeof user?.Id === 'string' ? user.Id : null;
  }
  return ctx.store.header.sessions[token]?.userId ?? null;
}

/** Extracts the token from `Authorization: Bearer x` (or the legacy `OAuth x`). */
export function bearerToken(authorization: string | undefined): string | null {
  const match = /^(?:Bearer|OAuth)\s+(.+)$/i.exec(authorization ?? '');
  return match?.[1]?.trim() ?? null;
}

function issueSession(ctx: AuthContext, userId: string, clientId: string, withRefresh: boolean): Record<string, unknown> {
  const orgId = organizationId(ctx.store);
  // Salesforce session ids look like "<orgId15>!<opaque>".
  const accessToken = `${orgId.slice(0, 15)}!${randomBytes(48).toString('base64url')}`;
  const issuedAt = String(ctx.now().getTime());
  ctx.store.header.sessions[accessToken] = { userId, issuedAt: new Date(Number(issuedAt)).toISOString(), clientId };
  ctx.store.mutationCount++;
  const id = `${ctx.baseUrl()}/id/${orgId}/${userId}`;
  const signature = createHmac('sha256', ctx.devToken).update(id + issuedAt).digest('base64');
  const response: Record<string, unknown> = {
    access_token: accessToken,
    instance_url: ctx.baseUrl(),
    id,
    token_type: 'Bearer',
    issued_at: issuedAt,
    signature,
    scope: 'api refresh_token web',
  };
  if (withRefresh) {
    const refreshToken = `5Aep${randomBytes(40).toString('base64url')}`;
    ctx.store.header.refreshTokens[refreshToken] = { userId, issuedAt: new Date().toISOString(), clientId };
    response.refresh_token = refreshToken;
  }
  return response;
}

const oauthError = (error: string, description: string, status = 400): AuthResult =>
  ({ status, body: { error, error_description: description } });

function sameOriginRedirect(ctx: AuthContext, redirectUri: string): boolean {
  try {
    const target = new URL(redirectUri);
    const base = new URL(ctx.baseUrl());
    // Only redirect back into the sandbox itself (or another loopback port): no open redirect.
    return target.protocol === 'http:' && ['127.0.0.1', 'localhost'].includes(target.hostname) && (target.host === base.host || target.hostname === base.hostname);
  } catch {
    return false;
  }
}

/** `POST /services/oauth2/token` (form-encoded). */
export function tokenEndpoint(ctx: AuthContext, form: URLSearchParams): AuthResult {
  const grantType = form.get('grant_type');
  const clientId = form.get('client_id') ?? DEMO_CLIENT_ID;
  if (grantType === 'password') {
    const user = userByUsername(ctx.store, form.get('username') ?? '');
    if (!user || form.get('password') !== DEMO_PASSWORD) {
      return oauthError('invalid_grant', 'authentication failure');
    }
    return { status: 200, body: issueSession(ctx, user.Id as string, clientId, false) };
  }
  if (grantType === 'authorization_code') {
    const code = form.get('code') ?? '';
    const pending = codesFor(ctx.store).get(code);
    codesFor(ctx.store).delete(code);
    if (!pending || pending.expiresAt < Date.now()) {
      return oauthError('invalid_grant', 'invalid authorization code');
    }
    if ((form.get('redirect_uri') ?? '') !== pending.redirectUri) {
      return oauthError('invalid_grant', 'redirect_uri mismatch');
    }
    if (pending.codeChallenge) {
      const verifier = form.get('code_verifier') ?? '';
      const computed = pending.codeChallengeMethod === 'plain' ? verifier : createHash('sha256').update(verifier).digest('base64url');
      if (computed !== pending.codeChallenge) {
        return oauthError('invalid_grant', 'invalid code verifier');
      }
    }
    return { status: 200, body: issueSession(ctx, pending.userId, pending.clientId, true) };
  }
  if (grantType === 'refresh_token') {
    const session = ctx.store.header.refreshTokens[form.get('refresh_token') ?? ''];
    if (!session) {
      return oauthError('invalid_grant', 'expired access/refresh token');
    }
    return { status: 200, body: issueSession(ctx, session.userId, session.clientId, false) };
  }
  return oauthError('unsupported_grant_type', 'grant type not supported');
}

const approvalKey = (request: Pick<PendingConsent, 'userId' | 'clientId' | 'redirectUri'>): string =>
  JSON.stringify([request.userId, request.clientId, request.redirectUri]);

/** The demo page signing in to its own sandbox: its client id, redirected to its callback on a sandbox origin. */
function isDemoSignIn(ctx: AuthContext, clientId: string, redirectUri: string): boolean {
  const target = new URL(redirectUri);
  return clientId === DEMO_CLIENT_ID && target.pathname === DEMO_CALLBACK_PATH && !target.search && !target.hash && ctx.isOwnOrigin(target.origin);
}

/** Issues a single-use code for an approved request and redirects to the client with it. */
function redirectWithCode(ctx: AuthContext, request: PendingConsent): AuthResult {
  const code = `aPrx${randomBytes(24).toString('base64url')}`;
  codesFor(ctx.store).set(code, {
    userId: request.userId,
    clientId: request.clientId,
    redirectUri: request.redirectUri,
    codeChallenge: request.codeChallenge,
    codeChallengeMethod: request.codeChallengeMethod,
    expiresAt: Date.now() + 10 * 60_000,
  });
  return redirectToClient(request, { code });
}

function redirectToClient(request: PendingConsent, params: Record<string, string>): AuthResult {
  const target = new URL(request.redirectUri);
  for (const [name, value] of Object.entries(params)) {
    target.searchParams.set(name, value);
  }
  if (request.state !== null) {
    target.searchParams.set('state', request.state);
  }
  return { status: 302, headers: { Location: target.toString() } };
}

/**
 * The consent page (Salesforce's "Allow Access?"): HTML with every value escaped, a form that posts
 * back a single-use CSRF token (the request itself stays on the server, so nothing in the form can
 * be altered), and headers that keep it out of frames (clickjacking) and caches.
 */
function consentPage(ctx: AuthContext, request: PendingConsent, user: StoredRecord): AuthResult {
  const consents = consentsFor(ctx.store);
  const now = Date.now();
  for (const [token, pending] of consents) {
    if (pending.expiresAt < now || consents.size >= MAX_PENDING_CONSENTS) {
      consents.delete(token);
    }
  }
  const csrfToken = randomBytes(24).toString('base64url');
  consents.set(csrfToken, request);
  const text = (value: unknown): string => xmlEscape(String(value ?? ''));
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Allow access? | Collections Sandbox</title>
<style>body{font:15px/1.5 system-ui,sans-serif;background:#f3f3f3;margin:0;padding:40px 16px}main{max-width:480px;margin:auto;background:#fff;border-radius:8px;padding:24px;box-shadow:0 1px 3px #0003}code{word-break:break-all}.actions{display:flex;gap:12px;margin-top:20px}button{font:inherit;padding:8px 20px;border-radius:4px;border:1px solid #0176d3;cursor:pointer}button[value=approve]{background:#0176d3;color:#fff}button[value=deny]{background:#fff;color:#0176d3}</style>
</head><body><main>
<h1>Allow access?</h1>
<p>The app <strong id="client-id">${text(request.clientId)}</strong> asks to sign in to the sandbox CRM as <strong>${text(user.Name)}</strong> (${text(user.Username)}) and read and change its data.</p>
<p>If you approve, the sandbox sends an authorization code to <code id="redirect-uri">${text(request.redirectUri)}</code>.</p>
<p>Approve only if you started this sign-in yourself. The sandbox remembers an approval for this app and address.</p>
<form method="post" action="/services/oauth2/authorize">
<input type="hidden" name="csrf_token" value="${text(csrfToken)}">
<div class="actions"><button type="submit" name="decision" value="approve">Approve</button><button type="submit" name="decision" value="deny">Deny</button></div>
</form>
</main></body></html>`;
  return {
    status: 200,
    headers: {
      'Cache-Control': 'no-store',
      'X-Frame-Options': 'DENY',
      'Referrer-Policy': 'no-referrer',
      // form-action covers the redirect that follows the POST (Chrome checks it), hence the client's origin.
      'Content-Security-Policy': `default-src 'none'; style-src 'unsafe-inline'; form-action 'self' ${new URL(request.redirectUri).origin}; frame-ancestors 'none'; base-uri 'none'`,
    },
    raw: { contentType: 'text/html; charset=utf-8', data: html },
  };
}

/**
 * `GET /services/oauth2/authorize` (as `login_hint` or the default collector). A request for a
 * client and redirect URI this user approved before (or the demo page's own sign-in) gets its code
 * at once; any other shows the consent page, so a website cannot sign in silently by navigating here.
 */
export function authorizeEndpoint(ctx: AuthContext, query: URLSearchParams): AuthResult {
  const redirectUri = query.get('redirect_uri') ?? '';
  if (query.get('response_type') !== 'code') {
    return oauthError('unsupported_response_type', 'response_type must be code');
  }
  if (!sameOriginRedirect(ctx, redirectUri)) {
    return oauthError('redirect_uri_mismatch', 'redirect_uri must point at this sandbox (loopback http)');
  }
  const user = userByUsername(ctx.store, query.get('login_hint') ?? DEFAULT_USERNAME);
  if (!user) {
    return oauthError('invalid_request', 'unknown login_hint user');
  }
  const method = query.get('code_challenge_method') ?? (query.get('code_challenge') ? 'plain' : 'none');
  if (query.get('code_challenge') && method !== 'S256' && method !== 'plain') {
    return oauthError('invalid_request', 'code_challenge_method must be S256 or plain');
  }
  const request: PendingConsent = {
    userId: user.Id as string,
    clientId: query.get('client_id') ?? DEMO_CLIENT_ID,
    redirectUri,
    codeChallenge: query.get('code_challenge'),
    codeChallengeMethod: method,
    state: query.get('state'),
    expiresAt: Date.now() + CONSENT_TTL_MS,
  };
  if (isDemoSignIn(ctx, request.clientId, redirectUri) || ctx.store.header.oauthApprovals[approvalKey(request)]) {
    return redirectWithCode(ctx, request);
  }
  return consentPage(ctx, request, user);
}

/**
 * `POST /services/oauth2/authorize`: the consent form. Approve remembers the approval and redirects
 * with a code; Deny (or no decision) redirects with `error=access_denied`, as Salesforce does
 * (RFC 6749 §4.1.2.1). An unknown, used or expired CSRF token is refused without redirecting.
 */
export function authorizeDecision(ctx: AuthContext, form: URLSearchParams): AuthResult {
  const consents = consentsFor(ctx.store);
  const token = form.get('csrf_token') ?? '';
  const request = consents.get(token);
  consents.delete(token);
  if (!request || request.expiresAt < Date.now()) {
    return {
      status: 403,
      headers: { 'Cache-Control': 'no-store', 'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'" },
      raw: { contentType: 'text/html; charset=utf-8', data: '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign-in expired</title></head><body><h1>This sign-in request has expired or was not issued by the sandbox</h1><p>Start the sign-in again from the app.</p></body></html>' },
    };
  }
  if (form.get('decision') !== 'approve') {
    return redirectToClient(request, { error: 'access_denied', error_description: 'end-user denied authorization' });
  }
  ctx.store.header.oauthApprovals[approvalKey(request)] = {
    userId: request.userId, clientId: request.clientId, redirectUri: request.redirectUri, approvedAt: ctx.now().toISOString(),
  };
  ctx.store.mutationCount++;
  return redirectWithCode(ctx, request);
}

/** `GET /services/oauth2/userinfo` and the identity URL. */
export function userInfo(ctx: AuthContext, userId: string): AuthResult {
  const user = ctx.store.get(userId)?.record;
  if (!user) {
    return { status: 403, body: 'Bad_OAuth_Token' };
  }
  const orgId = organizationId(ctx.store);
  const base = ctx.baseUrl();
  return {
    status: 200,
    body: {
      sub: `${base}/id/${orgId}/${userId}`,
      user_id: userId,
      organization_id: orgId,
      preferred_username: user.Username,
      nickname: user.Alias,
      name: user.Name,
      email: user.Email,
      email_verified: true,
      given_name: user.FirstName,
      family_name: user.LastName,
      zoneinfo: user.TimeZoneSidKey,
      locale: user.LocaleSidKey,
      language: user.LanguageLocaleKey,
      active: user.IsActive !== false,
      user_type: 'STANDARD',
      utcOffset: 0,
      updated_at: user.LastModifiedDate,
      urls: {
        rest: `${base}/services/data/v{version}/`,
        sobjects: `${base}/services/data/v{version}/sobjects/`,
        query: `${base}/services/data/v{version}/query/`,
        profile: `${base}/${userId}`,
      },
    },
  };
}

function xmlEscape(text: string): string {
  return text.replace(/[<>&'"]/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
function xmlUnescape(text: string): string {
  return text
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code))).replace(/&amp;/g, '&');
}

/** `POST /services/Soap/u/{version}` login (the only SOAP call served). */
export function soapLogin(ctx: AuthContext, xml: string, version: string): AuthResult {
  const username = xmlUnescape(/<(?:\w+:)?username>([^<]*)</.exec(xml)?.[1] ?? '');
  const password = xmlUnescape(/<(?:\w+:)?password>([^<]*)</.exec(xml)?.[1] ?? '');
  const user = userByUsername(ctx.store, username);
  if (!/<(?:\w+:)?login[\s>]/.test(xml)) {
    return soapFault('sf:UNKNOWN_EXCEPTION', 'UNKNOWN_EXCEPTION: the sandbox serves only the SOAP login() call');
  }
  if (!user || password !== DEMO_PASSWORD) {
    return soapFault('INVALID_LOGIN', 'INVALID_LOGIN: Invalid username, password, security token; or user locked out.');
  }
  const session = issueSession(ctx, user.Id as string, 'soap', false);
  const orgId = organizationId(ctx.store);
  const base = ctx.baseUrl();
  const body = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns="urn:partner.soap.sforce.com" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
    '<soapenv:Body><loginResponse><result>',
    `<metadataServerUrl>${base}/services/Soap/m/${version}/${orgId}</metadataServerUrl>`,
    '<passwordExpired>false</passwordExpired><sandbox>true</sandbox>',
    `<serverUrl>${base}/services/Soap/u/${version}/${orgId}</serverUrl>`,
    `<sessionId>${xmlEscape(String(session.access_token))}</sessionId>`,
    `<userId>${user.Id as string}</userId>`,
    '<userInfo>',
    `<organizationId>${orgId}</organizationId><organizationName>Sandbox Collections Org</organizationName>`,
    `<userEmail>${xmlEscape(String(user.Email))}</userEmail><userFullName>${xmlEscape(String(user.Name))}</userFullName>`,
    `<userId>${user.Id as string}</userId><userName>${xmlEscape(String(user.Username))}</userName>`,
    `<userTimeZone>${xmlEscape(String(user.TimeZoneSidKey))}</userTimeZone>`,
    '</userInfo>',
    '</result></loginResponse></soapenv:Body></soapenv:Envelope>',
  ].join('');
  return { status: 200, raw: { contentType: 'text/xml; charset=utf-8', data: body } };
}

function soapFault(code: string, message: string): AuthResult {
  const body = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:sf="urn:fault.partner.soap.sforce.com">',
    `<soapenv:Body><soapenv:Fault><faultcode>${code}</faultcode><faultstring>${xmlEscape(message)}</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>`,
  ].join('');
  return { status: 500, raw: { contentType: 'text/xml; charset=utf-8', data: body } };
}
