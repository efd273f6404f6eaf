/**
 * The worklist ("My day") on the sandbox demo page, in headless Chromium, on the default demo seed
 * (100 accounts, the demo collector's book of 64): the widget's second entry (worklist.js) and the
 * connector's portfolio reader (collections-portfolio.iife.js), both built fresh into temp dirs.
 *
 * - /lightning/n/Collections_Worklist opens the demo collector's list for ≤ 10 API requests;
 * - its order is the domain's ranking (rankPortfolio on the same records, computed here);
 * - with the keyboard only: Tab into the list, j/k move, Enter opens the top account with its panel;
 * - axe-core finds no violations in the worklist.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PortfolioBook, computeFacts, rankPortfolio } from '../../connector/domain';
import { createPortfolioReader } from '../../connector/salesforce/portfolio/page';
import { DEFAULT_SEED_ACCOUNTS } from '../../sandbox/seed/index';
import { freshBundles, requireChromium, settleCount, startSandbox, focusedLabelOf, NOON_IST, openDemoBrowser } from './support/index';
import type { StartedSandbox } from './support/index';

const WORKLIST = '/lightning/n/Collections_Worklist';

let sb: StartedSandbox;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let consoleErrors: string[] = [];

let rowIdsKept: Promise<(string | null)[]> = Promise.resolve([]);
/** Chromium lays out <input type="date"> by its UI language (en-US: mm/dd/yyyy); the promise is a week after the reference date. */
const PROMISE_DATE_KEYS = '11272026';

/** Press Tab until the deeply focused element's tag|label matches (a keyboard user). */
async function tabTo(pattern: RegExp, max = 80, key = 'Tab'): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    if (pattern.test(await focusedLabel())) {
      return;
    }
  }
  throw new Error(`Tab never reached ${pattern} (last: ${await focusedLabel()})`);
}

const focusedLabel = (): Promise<string> => focusedLabelOf(page);

const rowIds = () => page.locator('#worklist-slot [data-testid="worklist-row"]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-account-id')));

/** The deeply focused element (through shadow roots): its tag and account id or text. */
function focused(): Promise<string> {
  return page.evaluate(() => {
    let active: Element | null = document.activeElement;
    while (active?.shadowRoot?.activeElement) {
      active = active.shadowRoot.activeElement;
    }
    return active ? `${active.tagName.toLowerCase()}|${active.getAttribute('data-account-id') ?? active.textContent?.trim() ?? ''}` : '';
  });
}

/** The domain's ranking of the demo collector's accounts, from the same records over the same REST reader. */
async function domainOrder(collectorId: string): Promise<string[]> {
  const reader = createPortfolioReader({ instanceUrl: sb.url, getAccessToken: () => sb.token, now: () => NOON_IST });
  const currencies = await reader.readCurrencies();
  const book = new PortfolioBook();
  for await (const page of reader.source.read({ scope: { kind: 'collectors', collectorIds: [collectorId] }, mode: 'rest' })) {
    for (const record of page) {
      if (record.kind === 'account') {
        book.addAccount(record.account);
      } else if (record.kind === 'invoice') {
        book.addInvoice(record.accountId, record.invoice);
      } else if (record.kind === 'payment') {
        book.addPayment(record.accountId, record.payment);
      } else if (record.kind === 'credit') {
        book.addCredit(record.accountId, record.credit);
      } else if (record.kind === 'promise') {
        book.addPromise(record.accountId, record.promise);
      } else if (record.kind === 'plan') {
        book.addPlan(record.accountId, record.plan);
      } else if (record.kind === 'dispute') {
        book.addDispute(record.accountId, record.dispute);
      } else if (record.kind === 'activity') {
        book.addActivity(record.accountId, record.activity);
      } else if (record.kind === 'followUp') {
        book.addFollowUp(record.accountId, { id: record.followUp.id, dueDate: record.followUp.dueDate, open: true });
      }
    }
  }
  const facts = computeFacts(book, { asOf: NOON_IST.toISOString(), reportingCurrency: currencies.corporateCurrency ?? 'USD', rates: currencies.rates });
  return rankPortfolio(facts, { limit: 10_000 }).rows.map((row) => row.accountId);
}

beforeAll(async () => {
  requireChromium();
  sb = await startSandbox({ seed: 42, accounts: DEFAULT_SEED_ACCOUNTS, ...freshBundles() });
  ({ browser, context, page, consoleErrors } = await openDemoBrowser());
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await sb?.stop();
});

describe('worklist on the sandbox demo page', () => {
  it("opens the demo collector's list for at most 10 API requests, in the domain's order", async () => {
    sb.resetRequestLog();
    await page.goto(`${sb.url}${WORKLIST}`);
    // First visit signs in (OAuth code + PKCE) and comes back to the worklist.
    await page.waitForURL(`${sb.url}${WORKLIST}`);
    await expect.poll(() => page.locator('#worklist-slot [data-testid="worklist-row"]').count(), { timeout: 30_000 }).toBe(30);
    await page.waitForLoadState('networkidle');
    const requests = await settleCount(() => sb.apiRequests().length, { what: 'sandbox API requests' });
    expect(requests).toBeLessThanOrEqual(10);
    console.info(`[worklist e2e] opened with ${requests} API requests: ${sb.apiRequests().map((entry) => `${entry.method} ${entry.path}`).join(', ')}`);

    const collectorId = await page.evaluate(() => (JSON.parse(document.getElementById('demo-config')?.textContent ?? '{}') as { userId: string }).userId);
    const order = await domainOrder(collectorId);
    expect(order.length).toBeGreaterThanOrEqual(50);
    expect(await rowIds()).toEqual(order.slice(0, 30));
    await expect.poll(() => page.locator('#worklist-slot [data-testid="worklist-status"]').textContent()).toMatch(new RegExp(`^${order.length} accounts to work`));
    expect(consoleErrors).toEqual([]);
  });

  it('has no axe violations in the worklist', async () => {
    // The demo page's CSP (script-src 'self') refuses an injected <script>; evaluate the source instead.
    await page.evaluate(readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'));
    const { violations, passes } = await page.evaluate(async () => {
      type AxeResult = { violations: { id: string; nodes: { html: string }[] }[]; passes: unknown[] };
      const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<AxeResult> } }).axe;
      const result = await axe.run({ include: [{ fromShadowDom: ['#worklist-slot', '.worklist'] }] }, {});
      return { violations: result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`), passes: result.passes.length };
    });
    expect(violations).toEqual([]);
    expect(passes).toBeGreaterThan(0);
  });

  it('works with the keyboard only: the top row has focus on opening, j/k and arrows move, Enter opens the top account with its panel', async () => {
    const ids = await rowIds();
    rowIdsKept = Promise.resolve(ids);
    const top = ids[0] as string;
    // Opening the worklist put the focus on its top row (nothing else had it).
    expect(await focused()).toBe(`a|${top}`);
    // Tab leaves the list in one step (roving tabindex: one stop for the rows), Shift+Tab comes back.
    await page.keyboard.press('Tab');
    expect(await focused()).not.toMatch(/^a\|001/);
    await page.keyboard.press('Shift+Tab');
    expect(await focused()).toBe(`a|${top}`);
    await page.keyboard.press('j');
    expect(await focused()).toBe(`a|${ids[1]}`);
    await page.keyboard.press('ArrowDown');
    expect(await focused()).toBe(`a|${ids[2]}`);
    await page.keyboard.press('k');
    await page.keyboard.press('ArrowUp');
    expect(await focused()).toBe(`a|${top}`);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${sb.url}/lightning/r/Account/${top}/view`);
    const name = await page.locator('#record-name').textContent();
    await expect.poll(() => page.locator('[data-collections-panel] [role="region"][aria-label="Collections"] h2').textContent(), { timeout: 30_000 }).toBe(name);
    expect(consoleErrors).toEqual([]);
  });

  it('logging a promise-to-pay call in the panel and coming back re-ranks that row without another list read, keyboard only', async () => {
    const ids = await rowIdsKept;
    const top = ids[0] as string;
    await tabTo(/^button\|Log a call$/, 250);
    await page.keyboard.press('Enter');
    // The forms load after paint: a press before they arrive shows "Loading…", then the form, focused on a field.
    await page.locator('[data-collections-panel] #call-direction').waitFor({ state: 'attached', timeout: 20_000 });
    await expect.poll(() => focusedLabel(), { timeout: 20_000 }).toMatch(/^(select|input|textarea)\|/);
    // The top account may be outside calling hours (an outbound call is then blocked): the customer called in.
    // The form opens on Outcome; Direction is above it.
    for (let i = 0; i < 10 && !/^select\|Direction/.test(await focusedLabel()); i++) {
      await page.keyboard.press('Shift+Tab');
    }
    expect(await focusedLabel()).toMatch(/^select\|Direction/);
    await page.keyboard.type('Inbound');
    await expect.poll(() => page.locator('[data-collections-panel] #call-direction').inputValue()).toBe('inbound');
    await tabTo(/^select\|Outcome/);
    await page.keyboard.type('Promise');
    await tabTo(/^input\|Amount/);
    await page.keyboard.type('100');
    await page.keyboard.press('Tab');
    await page.keyboard.type(PROMISE_DATE_KEYS);
    await tabTo(/^button\|Save call$/);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('[data-collections-panel]').getByRole('status', { name: 'Last action' }).textContent(), { timeout: 20_000 })
      .toMatch(/Call logged: Promise to pay; promise of .+ saved/);
    await page.waitForLoadState('networkidle');
    await settleCount(() => sb.apiRequests().length, { what: 'sandbox API requests' });

    sb.resetRequestLog();
    // Back to the worklist through the page's navigation ("Worklist"), keyboard only.
    await tabTo(/^a\|Worklist$/, 400, 'Shift+Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${sb.url}${WORKLIST}`);
    await expect.poll(() => page.locator(`#worklist-slot [data-testid="worklist-row"][data-account-id="${top}"]`).count(), { timeout: 10_000 }).toBeLessThanOrEqual(1);
    await page.waitForLoadState('networkidle');
    expect(await settleCount(() => sb.apiRequests().length, { what: 'sandbox API requests' })).toBe(0);
    // The promise in force suppresses the account's priority: it is no longer first, and it is marked updated.
    const after = await rowIds();
    expect(after[0]).not.toBe(top);
    // The other rows keep their order (only that account was re-scored).
    expect(after.filter((id) => id !== top).slice(0, 29)).toEqual(ids.filter((id) => id !== top).slice(0, 29));
    await expect.poll(() => page.locator('#worklist-slot [data-testid="worklist-status"]').textContent()).toMatch(/1 updated from the panel since/);
    expect(consoleErrors).toEqual([]);
  });
});
