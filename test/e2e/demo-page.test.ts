/**
 * The sandbox's Lightning-like demo page in headless Debian Chromium: server-rendered record page,
 * in-app navigation without reloads, markup in CRM data shown as text, and the page itself never
 * calling /services/data (so every REST request a browser makes is the panel's).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT_NAME } from '../../sandbox/seed/index';
import { launchChromium, requireBuilt, settleCount, startSandbox } from './support/index';
import type { StartedSandbox } from './support/index';

let browser: Browser;
let sb: StartedSandbox;
let emptyDir: string;
let page: Page;
const dialogs: string[] = [];

/**
 * Before asserting a request count: the browser's network is idle and the sandbox's API log has
 * stayed unchanged for a quiet window, so a late request would still be counted.
 */
async function settled(sandbox: StartedSandbox = sb): Promise<void> {
  await page.waitForLoadState('networkidle');
  await settleCount(() => sandbox.apiRequests().length, { what: 'sandbox API requests' });
}

function accountByName(name: string): string {
  const found = [...sb.sandbox.store.all('Account')].find((a) => a.Name === name);
  if (!found) {
    throw new Error(`no account ${name}`);
  }
  return String(found.Id);
}

beforeAll(async () => {
  // An empty bundle directory: the page must show the "not built" placeholder, not fail.
  emptyDir = await mkdtemp(join(tmpdir(), 'no-bundles-'));
  sb = await startSandbox({ seed: 7, accounts: 12, widgetDir: emptyDir, connectorDir: emptyDir });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await sb?.stop();
  await rm(emptyDir, { recursive: true, force: true });
});

beforeEach(async () => {
  dialogs.length = 0;
  page = await browser.newPage();
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  sb.resetRequestLog();
});

afterEach(async () => {
  await page?.close();
});

describe('demo CRM page', () => {
  it('renders the seeded account and moves between accounts in-app, without a reload or any REST call', async () => {
    await page.goto(`${sb.url}/lightning/r/Account/${sb.demoAccountId}/view?panel=off`);
    await expect.poll(() => page.textContent('#record-name')).toBe(DEMO_ACCOUNT_NAME);
    expect(await page.title()).toContain(DEMO_ACCOUNT_NAME);
    await page.evaluate(() => {
      (window as unknown as { __marker: string }).__marker = 'same document';
    });

    const otherId = accountByName('Sakura Precision KK');
    await page.click(`#account-list a[data-record-id="${otherId}"]`);
    await expect.poll(() => page.textContent('#record-name')).toBe('Sakura Precision KK');
    expect(new URL(page.url()).pathname).toBe(`/lightning/r/Account/${otherId}/view`);
    expect(await page.evaluate(() => (window as unknown as { __marker?: string }).__marker)).toBe('same document');
    expect(await page.evaluate(() => (window as unknown as { __demoNavigations: number }).__demoNavigations)).toBe(1);
    expect(await page.getAttribute(`#account-list a[data-record-id="${otherId}"]`, 'aria-current')).toBe('page');

    // Browser back is handled in-app too (popstate).
    await page.goBack();
    await expect.poll(() => page.textContent('#record-name')).toBe(DEMO_ACCOUNT_NAME);
    expect(await page.evaluate(() => (window as unknown as { __marker?: string }).__marker)).toBe('same document');

    // Contacts open as records of their own, still in-app.
    await page.click('#record-related a[href*="/lightning/r/Contact/"]');
    await expect.poll(() => page.textContent('#record-type')).toBe('Contact');
    expect(await page.evaluate(() => (window as unknown as { __marker?: string }).__marker)).toBe('same document');

    const pageRequests = sb.requestLog().map((entry) => entry.path);
    expect(pageRequests.some((path) => path.startsWith('/__demo/record/'))).toBe(true);
    await settled();
    expect(sb.apiRequests()).toEqual([]);
  });

  it('carries the sid session cookie like Salesforce (HttpOnly: invisible to page scripts), and the page still calls no REST API', async () => {
    await page.goto(`${sb.url}/lightning/r/Account/${sb.demoAccountId}/view?panel=off`);
    await expect.poll(() => page.textContent('#record-name')).toBe(DEMO_ACCOUNT_NAME);
    const sid = (await page.context().cookies(sb.url)).find((cookie) => cookie.name === 'sid');
    expect(sid).toMatchObject({ value: sb.token, path: '/', httpOnly: true, sameSite: 'Lax' });
    expect(await page.evaluate(() => document.cookie)).not.toContain('sid=');
    await page.click(`#account-list a[data-record-id="${accountByName('Sakura Precision KK')}"]`);
    await expect.poll(() => page.textContent('#record-name')).toBe('Sakura Precision KK');
    await settled();
    expect(sb.apiRequests()).toEqual([]);
  });

  it('shows markup in CRM data as text (no script runs, no element is created)', async () => {
    const markupId = accountByName('Acme <img src=x onerror=alert(1)> Supplies');
    await page.goto(`${sb.url}/lightning/r/Account/${markupId}/view?panel=off`);
    await expect.poll(() => page.textContent('#record-name')).toBe('Acme <img src=x onerror=alert(1)> Supplies');
    expect(await page.locator('#record-name img').count()).toBe(0);
    expect(await page.locator('#record-main script, #record-main img, #record-main iframe').count()).toBe(0);
    // In-app navigation renders the same escaped fragment.
    await page.click(`#account-list a[data-record-id="${sb.demoAccountId}"]`);
    await page.click(`#account-list a[data-record-id="${markupId}"]`);
    await expect.poll(() => page.textContent('#record-name')).toBe('Acme <img src=x onerror=alert(1)> Supplies');
    expect(await page.locator('#account-list img, #record-main img').count()).toBe(0);
    // Quotes, ampersands and attribute breakouts stay text too, in-app and on a full load.
    const quoted = `O'Reilly "Quoted" <svg onload=alert(9)> & Sons Ltd`;
    await page.click(`#account-list a[data-record-id="${accountByName(quoted)}"]`);
    await expect.poll(() => page.textContent('#record-name')).toBe(quoted);
    await page.goto(`${sb.url}/lightning/r/Account/${accountByName(quoted)}/view?panel=off`);
    await expect.poll(() => page.textContent('#record-name')).toBe(quoted);
    expect(await page.locator('svg, #record-main img').count()).toBe(0);
    expect(dialogs).toEqual([]);
    await settled();
    expect(sb.apiRequests()).toEqual([]);
  });

  it('shows a clear placeholder when the panel bundles are not built, and still calls no REST API', async () => {
    await page.goto(`${sb.url}/lightning/r/Account/${sb.demoAccountId}/view`);
    await expect.poll(() => page.textContent('[data-testid="panel-placeholder"]')).toBe('panel bundle not built: run npm run build');
    await page.click(`#account-list a[data-record-id="${accountByName('Data Quality Test Co')}"]`);
    await expect.poll(() => page.textContent('#record-name')).toBe('Data Quality Test Co');
    await settled();
    expect(sb.apiRequests()).toEqual([]);
  });

  it('keeps other websites out: their REST calls fail the CORS preflight and never reach the API', async () => {
    // Another origin on the same machine (a second sandbox on another port) stands in for any website
    // the developer visits: the development token is public, so only the CORS policy protects the data.
    const other = await startSandbox({ seed: 7, accounts: 2, inMemory: true, widgetDir: emptyDir, connectorDir: emptyDir });
    try {
      // A page of that origin without the demo page's CSP (whose connect-src would stop the fetches in the browser).
      await page.goto(`${other.url}/__sandbox/health`);
      sb.resetRequestLog();
      const usedBefore = sb.sandbox.apiUsage().used;
      const outcome = await page.evaluate(async ({ target, token }) => {
        const attempt = async (init: RequestInit, path: string): Promise<string> => {
          try {
            const response = await fetch(`${target}${path}`, init);
            return `read ${response.status}`;
          } catch (error) {
            return `blocked ${(error as Error).name}`;
          }
        };
        return {
          api: await attempt({ headers: { Authorization: `Bearer ${token}` } }, `/services/data/v66.0/query?q=${encodeURIComponent('SELECT Id, Name FROM Account')}`),
          write: await attempt({ method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: '{"Subject":"x"}' }, '/services/data/v66.0/sobjects/Task'),
          simple: await attempt({}, '/__sandbox/health'),
        };
      }, { target: sb.url, token: sb.token });
      expect(outcome).toEqual({ api: 'blocked TypeError', write: 'blocked TypeError', simple: 'blocked TypeError' });
      // Only the refused preflights and the (unreadable) simple GET arrived; nothing was handled by the API.
      expect(sb.requestLog().map((entry) => `${entry.method} ${entry.path} ${entry.status}`)).toEqual([
        'OPTIONS /services/data/v66.0/query 403',
        'OPTIONS /services/data/v66.0/sobjects/Task 403',
        'GET /__sandbox/health 200',
      ]);
      expect(sb.sandbox.apiUsage().used).toBe(usedBefore);
    } finally {
      await other.stop();
    }
  });

  it('filters the account list through the demo endpoint, not the REST API', async () => {
    await page.goto(`${sb.url}/lightning/page/home?panel=off`);
    await page.fill('#account-filter', 'jaipur');
    await expect.poll(() => page.locator('#account-list li').count()).toBe(1);
    await page.click('#account-list a');
    await expect.poll(() => page.textContent('#record-name')).toBe(DEMO_ACCOUNT_NAME);
    await settled();
    expect(sb.apiRequests()).toEqual([]);
  });
});

describe('demo CRM page with the built panel', () => {
  let built: StartedSandbox;
  beforeAll(async () => {
    // Fail, never skip, without the bundles: `npm test` builds before the e2e tests.
    requireBuilt('dist/widget/loader.js', 'dist/connector/collections-connector.iife.js');
    built = await startSandbox({ seed: 7, accounts: 12 });
  });
  afterAll(async () => {
    await built?.stop();
  });

  it('signs in with OAuth code + PKCE and the panel (not the page) calls the REST API', async () => {
    await page.goto(`${built.url}/lightning/r/Account/${built.demoAccountId}/view`);
    // First visit: authorize → callback → back on the record page with a session in sessionStorage.
    await page.waitForURL(`${built.url}/lightning/r/Account/${built.demoAccountId}/view`);
    await expect.poll(() => page.evaluate(() => sessionStorage.getItem('collectionsSandbox.accessToken')), { timeout: 15_000 }).not.toBeNull();
    const paths = built.requestLog().map((e) => e.path);
    expect(paths).toContain('/services/oauth2/authorize');
    expect(paths).toContain('/services/oauth2/token');
    await expect.poll(() => built.apiRequests().length, { timeout: 20_000 }).toBeGreaterThan(0);
    // Every REST request came after the panel loaded its bundles.
    const firstApi = built.requestLog().findIndex((e) => e.api);
    const loader = built.requestLog().findIndex((e) => e.path === '/widget/loader.js');
    expect(loader).toBeGreaterThanOrEqual(0);
    expect(loader).toBeLessThan(firstApi);

    // A stale session (e.g. after a sandbox reset) is detected and replaced by a fresh sign-in.
    await page.evaluate(() => sessionStorage.setItem('collectionsSandbox.accessToken', 'stale-token'));
    built.resetRequestLog();
    await page.reload();
    await expect.poll(() => page.evaluate(() => sessionStorage.getItem('collectionsSandbox.accessToken')), { timeout: 15_000 })
      .toMatch(/^00D\w{12}!/);
    await expect.poll(() => built.apiRequests().filter((e) => e.status === 200).length, { timeout: 20_000 }).toBeGreaterThan(0);
    await settled(built);
    expect(built.apiRequests().filter((e) => e.status === 401)).toEqual([]);
  });

  it("checks public holidays in the page-run connector from its generated table (US), and says not checked for Kuwait with its Fri–Sat weekend (issue 17)", async () => {
    await page.goto(`${built.url}/lightning/r/Account/${built.demoAccountId}/view`);
    await expect.poll(() => page.evaluate(() => sessionStorage.getItem('collectionsSandbox.accessToken')), { timeout: 15_000 }).toMatch(/^00D/);
    await expect.poll(() => page.evaluate(() => typeof (window as unknown as { CollectionsConnector?: unknown }).CollectionsConnector), { timeout: 15_000 }).toBe('object');
    const ids = [...built.sandbox.store.all('Account')];
    const idOf = (name: string) => String(ids.find((a) => a.Name === name)?.Id);
    // The demo page's own connector bundle (collections-connector.iife.js), as the panel uses it: no holiday source injected.
    const calendars = await page.evaluate(async (refs) => {
      type Calendar = { country: string; region: string | null; weekend: string[]; holidays: { date: string }[] | null; source: string | null };
      const connector = (window as unknown as { CollectionsConnector: { createSalesforcePort(o: unknown): { loadSnapshot(r: { id: string }): Promise<{ calendar: Calendar | null }> } } }).CollectionsConnector;
      const port = connector.createSalesforcePort({ instanceUrl: location.origin, getAccessToken: () => Promise.resolve(sessionStorage.getItem('collectionsSandbox.accessToken')) });
      return Promise.all(refs.map(async (id) => (await port.loadSnapshot({ id })).calendar));
    }, [idOf('Maria Lopez'), idOf('Al Salam Trading Co. W.L.L.')]);
    const [massachusetts, kuwait] = calendars;
    expect(massachusetts).toMatchObject({ country: 'US', region: 'Massachusetts', weekend: ['sat', 'sun'], source: 'date-holidays 3.37.0' });
    expect(massachusetts?.holidays).toEqual(expect.any(Array)); // checked (an empty list is a checked calendar), not null
    expect(kuwait).toMatchObject({ country: 'KW', weekend: ['fri', 'sat'], holidays: null, source: null });
  });
});
