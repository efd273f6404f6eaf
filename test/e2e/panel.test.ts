/**
 * The collections panel on the sandbox's Lightning-like demo page, in headless Debian Chromium:
 * the widget (built fresh into a temp dir) embedded through loader.js, talking to the sandbox CRM
 * through the connector's Salesforce REST port.
 *
 * - opening the panel costs exactly one API request (sandbox request log);
 * - the overdue total and aging match the seeded demo account (DEMO_ACCOUNT_FIGURES);
 * - a call with a promise is logged with the KEYBOARD ONLY, survives a reload in the timeline and
 *   lands in the sandbox's records;
 * - without the ES-module core (module import fails) the loader falls back to panel.iife.js, which adds its forms
 *   script panel-forms.iife.js from the same directory after the snapshot; when that script is missing the panel
 *   says so in words and "Try again" loads it.
 *
 * The browser clock is fixed to 12:00 IST on the seed's reference date, inside the RBI 08:00-19:00
 * calling window of the demo account's profile, so aging and compliance are deterministic.
 */
import { copyFile, mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT_FIGURES } from '../../sandbox/seed/index';
import { freshBundles, requireChromium, settleCount, startSandbox, focusedLabelOf, NOON_IST, openDemoBrowser } from './support/index';
import type { StartedSandbox } from './support/index';

const PROMISE_DATE = '2026-11-27';

let widgetDir = '';
let connectorDir = '';
let sb: StartedSandbox;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let consoleErrors: string[] = [];

/** ₹5,45,000.50 → 54500050 minor units (en-IN grouping, 2 decimals). */
function inrMinor(text: string): number {
  const match = /₹\s?([\d,]+)\.(\d{2})/.exec(text);
  if (!match) {
    throw new Error(`not an INR amount: ${text}`);
  }
  return Number((match[1] as string).replace(/,/g, '')) * 100 + Number(match[2]);
}

const minor = (major: number) => Math.round(major * 100);

/** Text of the <dd> for a <dt> label inside the panel (Playwright CSS pierces the open shadow root). */
async function figure(label: string): Promise<string> {
  const term = page.locator('[data-collections-panel] dt', { hasText: new RegExp(`^${label}$`) }).first();
  return (await term.locator('xpath=following-sibling::dd').textContent()) ?? '';
}

async function legend(): Promise<Record<string, number>> {
  const items = await page.locator('[data-collections-panel] ul.legend li').allTextContents();
  return Object.fromEntries(items.map((item) => [item.split(':')[0]?.trim() ?? '', inrMinor(item)]));
}

/** The header's call-compliance badge, a live status named for screen readers (role locators pierce the shadow root). */
function complianceBadge(target: Page = page) {
  return target.locator('[data-collections-panel]').getByRole('status', { name: 'Call compliance' });
}

/** Label of the deeply focused element (through shadow roots). */
const focusedLabel = (): Promise<string> => focusedLabelOf(page);

/** Press Tab until the focused element's tag|label matches, like a keyboard user would. */
async function tabTo(pattern: RegExp, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (pattern.test(await focusedLabel())) {
      return;
    }
  }
  throw new Error(`Tab never reached ${pattern} (last: ${await focusedLabel()})`);
}

/**
 * Deterministic settle before counting requests: the browser's network is idle and the sandbox's
 * API request log has stayed unchanged for a quiet window (fails if it never stops changing).
 */
async function settled(target: Page = page, sandbox: StartedSandbox = sb): Promise<number> {
  await target.waitForLoadState('networkidle');
  return settleCount(() => sandbox.apiRequests().length, { what: 'sandbox API requests' });
}

async function openDemoAccount(): Promise<void> {
  await page.goto(`${sb.url}/lightning/r/Account/${sb.demoAccountId}/view`);
  // First visit in a context signs in with OAuth code + PKCE and comes back to the record page.
  await page.waitForURL(`${sb.url}/lightning/r/Account/${sb.demoAccountId}/view`);
  await expect.poll(() => page.locator('[data-collections-panel] [role="region"][aria-label="Collections"] h2').textContent(), { timeout: 30_000 }).toBe('Jaipur Textiles Pvt Ltd');
  await expect.poll(() => complianceBadge().count(), { timeout: 15_000 }).toBe(1);
}

beforeAll(async () => {
  // Fail, never skip, without a browser: `npm test` must not pass without these tests.
  requireChromium();
  // Fresh builds, never whatever is lying in dist/.
  ({ widgetDir, connectorDir } = freshBundles());
  sb = await startSandbox({ seed: 42, accounts: 12, widgetDir, connectorDir });
  ({ browser, context, page, consoleErrors } = await openDemoBrowser());
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await sb?.stop();
});

describe('collections panel on the sandbox demo page', () => {
  it('opens with exactly one API request and shows the seeded overdue total and aging', async () => {
    sb.resetRequestLog();
    await openDemoAccount();
    // The panel is loaded; count only once nothing else is on its way (a late request would show).
    await settled();
    const api = sb.apiRequests();
    expect(api.map((e) => `${e.method} ${e.path}`)).toHaveLength(1);
    // The core came in as ES modules from the loader's directory (no IIFE fallback).
    const paths = sb.requestLog().map((e) => e.path);
    expect(paths).toContain('/widget/loader.js');
    expect(paths).toContain('/widget/panel.js');
    // The core on open; the action forms after first paint, on idle (decision 0018): after the snapshot request.
    expect(paths.filter((p) => p.startsWith('/widget/chunks/'))).toEqual([
      expect.stringMatching(/^\/widget\/chunks\/core-[\w-]+\.js$/),
      expect.stringMatching(/^\/widget\/chunks\/forms-[\w-]+\.js$/),
    ]);
    const formsAt = paths.findIndex((p) => p.startsWith('/widget/chunks/forms-'));
    expect(paths.findIndex((p) => p === api[0]?.path)).toBeLessThan(formsAt);
    expect(paths).not.toContain('/widget/panel.iife.js');

    const f = DEMO_ACCOUNT_FIGURES;
    expect(inrMinor(await figure('Total due'))).toBe(minor(f.openBalance));
    expect(inrMinor(await figure('Overdue'))).toBe(minor(f.overdueBalance));
    expect(inrMinor(await figure('Disputed'))).toBe(minor(f.disputedAmount));
    const buckets = await legend();
    expect(buckets).toMatchObject({
      Current: minor(f.buckets.current),
      '1–30': minor(f.buckets.d1_30),
      '31–60': minor(f.buckets.d31_60),
      '61–90': minor(f.buckets.d61_90),
    });
    expect((buckets['91–120'] ?? 0) + (buckets['120+'] ?? 0)).toBe(minor(f.buckets.d91_plus));
    expect(await complianceBadge().textContent()).toMatch(/^OK to call until 0?7:00\s?pm IST$/i);
    // A rupee account under a dollar strategy: the same one request reads the org's rates (decision 0028).
    expect(await figure('Next action')).toMatch(/\w.*\w/);
    expect(consoleErrors).toEqual([]);
  });

  it('logs a call with a promise using only the keyboard; after a reload both are in the timeline and in the CRM', async () => {
    const notes = 'E2E keyboard call: will pay INV after GST refund';
    // Start from the top of the document, no mouse: a keyboard user tabs into the panel.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await tabTo(/^button\|Log a call$/, 200);
    await page.keyboard.press('Enter');
    // The call form opens on its Outcome.
    await expect.poll(focusedLabel).toMatch(/^select\|Outcome/);
    // Type-ahead selects "Promise to pay" on a focused <select> without opening it.
    await page.keyboard.type('Promise');
    await expect.poll(() => page.locator('[data-collections-panel] #call-disposition').inputValue()).toBe('promise_to_pay');
    await tabTo(/^input\|Amount \(INR\)/);
    await page.keyboard.type('25,000');
    await page.keyboard.press('Tab');
    expect(await focusedLabel()).toMatch(/^input\|Pay by/);
    // Chromium lays out <input type="date"> segments by its UI language (en-US here: mm/dd/yyyy),
    // not by the page locale; digits auto-advance between segments.
    await page.keyboard.type('11272026');
    await expect.poll(() => page.locator('[data-collections-panel] #call-ptp-date').inputValue()).toBe(PROMISE_DATE);
    await tabTo(/^textarea\|Notes/);
    await page.keyboard.type(notes);
    await tabTo(/^button\|Save call$/);
    sb.resetRequestLog();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('[data-collections-panel]').getByRole('status', { name: 'Last action' }).textContent(), { timeout: 20_000 })
      .toMatch(/Call logged: Promise to pay; promise of ₹25,000.00 saved/);

    // In the sandbox's records.
    const tasks = [...sb.sandbox.store.all('Task')].filter((t) => t.WhatId === sb.demoAccountId && String(t.Description ?? '').includes(notes));
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ CallDisposition: expect.stringMatching(/promise/i) });
    const promises = [...sb.sandbox.store.all('Promise_To_Pay__c')].filter((p) => p.Account__c === sb.demoAccountId && p.Due_Date__c === PROMISE_DATE);
    expect(promises).toHaveLength(1);
    expect(Number(promises[0]?.Amount__c)).toBe(25000);

    // Reload: the timeline shows both (from the CRM, not from local state), again for one API request.
    // First let the panel's post-write refresh finish, so it is not counted against the reload.
    await settled();
    sb.resetRequestLog();
    // openDemoAccount navigates to the record (a full page load): a reload before it would be a
    // second open whose snapshot request the loader starts at once (decision 0019).
    await openDemoAccount();
    await settled();
    expect(sb.apiRequests()).toHaveLength(1);
    await page.locator('[data-collections-panel] [role="tab"]', { hasText: 'Timeline' }).click();
    const entries = await page.locator('[data-collections-panel]').getByRole('list', { name: 'Timeline, newest first' }).getByRole('listitem').allTextContents();
    expect(entries.some((e) => e.startsWith('Call') && e.includes('Promise to pay') && e.includes(notes))).toBe(true);
    expect(entries.some((e) => e.startsWith('Promise') && e.includes('₹25,000.00 by 27 Nov 2026') && e.includes('pending'))).toBe(true);
    expect(consoleErrors).toEqual([]);
  });

  it('falls back to the classic panel.iife.js when the ES-module core cannot be imported; its forms come as a second classic script', async () => {
    // A host directory with only the loader and the classic scripts (e.g. a CDN that serves module scripts without
    // CORS): the loader's import() fails and panel.iife.js takes over, then adds panel-forms.iife.js (decision 0018).
    const classicDir = await mkdtemp(join(tmpdir(), 'e2e-widget-classic-'));
    for (const file of ['loader.js', 'panel.iife.js', 'panel-forms.iife.js']) {
      await copyFile(join(widgetDir, file), join(classicDir, file));
    }
    const classic = await startSandbox({ seed: 42, accounts: 12, widgetDir: classicDir, connectorDir });
    const classicContext = await browser.newContext({ timezoneId: 'Asia/Kolkata' });
    try {
      const classicPage = await classicContext.newPage();
      await classicPage.clock.setFixedTime(NOON_IST);
      const panel = classicPage.locator('[data-collections-panel]');
      const open = async () => {
        await classicPage.goto(`${classic.url}/lightning/r/Account/${classic.demoAccountId}/view`);
        await expect.poll(() => complianceBadge(classicPage).count(), { timeout: 30_000 }).toBe(1);
        await settled(classicPage, classic);
      };
      await open();
      const paths = classic.requestLog().map((e) => e.path);
      expect(paths).toContain('/widget/panel.iife.js');
      expect(classic.apiRequests()).toHaveLength(1);
      expect(inrMinor((await panel.locator('dt', { hasText: /^Overdue$/ }).locator('xpath=following-sibling::dd').textContent()) ?? '')).toBe(
        minor(DEMO_ACCOUNT_FIGURES.overdueBalance),
      );
      // The forms script, from the panel's own directory, after the snapshot request (on idle).
      const formsAt = paths.indexOf('/widget/panel-forms.iife.js');
      expect(formsAt).toBeGreaterThan(paths.indexOf(classic.apiRequests()[0]?.path ?? ''));
      await panel.getByRole('button', { name: 'Log a call' }).click();
      await expect.poll(() => panel.getByRole('form', { name: 'Log a call' }).count()).toBe(1);

      // The forms script cannot be fetched: the panel says so in words, keeps the figures, and "Try again" loads it.
      await rename(join(classicDir, 'panel-forms.iife.js'), join(classicDir, 'panel-forms.iife.js.away'));
      await open();
      await panel.getByRole('button', { name: 'Log a call' }).click();
      const alert = panel.getByRole('alert');
      await expect.poll(() => alert.textContent(), { timeout: 15_000 }).toMatch(/This part of the panel could not be loaded\. Check your connection/);
      expect(await panel.getByRole('form', { name: 'Log a call' }).count()).toBe(0);
      await rename(join(classicDir, 'panel-forms.iife.js.away'), join(classicDir, 'panel-forms.iife.js'));
      await alert.getByRole('button', { name: 'Try again' }).click();
      await expect.poll(() => panel.getByRole('form', { name: 'Log a call' }).count(), { timeout: 15_000 }).toBe(1);
      expect(await panel.getByRole('alert').count()).toBe(0);
    } finally {
      await classicContext.close();
      await classic.stop();
      await rm(classicDir, { recursive: true, force: true });
    }
  });
});
