/**
 * The end-to-end check: the German SAP sample imported into a sandbox with the real
 * `collections import` (a child process over HTTP), then the demo account's page in headless Debian
 * Chromium shows the imported invoices and the aging including them.
 *
 * The sample's open INR items of the demo account (ERP customer 100001), as of the seed's reference
 * date 2026-11-20: INV-JT-2001 118,000.00 due 14.09 (67 days: 61–90), INV-JT-2002 236,000.00 due 02.10
 * (49: 31–60), INV-JT-2003 59,000.50 due 20.10 (31: 31–60), INV-JT-2004 82,600.00 due 09.11 (11: 1–30),
 * INV-JT-2005 47,200.00 due 01.12 (current); INV-JT-1990 is cleared (balance 0).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT_FIGURES } from '../../sandbox/seed/index';
import { freshBundles, requireChromium, startSandbox, openDemoBrowser } from './support/index';
import type { StartedSandbox } from './support/index';

const BIN = join(__dirname, '..', '..', 'bin', 'collections.mjs');
const SAMPLE = join(__dirname, '..', '..', 'sandbox', 'fixtures', 'erp', 'sap-fbl5n-de.csv');
const IMPORTED = { current: 47_200_00, d1_30: 82_600_00, d31_60: 236_000_00 + 59_000_50, d61_90: 118_000_00 };
const IMPORTED_OPEN = IMPORTED.current + IMPORTED.d1_30 + IMPORTED.d31_60 + IMPORTED.d61_90;

let sb: StartedSandbox;
let browser: Browser;
let context: BrowserContext;
let page: Page;

function inrMinor(text: string): number {
  const match = /₹\s?([\d,]+)\.(\d{2})/.exec(text);
  if (!match) {
    throw new Error(`not an INR amount: ${text}`);
  }
  return Number((match[1] as string).replace(/,/g, '')) * 100 + Number(match[2]);
}
const minor = (major: number): number => Math.round(major * 100);

function importSample(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'import', '--instance-url', sb.url, '--token', sb.token, '--file', SAMPLE, '--format', 'sap-fbl5n', '--quiet'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

async function figure(label: string): Promise<string> {
  const term = page.locator('[data-collections-panel] dt', { hasText: new RegExp(`^${label}$`) }).first();
  return (await term.locator('xpath=following-sibling::dd').textContent()) ?? '';
}

async function legend(): Promise<Record<string, number>> {
  const items = await page.locator('[data-collections-panel] ul.legend li').allTextContents();
  return Object.fromEntries(items.map((item) => [item.split(':')[0]?.trim() ?? '', inrMinor(item)]));
}

beforeAll(async () => {
  requireChromium();
  sb = await startSandbox({ seed: 42, accounts: 12, ...freshBundles() });
  ({ browser, context, page } = await openDemoBrowser());
}, 240_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await sb?.stop();
});

describe('ERP import, seen in the panel', () => {
  it('imports the SAP sample, then the demo account page shows the imported invoices and their aging', async () => {
    const imported = await importSample();
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout.trimEnd().split('\n').at(-1)).toBe('Rows read 14, created 14, updated 0, closed 0, rejected 0 (unchanged 0)');

    await page.goto(`${sb.url}/lightning/r/Account/${sb.demoAccountId}/view`);
    await page.waitForURL(`${sb.url}/lightning/r/Account/${sb.demoAccountId}/view`);
    await expect.poll(() => page.locator('[data-collections-panel] [role="region"][aria-label="Collections"] h2').textContent(), { timeout: 30_000 }).toBe('Jaipur Textiles Pvt Ltd');

    const f = DEMO_ACCOUNT_FIGURES;
    expect(inrMinor(await figure('Total due'))).toBe(minor(f.openBalance) + IMPORTED_OPEN);
    expect(inrMinor(await figure('Overdue'))).toBe(minor(f.overdueBalance) + IMPORTED_OPEN - IMPORTED.current);
    expect(await legend()).toMatchObject({
      Current: minor(f.buckets.current) + IMPORTED.current,
      '1–30': minor(f.buckets.d1_30) + IMPORTED.d1_30,
      '31–60': minor(f.buckets.d31_60) + IMPORTED.d31_60,
      '61–90': minor(f.buckets.d61_90) + IMPORTED.d61_90,
    });
    const invoiceNumbers = await page.locator('[data-collections-panel] table tbody th[scope="row"]').allTextContents();
    expect(invoiceNumbers).toEqual(expect.arrayContaining(['INV-JT-2001', 'INV-JT-2002', 'INV-JT-2003', 'INV-JT-2004', 'INV-JT-2005']));
  }, 120_000);
});
