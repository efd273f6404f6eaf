/**
 * The MV3 extension end to end: the unpacked build in headless Debian Chromium (salesforce-and-browser.md §13) on a
 * Lightning-like page served at https://acme.lightning.force.com, with the Salesforce API of
 * https://acme.my.salesforce.com answered by the local sandbox (service-worker fetches are routed too).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExtension } from '../../extension/build.mjs';
import type { Sandbox } from '../../sandbox/server';
import { forwardToSandbox, launchChromiumWithExtension, settleCount, startSandbox } from './support';
import type { ExtensionBrowser, StartedSandbox } from './support';

const LIGHTNING = 'https://acme.lightning.force.com';
const API_HOST = 'acme.my.salesforce.com';
const HOST_SELECTOR = 'collections-panel-dock';

/** A Lightning-like shell: Lightning routes in-app with history.pushState, never a reload. */
const lightningPage = `<!doctype html>
<html><head><meta charset="utf-8"><title>Lightning Experience</title></head>
<body class="desktop" style="margin: 0">
  <div id="auraLoadingBox"></div>
  <div class="oneAppLayoutHost"><main id="record-body" style="margin: 0 16px">Record page</main></div>
  <script>window.__sfNavigate = (path) => history.pushState({}, '', path);</script>
</body></html>`;

let started: StartedSandbox;
let sandbox: Sandbox;
let browser: ExtensionBrowser;
let context: BrowserContext;
let page: Page;
let extensionDir: string;
let bundleSizes: Record<string, { raw: number; gzip: number }>;
let chromeDir: string;
/** Every data API request that reached the Salesforce API host, from any context (page or service worker). */
const apiRequests: { method: string; url: string }[] = [];
/**
 * Identity reads (OAuth userinfo: the signed-in user's name signs reminders, issue 19), kept apart: they are not
 * data API requests, and the worker makes one per org, not one per open.
 */
const identityRequests: string[] = [];

let accountA: { Id: string; Name: string };
let accountB: { Id: string; Name: string };
let contactOfA: { Id: string };

/** Records the request (data API or identity read), then answers it from the sandbox. */
async function recordAndForward(route: Route): Promise<void> {
  const request = route.request();
  if (new URL(request.url()).pathname === '/services/oauth2/userinfo') {
    identityRequests.push(request.url());
  } else {
    apiRequests.push({ method: request.method(), url: request.url() });
  }
  await forwardToSandbox(route, sandbox.url);
}

async function panelHost(target: Page = page) {
  return target.locator(HOST_SELECTOR);
}

/**
 * Waits until no new API request has arrived for `quietMs` (fails if they never stop): counts are
 * asserted only on a settled log, so a late request is counted instead of missed.
 */
async function settle(quietMs = 750): Promise<void> {
  await settleCount(() => apiRequests.length, { quietMs, what: 'requests to the Salesforce API host' });
}

beforeAll(async () => {
  started = await startSandbox({ inMemory: true });
  sandbox = started.sandbox;
  const accounts = [...sandbox.store.all('Account')] as unknown as { Id: string; Name: string }[];
  accountA = accounts.find((a) => a.Id === started.demoAccountId)!;
  accountB = accounts.find((a) => a.Id !== accountA.Id && /^[A-Za-z ]+$/.test(a.Name))!;
  contactOfA = ([...sandbox.store.all('Contact')] as unknown as { Id: string; AccountId: string }[]).find((c) => c.AccountId === accountA.Id)!;

  // The dev build (sandbox origin enabled), exactly as `EXTENSION_DEV_ORIGINS=http://127.0.0.1:* node extension/build.mjs`.
  extensionDir = join(mkdtempSync(join(tmpdir(), 'cp-ext-')), 'out');
  // Shadow roots open only so Playwright's locators can look inside; the shipped build closes them.
  const built = await buildExtension({ outDir: extensionDir, devOrigins: ['http://127.0.0.1:*'], zip: false, quiet: true, shadowMode: 'open' });
  bundleSizes = built.sizes;
  chromeDir = built.chromeDir;
  browser = await launchChromiumWithExtension(built.chromeDir);
  context = browser.context;
  await context.route(`https://${API_HOST}/**`, recordAndForward);
  await context.route(`${LIGHTNING}/**`, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: lightningPage }));
  // The org's API session lives on the My Domain host, HttpOnly: page scripts can never read it.
  await context.addCookies([{ name: 'sid', value: sandbox.token, domain: API_HOST, path: '/', secure: true, httpOnly: true, sameSite: 'None' }]);
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await started?.stop();
  rmSync(join(extensionDir, '..'), { recursive: true, force: true });
});

describe('extension build', () => {
  it('ships a small content-script loader and keeps Node-only code out of every bundle', () => {
    // Budget (engineering-anchors B6): loader ≤ 5 KB gzip; the panel core is imported only on open.
    expect(bundleSizes['content.js']!.gzip).toBeLessThanOrEqual(5 * 1024);
    for (const file of Object.keys(bundleSizes)) {
      const code = readFileSync(join(chromeDir, file), 'utf8');
      expect(code, file).not.toMatch(/jsforce|node:crypto|require\("(fs|path|crypto)"\)/);
      // zod/mini only: classic zod registers constructors named exactly "ZodString", "ZodObject", "ZodType"
      // (mini's are "ZodMini…"), the same check as connector/salesforce/bundle.test.ts.
      expect(code, file).not.toMatch(/["'`]Zod(String|Object|Type|Number)["'`]/);
    }
  });
});

describe('extension on a Lightning record page', () => {
  it('shows the collapsed panel on an Account page and makes no request while collapsed', async () => {
    await page.goto(`${LIGHTNING}/lightning/r/Account/${accountA.Id}/view`);
    const host = await panelHost();
    await expect.poll(() => host.count()).toBe(1);
    await host.locator('.tab').waitFor({ state: 'visible' });
    expect(await host.locator('.panel').isHidden()).toBe(true);
    expect(await page.locator('html').getAttribute('data-collections-panel-extension')).toBe('');
    // The dock is an overlay: the page's own content keeps its position.
    expect(await page.locator('#record-body').evaluate((el) => el.getBoundingClientRect().left)).toBe(16);
    await settle(1500);
    expect(apiRequests).toEqual([]);
  });

  it('has an accessible collapsed tab (axe-core)', async () => {
    await page.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core/axe.min.js') });
    const { violations, passes } = await page.evaluate(async (selector) => {
      type AxeResult = { violations: { id: string; nodes: unknown[] }[]; passes: unknown[] };
      const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<AxeResult> } }).axe;
      // The dock's own chrome only (the widget inside has its own accessibility tests).
      const result = await axe.run({ include: [{ fromShadowDom: [selector, '.dock'] }] }, {});
      return { violations: result.violations.map((v) => `${v.id} (${v.nodes.length})`), passes: result.passes.length };
    }, HOST_SELECTOR);
    expect(violations).toEqual([]);
    expect(passes).toBeGreaterThan(0);
    await settle();
    expect(apiRequests).toEqual([]);
  });

  it('costs exactly one request when opened', async () => {
    const host = await panelHost();
    await host.locator('.tab').click();
    await host.getByRole('heading', { name: accountA.Name }).waitFor();
    await settle();
    expect(apiRequests).toHaveLength(1);
    expect(apiRequests[0]?.url).toMatch(new RegExp(`^https://${API_HOST.replace(/\./g, '\\.')}/services/data/v[\\d.]+/composite`));
    expect(identityRequests).toHaveLength(1);
  });

  it('follows in-app navigation to another account and to a contact (showing its account)', async () => {
    const host = await panelHost();
    await page.evaluate((path) => (window as unknown as { __sfNavigate(p: string): void }).__sfNavigate(path), `/lightning/r/Account/${accountB.Id}/view`);
    await host.getByRole('heading', { name: accountB.Name }).waitFor();
    await settle();
    expect(apiRequests).toHaveLength(2);

    await page.evaluate((path) => (window as unknown as { __sfNavigate(p: string): void }).__sfNavigate(path), `/lightning/r/Contact/${contactOfA.Id}/view`);
    await host.getByRole('heading', { name: accountA.Name }).waitFor();
    await settle();
    expect(apiRequests).toHaveLength(3);
    expect(identityRequests).toHaveLength(1);
    expect(await page.locator(HOST_SELECTOR).count()).toBe(1);
  });

  it('logs a call that lands in the sandbox', async () => {
    const host = await panelHost();
    const note = `E2E extension call ${Date.now()}`;
    await host.getByRole('button', { name: 'Log a call' }).click();
    // Inbound: an outbound call could be blocked by the account's calling-hours rules at the time the test runs.
    await host.locator('#call-direction').selectOption('inbound');
    await host.locator('#call-disposition').selectOption('reached');
    await host.locator('#call-notes').fill(note);
    await host.getByRole('button', { name: 'Save call' }).click();
    await expect
      .poll(() => ([...sandbox.store.all('Task')] as unknown as { Description?: string; WhatId?: string }[]).filter((t) => t.Description?.includes(note)), { timeout: 15_000 })
      .toHaveLength(1);
    const task = ([...sandbox.store.all('Task')] as unknown as { Description?: string; WhatId?: string }[]).find((t) => t.Description?.includes(note));
    expect(task?.WhatId).toBe(accountA.Id);
  });

  it('says so and offers OAuth sign-in when the org blocks cookie sessions for the API', async () => {
    // Let follow-up requests of the previous test (refresh after the write) finish before arming the fault.
    await settle();
    sandbox.addFault({
      path: '/services/data',
      action: 'respond',
      status: 401,
      body: [{ errorCode: 'INVALID_SESSION_ID', message: 'This session is not valid for use with the REST API' }],
      times: 1,
    });
    const host = await panelHost();
    const before = apiRequests.length;
    await page.evaluate((path) => (window as unknown as { __sfNavigate(p: string): void }).__sfNavigate(path), `/lightning/r/Account/${accountB.Id}/view`);
    const signIn = host.getByRole('button', { name: 'Sign in with Salesforce' });
    await signIn.waitFor();
    await settle();
    // Not retried: a refresh cannot help when the org forbids this kind of session.
    expect(apiRequests.length - before).toBe(1);
    const [optionsPage] = await Promise.all([context.waitForEvent('page'), signIn.click()]);
    await optionsPage.waitForLoadState();
    expect(optionsPage.url()).toMatch(/^chrome-extension:\/\/[a-p]{32}\/options\.html#sign-in=/);
    await optionsPage.getByRole('heading', { name: 'Sign in with Salesforce (OAuth)' }).waitFor();
    await optionsPage.close();
  });

  it('runs "Check my org" from the options page through the worker', async () => {
    const extensionId = browser.extensionId;
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    await expect.poll(() => options.locator('#org option').first().getAttribute('value')).toMatch(/^00D/);
    const before = apiRequests.length;
    await options.getByRole('button', { name: 'Check my org' }).click();
    await expect.poll(() => options.locator('#check-status').textContent(), { timeout: 15_000 }).toMatch(/Everything the mapping needs is in place|problem\(s\) found/);
    expect(apiRequests.length).toBeGreaterThan(before);
    await options.close();
  });

  it('hides the dock off record pages and applies the auto-open option from the options page', async () => {
    const host = await panelHost();
    await page.evaluate((path) => (window as unknown as { __sfNavigate(p: string): void }).__sfNavigate(path), '/lightning/page/home');
    await expect.poll(() => host.evaluate((el) => getComputedStyle(el).display)).toBe('none');

    const options = await context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.locator('#autoOpen').selectOption('accounts');
    await options.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => options.locator('#save-status').textContent()).toBe('Saved.');
    await options.close();

    const autoPage = await context.newPage();
    await autoPage.goto(`${LIGHTNING}/lightning/r/Account/${accountB.Id}/view`);
    await autoPage.locator(HOST_SELECTOR).getByRole('heading', { name: accountB.Name }).waitFor();
    await autoPage.close();
    await settle();
    // Back to the default (collapsed) for the following tests.
    await browser.serviceWorker.evaluate(() => chrome.storage.sync.remove('settings'));
  });

  it('never exposes the session token to the page', async () => {
    const token = sandbox.token;
    const exposed = await page.evaluate((secret) => {
      const seen: string[] = [];
      const html = document.documentElement.outerHTML;
      if (html.includes(secret)) {
        seen.push('outerHTML');
      }
      // Walk every open shadow root (ours and the widget's).
      const walk = (root: Document | ShadowRoot): void => {
        for (const el of root.querySelectorAll('*')) {
          if (el.shadowRoot) {
            if (el.shadowRoot.innerHTML.includes(secret) || (el.shadowRoot.textContent ?? '').includes(secret)) {
              seen.push(`shadow:${el.tagName}`);
            }
            walk(el.shadowRoot);
          }
        }
      };
      walk(document);
      for (const key of Object.getOwnPropertyNames(window)) {
        try {
          const value = (window as unknown as Record<string, unknown>)[key];
          if (typeof value === 'string' && value.includes(secret)) {
            seen.push(`window.${key}`);
          } else if (value && typeof value === 'object' && !(value instanceof Node) && value !== window) {
            const json = JSON.stringify(value);
            if (json?.includes(secret)) {
              seen.push(`window.${key}`);
            }
          }
        } catch (_error) {
          // cyclic or inaccessible: not a plain data holder
        }
      }
      for (const store of [localStorage, sessionStorage]) {
        for (let i = 0; i < store.length; i += 1) {
          const key = store.key(i) ?? '';
          if (key.includes(secret) || (store.getItem(key) ?? '').includes(secret)) {
            seen.push(`storage:${key}`);
          }
        }
      }
      if (document.cookie.includes(secret)) {
        seen.push('document.cookie');
      }
      return seen;
    }, token);
    expect(exposed).toEqual([]);
    // Sanity: the token is real and did authorise the API calls the worker made.
    expect(token.length).toBeGreaterThan(10);
    expect(sandbox.requestLog.filter((entry) => entry.api && entry.status === 200).length).toBeGreaterThanOrEqual(3);
  });
});

describe('dev build against the local sandbox (npm run demo)', () => {
  it('docks on the sandbox demo page and calls the sandbox origin from the worker', async () => {
    // The sandbox serves page and API on one origin; like Salesforce, the session is a cookie there.
    await context.addCookies([{ name: 'sid', value: sandbox.token, url: started.url, httpOnly: true }]);
    const demo = await context.newPage();
    await demo.goto(`${started.url}/lightning/r/Account/${accountA.Id}/view`);
    const host = demo.locator(HOST_SELECTOR);
    await host.locator('.tab').waitFor({ state: 'visible' });
    const fromExtension = () => sandbox.requestLog.filter((entry) => entry.api && (entry.origin ?? '').startsWith('chrome-extension://'));
    const before = fromExtension().length;
    await host.locator('.tab').click();
    await host.getByRole('heading', { name: accountA.Name }).waitFor();
    await expect.poll(() => fromExtension().length - before).toBe(1);
    // Still exactly one once the sandbox's log has settled (a late second request would show here).
    await settleCount(() => sandbox.requestLog.filter((entry) => entry.api).length, { what: 'sandbox API requests' });
    expect(fromExtension().length - before).toBe(1);
    // The sandbox's CORS policy admits the extension's origin: nothing the extension sent was refused.
    expect(sandbox.requestLog.filter((entry) => entry.status === 403)).toEqual([]);
    await demo.close();
  });
});
