/**
 * Demo CRM routes: Lightning-like pages (`/lightning/r/Account/:id/view`, `/lightning/r/Contact/:id/view`,
 * `/lightning/page/home`, the worklist and reports tabs `/lightning/n/...`), their non-REST JSON (`/__demo/...`), the OAuth callback page, and the
 * built bundles (`/widget/` from dist/widget, `/connector/` from dist/connector).
 *
 * The page itself never calls `/services/data`: everything it shows is rendered here, so every REST
 * request a browser makes is the panel's.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_USERNAME } from '../auth';
import { normaliseId } from '../ids';
import { LATEST_API_VERSION } from '../schema';
import type { Store } from '../store';
import type { ApiResponse } from '../rest/api';
import { listAccounts, recordView, renderPage, renderRecord, renderReports, renderWorklist } from './page';

export interface DemoRequest {
  store: Store;
  method: string;
  url: URL;
  baseUrl: string;
  widgetDir: string;
  connectorDir: string;
  /** The development access token, set as the `sid` session cookie on Lightning pages. */
  devToken: string;
}

const ASSET_DIR = fileURLToPath(new URL('./assets/', import.meta.url));
const CONNECTOR_BUNDLE = 'collections-connector.iife.js';
const WIDGET_LOADER = 'loader.js';
const WORKLIST_BUNDLE = 'worklist.js';
const PORTFOLIO_BUNDLE = 'collections-portfolio.iife.js';
const REPORTS_BUNDLE = join('reports', 'reports.js');
const REPORTS_READER_BUNDLE = 'collections-reports.iife.js';

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** Like Lightning: scripts only from our origin; the panel must work under it. */
const PAGE_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'";

function serveFile(root: string, relative: string): ApiResponse | null {
  const base = resolve(root);
  const target = resolve(base, `.${sep}${relative}`);
  // No path traversal out of the served directory.
  if (target !== base && !target.startsWith(base + sep)) {
    return { status: 403, raw: { contentType: 'text/plain', data: 'forbidden' } };
  }
  if (!existsSync(target) || !statSync(target).isFile()) {
    return null;
  }
  return {
    status: 200,
    headers: { 'Cache-Control': 'no-cache' },
    raw: { contentType: CONTENT_TYPES[extname(target)] ?? 'application/octet-stream', data: readFileSync(target) },
  };
}

function html(status: number, body: string, extraHeaders: Record<string, string> = {}): ApiResponse {
  return { status, headers: { 'Content-Security-Policy': PAGE_CSP, 'Cache-Control': 'no-store', ...extraHeaders }, raw: { contentType: 'text/html; charset=utf-8', data: body } };
}

/**
 * The `sid` session cookie a Lightning page carries in a real org, holding the development token, so
 * the dev build of the extension (which reads `sid` through chrome.cookies) docks without a manual
 * step. HttpOnly: page scripts (ours included) cannot read it; only the extension's service worker can.
 */
export function sessionCookie(devToken: string): string {
  return `sid=${devToken}; Path=/; HttpOnly; SameSite=Lax`;
}

function localeOfDemoUser(store: Store): string {
  for (const user of store.all('User')) {
    if (user.Username === DEFAULT_USERNAME && typeof user.LocaleSidKey === 'string') {
      return user.LocaleSidKey.replace('_', '-');
    }
  }
  return 'en-US';
}

/** The signed-in demo user's id (the development token acts as this user): whose worklist opens. */
function demoUserId(store: Store): string | null {
  for (const user of store.all('User')) {
    if (user.Username === DEFAULT_USERNAME) {
      return user.Id as string;
    }
  }
  return null;
}

/** The signed-in demo user's name (signs reminders: widget MountOptions.senderName). */
function demoUserName(store: Store): string | null {
  for (const user of store.all('User')) {
    if (user.Username === DEFAULT_USERNAME) {
      return [user.FirstName, user.LastName].filter((part) => typeof part === 'string' && part).join(' ') || null;
    }
  }
  return null;
}

/** Users the demo can sign in as (issue 19): the default collector first, then everyone active by department. */
function signInAsUsers(store: Store): { username: string; label: string }[] {
  const users = [...store.all('User')].filter((u) => u.IsActive !== false && typeof u.Username === 'string');
  users.sort((a, b) => Number(b.Username === DEFAULT_USERNAME) - Number(a.Username === DEFAULT_USERNAME));
  return users.map((u) => ({ username: String(u.Username), label: `${String(u.FirstName ?? '')} ${String(u.LastName ?? '')} · ${String(u.Title ?? '')}`.trim() }));
}

/** Handles a demo route, or returns null when the path is not one. */
export function handleDemoRoute(req: DemoRequest): ApiResponse | null {
  const path = req.url.pathname;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return null;
  }
  if (path === '/' || path === '/lightning' || path === '/lightning/') {
    return { status: 302, headers: { Location: '/lightning/page/home' } };
  }
  if (path === '/favicon.ico') {
    return { status: 204 };
  }
  if (path.startsWith('/widget/')) {
    return serveFile(req.widgetDir, path.slice('/widget/'.length));
  }
  if (path.startsWith('/connector/')) {
    return serveFile(req.connectorDir, path.slice('/connector/'.length));
  }
  if (path.startsWith('/__demo/assets/')) {
    return serveFile(ASSET_DIR, path.slice('/__demo/assets/'.length));
  }
  if (path === '/__demo/accounts') {
    return { status: 200, body: listAccounts(req.store, req.url.searchParams.get('q') ?? '', Number(req.url.searchParams.get('limit') ?? 200)) };
  }
  if (path === '/__demo/home') {
    const accounts = listAccounts(req.store, '', 1);
    return { status: 200, body: { recordId: null, objectType: null, accountId: null, title: 'Home | Collections Sandbox', html: renderRecord(null, accounts[0]?.id ?? null) } };
  }
  const recordJson = /^\/__demo\/record\/([A-Za-z0-9]{15,18})$/.exec(path);
  if (recordJson) {
    const id = normaliseId(recordJson[1] ?? '');
    const view = id ? recordView(req.store, id) : null;
    if (!view) {
      return { status: 404, body: { error: 'not an account, contact or opportunity' } };
    }
    return { status: 200, body: { recordId: view.id, objectType: view.objectType, accountId: view.accountId, title: `${view.title} | ${view.subtitle} | Collections Sandbox`, html: renderRecord(view, null) } };
  }
  if (path === '/__demo/worklist') {
    return { status: 200, body: { recordId: null, objectType: null, accountId: null, worklist: true, title: 'Collections Worklist | Collections Sandbox', html: renderWorklist() } };
  }
  if (path === '/__demo/reports') {
    return { status: 200, body: { recordId: null, objectType: null, accountId: null, reports: true, title: 'Collections Reports | Collections Sandbox', html: renderReports() } };
  }
  if (path === '/__demo/oauth/callback') {
    return html(200, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Signing in…</title>
<script src="/__demo/assets/oauth-callback.js" defer></script></head><body><p id="status">Signing in to the sandbox…</p></body></html>`);
  }
  const page = /^\/lightning\/(?:r\/(Account|Contact|Opportunity)\/([A-Za-z0-9]{15,18})\/view|page\/home|n\/(Collections_Worklist|Collections_Reports|Collections_Disputes))\/?$/.exec(path);
  if (page) {
    const cookie = { 'Set-Cookie': sessionCookie(req.devToken) };
    const accounts = listAccounts(req.store);
    let view = null;
    if (page[2]) {
      const id = normaliseId(page[2]);
      view = id ? recordView(req.store, id) : null;
      if (!view || view.objectType !== page[1]) {
        return html(404, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not found</title></head><body><h1>Record not found</h1><p><a href="/lightning/page/home">Home</a></p></body></html>`, cookie);
      }
    }
    const widgetAvailable = existsSync(join(req.widgetDir, WIDGET_LOADER));
    const connectorAvailable = existsSync(join(req.connectorDir, CONNECTOR_BUNDLE));
    return html(200, renderPage({
      view,
      accounts,
      panelEnabled: req.url.searchParams.get('panel') !== 'off',
      widgetAvailable,
      connectorAvailable,
      apiVersion: LATEST_API_VERSION,
      locale: localeOfDemoUser(req.store),
      demoAccountId: accounts[0]?.id ?? null,
      worklist: page[3] === 'Collections_Worklist',
      reports: page[3] === 'Collections_Reports',
      reportsAvailable: existsSync(join(req.widgetDir, REPORTS_BUNDLE)) && existsSync(join(req.connectorDir, REPORTS_READER_BUNDLE)),
      worklistAvailable: existsSync(join(req.widgetDir, WORKLIST_BUNDLE)) && existsSync(join(req.connectorDir, PORTFOLIO_BUNDLE)),
      userId: demoUserId(req.store),
      userName: demoUserName(req.store),
      disputes: page[3] === 'Collections_Disputes',
      signInAs: signInAsUsers(req.store),
    }), cookie);
  }
  return null;
}
