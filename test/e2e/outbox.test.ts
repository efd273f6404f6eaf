/**
 * Offline → online in Chromium: on the sandbox demo page (panel through loader.js, connector REST
 * port wrapped in the durable outbox, IndexedDB), a call logged while the browser is offline is
 * answered "queued", shown in the timeline as "queued — will be sent", and sent when the connection
 * is back: the sandbox ends with EXACTLY ONE Task for it, also after a reload.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshBundles, requireChromium, startSandbox, openDemoBrowser } from './support/index';
import type { StartedSandbox } from './support/index';

const NOTES = 'E2E offline call: logged in the lift';

let sb: StartedSandbox;
let browser: Browser;
let context: BrowserContext;
let page: Page;

const panel = () => page.locator('[data-collections-panel]');
const lastAction = () => panel().getByRole('status', { name: 'Last action' });
const tasksWithNotes = () => [...sb.sandbox.store.all('Task')].filter((t) => t.WhatId === sb.demoAccountId && String(t.Description ?? '').includes(NOTES));

beforeAll(async () => {
  requireChromium();
  sb = await startSandbox({ seed: 42, accounts: 12, ...freshBundles() });
  ({ browser, context, page } = await openDemoBrowser());
}, 180_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await sb?.stop();
});

describe('durable outbox in Chromium', () => {
  it('a call logged offline is queued, shown as "queued — will be sent", and written exactly once when back online', async () => {
    await page.goto(`${sb.url}/lightning/r/Account/${sb.demoAccountId}/view`);
    await page.waitForURL(`${sb.url}/lightning/r/Account/${sb.demoAccountId}/view`);
    await expect.poll(() => panel().locator('[role="region"][aria-label="Collections"] h2').textContent(), { timeout: 30_000 }).toBe('Jaipur Textiles Pvt Ltd');

    // The collector loses the connection after the page has settled (the forms chunk arrives on idle, issue 18).
    await page.waitForLoadState('networkidle');
    await context.setOffline(true);
    await panel().getByRole('button', { name: 'Log a call' }).click();
    const form = panel().getByRole('form', { name: 'Log a call' });
    await form.getByLabel('Outcome').selectOption('call_back_requested');
    await form.getByLabel('Notes').fill(NOTES);
    await form.getByRole('button', { name: 'Save call' }).click();
    await expect.poll(() => lastAction().textContent(), { timeout: 20_000 }).toMatch(/queued, will be sent/);
    expect(tasksWithNotes()).toHaveLength(0);
    await panel().getByRole('tab', { name: 'Timeline' }).click();
    await expect.poll(() => panel().getByRole('list', { name: 'Timeline, newest first' }).textContent(), { timeout: 10_000 }).toMatch(/queued — will be sent/);

    await context.setOffline(false);
    await expect.poll(() => tasksWithNotes().length, { timeout: 30_000 }).toBe(1);

    // Reloaded: the call is in the CRM's history, nothing queued, still exactly one Task.
    await page.reload();
    await expect.poll(() => panel().locator('[role="region"][aria-label="Collections"] h2').textContent(), { timeout: 30_000 }).toBe('Jaipur Textiles Pvt Ltd');
    await panel().getByRole('tab', { name: 'Timeline' }).click();
    await expect.poll(() => panel().getByRole('list', { name: 'Timeline, newest first' }).textContent(), { timeout: 10_000 }).toContain(NOTES);
    expect(await panel().getByRole('list', { name: 'Timeline, newest first' }).textContent()).not.toMatch(/queued — will be sent/);
    await page.waitForTimeout(500);
    expect(tasksWithNotes()).toHaveLength(1);
    expect(await page.evaluate(() => navigator.onLine)).toBe(true);
  }, 120_000);
});
