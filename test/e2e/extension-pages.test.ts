/**
 * The extension's worklist and reports pages end to end (decision 0023): opened from the dock on a
 * Lightning-like page; the service worker reads through the sandbox answering acme.my.salesforce.com;
 * worklist rows link to the org's Lightning record pages and re-score from the panel's snapshots (a call
 * logged on a record page changes its row without a list read); the reports page shows the report pass;
 * "Disputes waiting for me" lists a collector's dispute for its sales owner signed in (issue 19).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExtension } from '../../extension/build.mjs';
import type { Sandbox } from '../../sandbox/server';
import { DEMO_PASSWORD } from '../../sandbox/auth';
import { createFetchClient, createSalesforcePort } from '../../connector/salesforce';
import { forwardToSandbox, launchChromiumWithExtension, startSandbox } from './support';
import type { ExtensionBrowser, StartedSandbox } from './support';

const LIGHTNING = 'https://acme.lightning.force.com';
const API_HOST = 'acme.my.salesforce.com';
const lightningPage = '<!doctype html><html><head><meta charset="utf-8"><title>Lightning Experience</title></head><body><main>Record page</main></body></html>';

let started: StartedSandbox;
let sandbox: Sandbox;
let browser: ExtensionBrowser;
let context: BrowserContext;
let page: Page;
let extensionDir: string;

/** Clicks a dock header button and returns the extension page it opens. */
async function openFromDock(name: string): Promise<Page> {
  const host = page.locator('collections-panel-dock');
  if (await host.locator('.panel').isHidden()) {
    await host.locator('.tab').click();
  }
  const opened = context.waitForEvent('page');
  await host.getByRole('button', { name }).click();
  const next = await opened;
  await next.waitForLoadState();
  return next;
}

beforeAll(async () => {
  started = await startSandbox({ inMemory: true });
  sandbox = started.sandbox;
  extensionDir = join(mkdtempSync(join(tmpdir(), 'cp-ext-pages-')), 'out');
  const built = await buildExtension({ outDir: extensionDir, devOrigins: ['http://127.0.0.1:*'], zip: false, quiet: true, shadowMode: 'open' });
  browser = await launchChromiumWithExtension(built.chromeDir);
  context = browser.context;
  await context.route(`https://${API_HOST}/**`, (route) => forwardToSandbox(route, sandbox.url));
  await context.route(`${LIGHTNING}/**`, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: lightningPage }));
  await context.addCookies([{ name: 'sid', value: sandbox.token, domain: API_HOST, path: '/', secure: true, httpOnly: true, sameSite: 'None' }]);
  page = await context.newPage();
  await page.goto(`${LIGHTNING}/lightning/r/Account/${started.demoAccountId}/view`);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await started?.stop();
  rmSync(join(extensionDir, '..'), { recursive: true, force: true });
});

describe('extension pages', () => {
  it("the dock's worklist page lists the collector's accounts, each linking to its Lightning record page", async () => {
    const worklist = await openFromDock('My worklist');
    expect(worklist.url()).toMatch(/^chrome-extension:\/\/[a-z]+\/worklist\.html\?org=/);
    const rows = worklist.getByTestId('worklist-row');
    await rows.first().waitFor({ timeout: 60_000 });
    expect(await rows.count()).toBeGreaterThanOrEqual(5);
    const href = await rows.first().locator('a[data-account-id]').getAttribute('href');
    expect(href).toMatch(new RegExp(`^${LIGHTNING.replace(/\./g, '\\.')}/lightning/r/Account/\\w{15,18}/view$`));
    await worklist.close();
  }, 120_000);

  it("a call logged in the panel re-scores that account's row on the open worklist page, without another worklist read", async () => {
    const worklist = await openFromDock('My worklist');
    const rows = worklist.getByTestId('worklist-row');
    await rows.first().waitFor({ timeout: 60_000 });
    // From here on, note every message the worklist page sends the worker (a new list would be a 'worklist-read').
    await worklist.evaluate(() => {
      const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage(message: { kind?: string }): Promise<unknown> } } }).chrome.runtime;
      const sent: (string | undefined)[] = [];
      (globalThis as unknown as { __sent: typeof sent }).__sent = sent;
      const original = runtime.sendMessage.bind(runtime);
      runtime.sendMessage = (message) => {
        sent.push(message.kind);
        return original(message);
      };
    });
    // An account not contacted today, so the logged call visibly changes its "last contact".
    const listed = await rows.evaluateAll((trs) => trs.map((tr) => ({ id: tr.getAttribute('data-account-id') ?? '', last: tr.querySelectorAll('td')[5]?.textContent ?? '' })));
    const target = listed.find((row) => row.last !== 'today');
    expect(target, 'an account not contacted today').toBeDefined();
    const row = worklist.locator(`[data-testid="worklist-row"][data-account-id="${target!.id}"]`);
    const before = await row.textContent();

    await page.goto(`${LIGHTNING}/lightning/r/Account/${target!.id}/view`);
    const host = page.locator('collections-panel-dock');
    await host.locator('.tab').click();
    await host.getByRole('button', { name: 'Log a call' }).click();
    // Inbound: an outbound call could be blocked by the account's calling hours when the test runs.
    await host.locator('#call-direction').selectOption('inbound');
    await host.locator('#call-disposition').selectOption('reached');
    await host.locator('#call-notes').fill('E2E: re-scored on the extension worklist page');
    await host.getByRole('button', { name: 'Save call' }).click();

    await expect.poll(() => row.locator('td').nth(5).textContent(), { timeout: 30_000 }).toBe('today');
    expect(await row.getAttribute('data-rescored')).toBe('true');
    expect(await row.textContent()).not.toBe(before);
    expect(await worklist.locator('[data-testid="worklist-status"]').textContent()).toMatch(/updated from the panel since/);
    expect(await worklist.evaluate(() => (globalThis as unknown as { __sent: unknown[] }).__sent)).toEqual([]);
    await worklist.close();
  }, 120_000);

  it("the dock's reports page shows the worker's report pass", async () => {
    const reports = await openFromDock('Reports');
    expect(reports.url()).toMatch(/\/reports\.html\?org=/);
    await reports.getByRole('table').first().waitFor({ timeout: 60_000 });
    expect(await reports.locator('#status').textContent()).toBe('');
    await reports.close();
  }, 120_000);

  it("the dock's disputes page lists a collector's dispute for its sales owner signed in, and takes the answer", async () => {
    // The collector raises a dispute on the demo account (as the panel's form does, with the dev token).
    const client = createFetchClient({ instanceUrl: sandbox.url, getAccessToken: () => sandbox.token });
    const invoice = (await client.query<{ Id: string; Currency_Code__c: string }>(`SELECT Id, Currency_Code__c FROM Collections_Invoice__c WHERE Account__c = '${started.demoAccountId}' AND Balance__c > 10 LIMIT 1`)).records[0]!;
    const port = createSalesforcePort({ instanceUrl: sandbox.url, getAccessToken: () => sandbox.token, outbox: false });
    const raised = await port.raiseDispute({
      idempotencyKey: 'e2e-ext-disputes-1', accountId: started.demoAccountId, contactId: null, reason: 'quantity',
      lines: [{ invoiceId: invoice.Id, amount: { amountMinor: 5_00, currency: invoice.Currency_Code__c } }], evidence: 'Short delivery on the last lot.', slaDueDate: '2026-12-31',
    });
    // The account's sales owner signs in to the org in this browser (a SOAP login session as the sid cookie).
    const login = await fetch(`${sandbox.url}/services/Soap/u/62.0`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/xml', SOAPAction: 'login' },
      body: `<?xml version="1.0"?><env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/" xmlns:n="urn:partner.soap.sforce.com"><env:Body><n:login><n:username>sales.in@sandbox.example</n:username><n:password>${DEMO_PASSWORD}</n:password></n:login></env:Body></env:Envelope>`,
    });
    const ownerSession = /<sessionId>([^<]+)<\/sessionId>/.exec(await login.text())?.[1];
    expect(ownerSession).toBeTruthy();
    await context.addCookies([{ name: 'sid', value: ownerSession!, domain: API_HOST, path: '/', secure: true, httpOnly: true, sameSite: 'None' }]);
    try {
      const disputes = await openFromDock('My disputes');
      expect(disputes.url()).toMatch(/\/disputes\.html\?org=/);
      const card = disputes.locator(`#disputes [data-dispute-id="${raised.id}"]`);
      await card.waitFor({ timeout: 60_000 });
      expect(await card.textContent()).toContain('Short delivery on the last lot.');
      await card.getByLabel('Reject').check();
      await card.locator('textarea[name="note"]').fill('Delivered in full; signed delivery note attached.');
      await card.getByRole('button', { name: 'Send answer' }).click();
      await expect.poll(async () => (await card.textContent()) ?? '', { timeout: 30_000 }).toContain('Answered: rejected');
      await disputes.close();
    } finally {
      await context.addCookies([{ name: 'sid', value: sandbox.token, domain: API_HOST, path: '/', secure: true, httpOnly: true, sameSite: 'None' }]);
    }
  }, 120_000);
});
