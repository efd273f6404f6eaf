/**
 * Panel benchmark (not a test; issue 18): Debian Chromium (playwright-core) opens the sandbox demo
 * page with the built panel (dist/widget, dist/connector; `npm run build` first) for a normal
 * account and a big one (600 invoices, 1,000 activities over 20 contacts, added through the REST
 * API), and reports time-to-balance (navigation start → the fresh "Total due" shown) and main-thread
 * long tasks (PerformanceObserver 'longtask', > 50 ms) as the median of several warm loads. One JSON
 * line on stdout. Figures are in README.md and widget/README.md.
 *
 *   npm run bench:panel [-- --runs 5] [--widget-dir dist/widget --connector-dir dist/connector]
 *
 * Every wait is bounded (`--timeout-ms` per load).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import type { TraceEvent } from './trace-summary';
import { createSandbox } from '../sandbox/server';
import { DEMO_ACCOUNT_NAME } from '../sandbox/seed/index';
import { launchChromium } from '../test/e2e/support/chromium';
import { summariseTrace } from './trace-summary';

const REFERENCE_DATE = '2026-11-20';
const API = '/services/data/v66.0';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    'widget-dir': { type: 'string', default: 'dist/widget' },
    'connector-dir': { type: 'string', default: 'dist/connector' },
    invoices: { type: 'string', default: '600' },
    contacts: { type: 'string', default: '20' },
    'activities-per-contact': { type: 'string', default: '50' },
    'timeout-ms': { type: 'string', default: '60000' },
    // One more warm open of the big account under Chromium's tracing (timeline + CPU profile): the
    // trace goes to this file (open it in DevTools → Performance) and its biggest tasks to stderr.
    trace: { type: 'string' },
  },
});
const runs = Number(values.runs);
const timeoutMs = Number(values['timeout-ms']);
const widgetDir = values['widget-dir'];
const connectorDir = values['connector-dir'];
for (const file of [join(widgetDir, 'loader.js'), join(connectorDir, 'collections-connector.iife.js')]) {
  if (!existsSync(file)) {
    console.error(`bench:panel: ${file} is missing; run npm run build first`);
    process.exit(2);
  }
}

const median = (xs: readonly number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length === 0 ? Number.NaN : sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};
const round = (n: number): number => Math.round(n);

const sandbox = await createSandbox({ port: 0, dataFile: null, reset: true, seed: { seed: 42, accounts: 20, referenceDate: REFERENCE_DATE }, today: REFERENCE_DATE, widgetDir, connectorDir });

async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${sandbox.url}${API}${path}`, {
    method,
    headers: { Authorization: `Bearer ${sandbox.token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 500)}`);
  }
  return JSON.parse(text) as T;
}

/** sObject Collections, 200 records a request; every record must be created. */
async function createAll(records: Record<string, unknown>[]): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < records.length; i += 200) {
    const results = await api<Array<{ id: string | null; success: boolean; errors: unknown[] }>>('POST', '/composite/sobjects', { allOrNone: true, records: records.slice(i, i + 200) });
    const failed = results.find((r) => !r.success);
    if (failed) {
      throw new Error(`seeding the big account failed: ${JSON.stringify(failed.errors)}`);
    }
    ids.push(...results.map((r) => r.id as string));
  }
  return ids;
}

const isoDay = (offset: number): string => new Date(Date.parse(`${REFERENCE_DATE}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);

/** The big account: 600 invoices over two years, 20 contacts with 50 logged calls and e-mails each over 180 days. */
async function seedBigAccount(): Promise<string> {
  const [accountId] = await createAll([
    {
      attributes: { type: 'Account' }, Name: 'Big Account Benchmark Corp', CurrencyIsoCode: 'USD', Collections_Currency__c: 'USD',
      Collections_Time_Zone__c: 'America/Chicago', Compliance_Profile__c: 'b2b-default', Customer_Segment__c: 'B2B', BillingCity: 'Chicago', BillingCountry: 'United States',
    },
  ]);
  const invoices = Number(values.invoices);
  await createAll(Array.from({ length: invoices }, (_, i) => {
    const issued = -720 + Math.floor((i * 720) / invoices);
    const total = 1_000 + ((i * 7919) % 50_000);
    const paid = i % 3 === 0;
    return {
      attributes: { type: 'Collections_Invoice__c' }, Account__c: accountId, Invoice_Number__c: `BIG-${String(i + 1).padStart(5, '0')}`,
      Invoice_Date__c: isoDay(issued), Due_Date__c: isoDay(issued + 30), Total_Amount__c: total, Balance__c: paid ? 0 : total,
      Currency_Code__c: 'USD', Status__c: paid ? 'Paid' : 'Open', External_Id__c: `ERP-BIG-${i + 1}`,
    };
  }));
  const contactIds = await createAll(Array.from({ length: Number(values.contacts) }, (_, i) => ({
    attributes: { type: 'Contact' }, AccountId: accountId, FirstName: `Payables ${i + 1}`, LastName: 'Bench', CurrencyIsoCode: 'USD',
    Collections_Time_Zone__c: 'America/Chicago', Email: `ap${i + 1}@big.example`, Phone: '+13125550100',
  })));
  const perContact = Number(values['activities-per-contact']);
  await createAll(contactIds.flatMap((contactId, c) => Array.from({ length: perContact }, (_, i) => {
    const call = (i + c) % 2 === 0;
    return {
      attributes: { type: 'Task' }, WhatId: accountId, WhoId: contactId, Subject: call ? 'Call' : 'Payment reminder', TaskSubtype: call ? 'Call' : 'Email',
      Status: 'Completed', ActivityDate: isoDay(-Math.floor((i * 170) / perContact) - 1), Occurred_At__c: `${isoDay(-Math.floor((i * 170) / perContact) - 1)}T15:00:00.000Z`, ...(call ? { CallType: 'Outbound', CallDurationInSeconds: 60 } : {}),
      Collections_Channel__c: call ? 'Call' : 'Email', Description: `Benchmark activity ${c}-${i}`,
    };
  })));
  return accountId as string;
}

const demo = [...sandbox.store.all('Account')].find((a) => a.Name === DEMO_ACCOUNT_NAME);
const normalId = String(demo?.Id ?? '');
const bigId = await seedBigAccount();

// Long tasks from the very start of each document (buffered), read after the panel settles.
const INIT = `(() => {
  window.__longTasks = [];
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push(Math.round(e.duration)); }).observe({ type: 'longtask', buffered: true });
  } catch (_) {}
})();`;

/** Time from navigation start until the panel shows the fresh (not saved-copy) total due. */
async function openOnce(page: Page, accountId: string): Promise<{ timeToBalanceMs: number; longTasksMs: number[] }> {
  await page.goto(`${sandbox.url}/lightning/r/Account/${accountId}/view`, { timeout: timeoutMs });
  const handle = await page.waitForFunction(() => {
    const host = document.querySelector('.panel-host');
    const region = host?.shadowRoot?.querySelector('[role="region"][aria-label="Collections"]');
    if (!region || region.getAttribute('aria-busy') === 'true') {
      return null;
    }
    const total = [...region.querySelectorAll('dt')].some((dt) => dt.textContent?.startsWith('Total due'));
    return total ? performance.now() : null;
  }, undefined, { polling: 'raf', timeout: timeoutMs });
  const timeToBalanceMs = (await handle.jsonValue()) as number;
  // Let the work that follows the first paint (effects, saving the copy) finish.
  await page.waitForTimeout(1_000);
  const longTasksMs = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks.slice());
  return { timeToBalanceMs, longTasksMs };
}

interface Figures {
  timeToBalanceMs: number;
  longTaskMaxMs: number;
  longTaskMaxWorstMs: number;
  longTasks: number;
  activitiesSent: number;
  invoicesSent: number;
}

async function measure(page: Page, accountId: string): Promise<Figures> {
  await openOnce(page, accountId); // cold: HTTP cache, JIT, saved copy
  const samples = [];
  for (let i = 0; i < runs; i++) {
    samples.push(await openOnce(page, accountId));
  }
  const sent = await page.evaluate((id) => {
    const raw = localStorage.getItem(`collections-panel:snapshot:${id}`);
    const saved = raw ? (JSON.parse(raw) as { snapshot?: { activities?: unknown[]; invoices?: unknown[] } }) : null;
    return { activities: saved?.snapshot?.activities?.length ?? -1, invoices: saved?.snapshot?.invoices?.length ?? -1 };
  }, accountId);
  const maxes = samples.map((s) => Math.max(0, ...s.longTasksMs));
  return {
    timeToBalanceMs: round(median(samples.map((s) => s.timeToBalanceMs))),
    longTaskMaxMs: round(median(maxes)),
    longTaskMaxWorstMs: Math.max(...maxes),
    longTasks: median(samples.map((s) => s.longTasksMs.length)),
    activitiesSent: sent.activities,
    invoicesSent: sent.invoices,
  };
}

const browser = await launchChromium();
try {
  const context = await browser.newContext();
  await context.addInitScript(INIT);
  const page = await context.newPage();
  // Sign in once (OAuth code + PKCE on the demo page); the session stays in this tab.
  await page.goto(`${sandbox.url}/lightning/r/Account/${normalId}/view`, { timeout: timeoutMs });
  await page.waitForFunction(() => sessionStorage.getItem('collectionsSandbox.accessToken') !== null, undefined, { timeout: timeoutMs });
  const normal = await measure(page, normalId);
  const big = await measure(page, bigId);
  if (values.trace) {
    await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'disabled-by-default-v8.cpu_profiler'] });
    await openOnce(page, bigId);
    const trace = await browser.stopTracing();
    writeFileSync(values.trace, trace);
    console.error(summariseTrace(JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }));
  }
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch (_error) {
    // not a checkout
  }
  console.log(JSON.stringify({ bench: 'panel', commit, chromium: browser.version(), runs, widgetDir, normal, big: { ...big, invoices: Number(values.invoices), activities: Number(values.contacts) * Number(values['activities-per-contact']) } }));
} finally {
  await browser.close();
  await sandbox.close();
}
