/**
 * The page every sandbox demo test drives: Debian Chromium, one context in the demo collector's zone and
 * locale (Asia/Kolkata, en-IN), the browser clock fixed at 12:00 IST on the seed's reference date (inside the
 * RBI 08:00-19:00 calling window), and the page's errors collected from the first navigation on.
 */
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { launchChromium } from './chromium';
import { TEST_REFERENCE_DATE } from './sandbox';

/** 12:00 in Asia/Kolkata on the seed's reference date. */
export const NOON_IST = new Date(`${TEST_REFERENCE_DATE}T06:30:00Z`);

export interface DemoBrowser {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions in the page. */
  pageErrors: string[];
  /** Console errors and uncaught exceptions, in the order they happened. */
  consoleErrors: string[];
}

/** Launches the browser and opens the demo page's context; `contextOptions` add to (or override) the zone and locale. */
export async function openDemoBrowser(contextOptions: BrowserContextOptions = {}): Promise<DemoBrowser> {
  const browser = await launchChromium();
  const context = await browser.newContext({ timezoneId: 'Asia/Kolkata', locale: 'en-IN', ...contextOptions });
  const page = await context.newPage();
  await page.clock.setFixedTime(NOON_IST);
  const pageErrors: string[] = [];
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') {
      consoleErrors.push(message.text());
    }
  });
  page.on('pageerror', (error) => {
    pageErrors.push(String(error));
    consoleErrors.push(String(error));
  });
  return { browser, context, page, pageErrors, consoleErrors };
}
