/**
 * Sales in the loop (issue 19) on the sandbox demo page, in headless Chromium:
 * - a collector's dispute (raised with the account panel's Dispute form) is in the
 *   sales owner's "Disputes waiting for me" (/lightning/n/Collections_Disputes) after signing in as
 *   them from the demo's "Signed in as" menu, and is answered with a partial credit-note request;
 * - signed in as the collector again, the answer is in the account panel's timeline and the worklist;
 * - a dispute past its SLA, after the sweep (`collections escalate`'s function), shows "Escalated" to
 *   the owner's manager signed in as her, and she has the task.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DISPUTE_SLA_POLICY } from '../../connector/domain/strategy/dispute-sla';
import { createFetchClient } from '../../connector/salesforce';
import { presetMapping } from '../../connector/salesforce/mapping/presets';
import { sweepDisputeSla } from '../../connector/salesforce/disputes/sweep';
import { DEMO_ACCOUNT_ID } from '../../sandbox/seed/index';
import { freshBundles, requireChromium, startSandbox, NOON_IST, openDemoBrowser } from './support/index';
import type { StartedSandbox } from './support/index';

const DISPUTES = '/lightning/n/Collections_Disputes';

let sb: StartedSandbox;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let pageErrors: string[] = [];

async function signInAs(username: string): Promise<void> {
  await page.locator('#sign-in-as').selectOption(username);
  await page.waitForURL((url) => !url.pathname.startsWith('/__demo/oauth') && !url.pathname.startsWith('/services/oauth2'));
  await expect.poll(() => page.locator('#sign-in-as').inputValue(), { timeout: 15_000 }).toBe(username);
}

beforeAll(async () => {
  requireChromium();
  sb = await startSandbox({ seed: 42, accounts: 12, ...freshBundles() });
  ({ browser, context, page, pageErrors } = await openDemoBrowser());
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await sb?.stop();
});

describe('disputes: sales in the loop', () => {
  it('goes collector → sales owner (credit note) → collector (timeline), and escalates past the SLA to the manager', async () => {
    const client = createFetchClient({ instanceUrl: sb.url, getAccessToken: () => sb.token });
    const disputeIds = async (): Promise<string[]> =>
      (await client.query<{ Id: string }>(`SELECT Id FROM Case WHERE AccountId = '${DEMO_ACCOUNT_ID}' AND Type = 'Dispute'`)).records.map((r) => r.Id);
    const before = new Set(await disputeIds());

    // The collector raises the dispute with the panel's Dispute form, on the account page.
    await page.goto(`${sb.url}/lightning/r/Account/${DEMO_ACCOUNT_ID}/view`);
    await page.waitForSelector('#sign-in-as');
    if ((await page.locator('#sign-in-as').inputValue()) !== 'collector@sandbox.example') {
      await signInAs('collector@sandbox.example');
    }
    const panel = page.locator('[data-collections-panel]');
    await panel.getByRole('button', { name: 'Dispute', exact: true }).click({ timeout: 20_000 });
    const form = panel.getByRole('form', { name: 'Raise a dispute' });
    await form.waitFor({ timeout: 20_000 });
    await form.getByLabel('Reason').selectOption('quantity');
    await form.getByRole('checkbox', { name: /INV-JT-1004/ }).check();
    await form.getByLabel('Disputed amount on INV-JT-1004').fill('8000');
    await form.getByLabel('Evidence / what the customer says').fill('Customer counted 40 m short.');
    await form.getByRole('button', { name: 'Send to sales owner' }).click();
    await expect.poll(async () => (await panel.textContent()) ?? '', { timeout: 15_000 }).toMatch(/Dispute sent to .+, answer due/);
    const raisedIds = (await disputeIds()).filter((id) => !before.has(id));
    expect(raisedIds).toHaveLength(1);
    const raised = { id: raisedIds[0]! };

    // The sales owner signs in and answers.
    await page.goto(`${sb.url}${DISPUTES}`);
    await page.waitForSelector('#sign-in-as');
    await signInAs('sales.in@sandbox.example');
    const card = page.locator(`#disputes-slot [data-dispute-id="${raised.id}"]`);
    await card.waitFor({ timeout: 20_000 });
    expect(await card.textContent()).toContain('Customer counted 40 m short.');
    await card.locator('input[name="creditNote"]').fill('5000');
    await card.locator('textarea[name="note"]').fill('Credit 25 m; the rest was delivered.');
    await card.getByRole('button', { name: 'Send answer' }).click();
    await expect.poll(async () => (await card.textContent()) ?? '', { timeout: 15_000 }).toContain('Answered: credit note requested');

    // The collector sees the answer in the account's timeline.
    await signInAs('collector@sandbox.example');
    await page.goto(`${sb.url}/lightning/r/Account/${DEMO_ACCOUNT_ID}/view`);
    await panel.locator('[role="tab"]', { hasText: 'Timeline' }).click({ timeout: 20_000 });
    const timeline = panel.getByRole('list', { name: 'Timeline, newest first' });
    await expect.poll(async () => (await timeline.textContent()) ?? '', { timeout: 15_000 }).toMatch(/credit note requested for ₹5,000\.00/);

    // ... and in the worklist's row of the account.
    await page.goto(`${sb.url}/lightning/n/Collections_Worklist`);
    const row = page.locator(`#worklist-slot [data-testid="worklist-row"][data-account-id="${DEMO_ACCOUNT_ID}"]`);
    await row.waitFor({ timeout: 30_000 });
    expect(await row.textContent()).toContain('sales: credit note requested');

    // A dispute past its SLA: the sweep escalates it to the owner's manager.
    const ownerId = (await client.query<{ Id: string }>("SELECT Id FROM User WHERE Username = 'sales.in@sandbox.example'")).records[0]!.Id;
    const late = (await client.create('Case', { AccountId: DEMO_ACCOUNT_ID, OwnerId: ownerId, Type: 'Dispute', Status: 'New', Subject: 'Dispute', Dispute_Reason__c: 'Pricing', Dispute_Status__c: 'New', SLA_Due_Date__c: '2026-11-10' })).id;
    const swept = await sweepDisputeSla({ client, mapping: presetMapping('product'), policy: DEFAULT_DISPUTE_SLA_POLICY, now: NOON_IST, timeZone: 'Asia/Kolkata' });
    expect(swept.steps.some((s) => s.caseId === late && s.action === 'escalate_owner_manager' && s.outcome === 'written')).toBe(true);
    await page.goto(`${sb.url}${DISPUTES}`);
    await signInAs('sales.manager@sandbox.example');
    const escalated = page.locator(`#disputes-slot [data-dispute-id="${late}"]`);
    await escalated.waitFor({ timeout: 20_000 });
    expect(await escalated.textContent()).toMatch(/Escalated.*Escalated to you/);
    const managerId = (await client.query<{ Id: string }>("SELECT Id FROM User WHERE Username = 'sales.manager@sandbox.example'")).records[0]!.Id;
    expect((await client.query(`SELECT Id FROM Task WHERE WhatId = '${late}' AND OwnerId = '${managerId}'`)).records).toHaveLength(1);
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
