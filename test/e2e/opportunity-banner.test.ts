/**
 * Selling to a customer who is behind (issue 19, decision 0025) on the sandbox demo page, in headless
 * Chromium: the demo account (Jaipur Textiles, invoices 100+ days overdue) has an open opportunity; its
 * page shows the collapsed collections banner and makes NO `/services/data` request; opened by keyboard,
 * the banner is the account's panel leading with "Before you sell" (overdue, disputes, broken promises,
 * credit use) and the credit-hold suggestion with its reason, in one snapshot request; the payment terms sales
 * agreed are in the timeline and above the reminder, signed by the signed-in user; axe finds nothing.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT_ID } from '../../sandbox/seed/index';
import { freshBundles, requireChromium, settleCount, startSandbox, openDemoBrowser } from './support/index';
import type { StartedSandbox } from './support/index';


let sb: StartedSandbox;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let opportunityId = '';
let pageErrors: string[] = [];

beforeAll(async () => {
  requireChromium();
  sb = await startSandbox({ seed: 42, accounts: 8, ...freshBundles() });
  ({ browser, context, page, pageErrors } = await openDemoBrowser());
  const opportunity = [...sb.sandbox.store.all('Opportunity')].find((o) => o.AccountId === DEMO_ACCOUNT_ID);
  opportunityId = String(opportunity?.Id ?? '');
  expect(opportunityId).toMatch(/^006/);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await sb?.stop();
});

describe('opportunity banner on the demo', () => {
  it('shows collapsed for the overdue customer and costs zero API requests', async () => {
    // Sign in once on the account page (the OAuth round trip is not the banner's), then start counting.
    await page.goto(`${sb.url}/lightning/r/Account/${DEMO_ACCOUNT_ID}/view`);
    await page.locator('[data-collections-panel]').waitFor({ timeout: 20_000 });
    await settleCount(() => sb.apiRequests().length, { what: 'sandbox API requests' });
    sb.resetRequestLog();

    // In-app navigation (like Lightning) from the account's related list to its opportunity.
    await page.getByRole('tab', { name: 'Related' }).click();
    await page.locator(`a[href="/lightning/r/Opportunity/${opportunityId}/view"]`).click();
    const toggle = page.locator('#sales-banner-toggle');
    await toggle.waitFor({ timeout: 15_000 });
    expect(await toggle.textContent()).toContain('Collections: check Jaipur Textiles');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator('#collections-panel-slot [data-collections-panel]').count()).toBe(0);
    // And on a fresh load of the page itself.
    await page.reload();
    await toggle.waitFor();
    expect(await settleCount(() => sb.apiRequests().length, { what: 'sandbox API requests' })).toBe(0);
  });

  it('opens by keyboard into the account panel with the figures and the credit-hold suggestion (one request)', async () => {
    const toggle = page.locator('#sales-banner-toggle');
    await toggle.focus();
    await page.keyboard.press('Enter');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const summary = page.locator('#sales-banner [data-testid="sales-summary"]');
    await summary.waitFor({ timeout: 20_000 });
    const text = (await summary.textContent()) ?? '';
    expect(text).toContain('Credit hold suggested');
    expect(text).toMatch(/is 90 or more days overdue/);
    expect(text).toMatch(/Overdue₹/);
    expect(text).toMatch(/Oldest overdue\d+ days/);
    expect(text).toContain('Open disputes');
    expect(text).toContain('Broken promises (last year)');
    expect(text).toMatch(/Credit limit₹(10,00,000|1,000,000)\.00/);
    expect(text).toMatch(/Limit used\d+%/);
    // The account's own panel: its actions are right there.
    expect(await page.locator('#sales-banner [role="toolbar"][aria-label="Actions"]').count()).toBe(1);
    expect(await settleCount(() => sb.apiRequests().length, { what: 'sandbox API requests' })).toBe(1);
    expect(sb.apiRequests()[0]?.path ?? '').toContain('/composite');

    // Tab moves from the button into the panel; Shift+Tab back and Enter closes it.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('#sales-banner') !== null)).toBe(true);
    await toggle.focus();
    await page.keyboard.press('Enter');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator('#sales-banner-body').isHidden()).toBe(true);
    await page.keyboard.press('Enter');
    await summary.waitFor({ timeout: 20_000 });
  });

  it("shows what sales agreed in the timeline and above the reminder, signed by the signed-in user", async () => {
    const banner = page.locator('#sales-banner');
    await banner.getByRole('tab', { name: 'Timeline' }).click();
    const agreed = banner.getByRole('list', { name: 'Timeline, newest first' }).locator('li', { hasText: 'Agreed by sales' });
    expect(await agreed.textContent()).toContain('Payment terms: INV-JT-1004 may be paid 30 days late (by the FY27 renewal signing)');
    await banner.getByRole('button', { name: 'Reminder e-mail' }).click();
    const form = banner.getByRole('form', { name: 'Reminder e-mail' });
    await form.waitFor({ timeout: 15_000 });
    expect(await form.getByRole('note', { name: 'Agreed by sales' }).textContent()).toMatch(/^Sales agreed: INV-JT-1004 may be paid 30 days late/);
    // The demo signs with the signed-in user's name (OAuth userinfo), not "Accounts receivable".
    expect(await form.getByRole('region', { name: 'Preview' }).textContent()).toContain('Priya Sharma');
    await banner.getByRole('button', { name: 'Reminder e-mail' }).click();
  });

  it('has no axe violations in the banner, open or collapsed', async () => {
    // The demo page's CSP (script-src 'self') refuses an injected <script>; evaluate the source instead.
    await page.evaluate(readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'));
    const audit = () => page.evaluate(async () => {
      type AxeResult = { violations: { id: string; nodes: { html: string }[] }[]; passes: unknown[] };
      const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<AxeResult> } }).axe;
      const result = await axe.run({ include: ['#sales-banner'] }, {});
      return { violations: result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`), passes: result.passes.length };
    });
    const open = await audit();
    expect(open.violations).toEqual([]);
    expect(open.passes).toBeGreaterThan(0);
    await page.locator('#sales-banner-toggle').click();
    expect(await page.locator('#sales-banner-toggle').getAttribute('aria-expanded')).toBe('false');
    expect((await audit()).violations).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
