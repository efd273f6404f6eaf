/**
 * Decision 0028, against the sandbox over real HTTP with the default demo seed: the panel's ONE
 * composite (the REST connector's loadSnapshot) now reads the org's currencies, so the demo's rupee
 * account gets a next action in the panel, the one the worklist shows for it; and a single-currency
 * org still opens the panel (no rates, no line for an account outside the strategy's currency).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSalesforcePort } from '../../connector/salesforce';
import { createPortfolioReader } from '../../connector/salesforce/portfolio/page';
import { createSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';
import { seedOptions } from '../../sandbox/seed';
import { DEMO_ACCOUNT_NAME } from '../../sandbox/seed/generate';
import { loadWorklist } from '../../widget/src/worklist/load';

const TODAY = '2026-11-20';
const NOW = new Date(`${TODAY}T05:30:00Z`);

describe("the panel's next action for the demo's rupee account (one request, the worklist's answer)", () => {
  let sandbox: Sandbox;
  let accountId: string;
  let collectorId: string;
  let contactId: string;
  beforeAll(async () => {
    sandbox = await createSandbox({ port: 0, dataFile: null, seed: seedOptions({ referenceDate: TODAY }), today: TODAY });
    const port = createSalesforcePort({ instanceUrl: sandbox.url, getAccessToken: () => sandbox.token, mapping: 'product', now: () => NOW });
    const rows = await port.client.query<{ Id: string; Collector__c: string; Contacts: { records: Array<{ Id: string }> } }>(
      `SELECT Id, Collector__c, (SELECT Id FROM Contacts) FROM Account WHERE Name = '${DEMO_ACCOUNT_NAME}'`,
    );
    accountId = rows.records[0]!.Id;
    collectorId = rows.records[0]!.Collector__c;
    contactId = rows.records[0]!.Contacts.records[0]!.Id;
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it('shows it from the Account and from a Contact page, in ONE API request each, equal to the worklist row', async () => {
    const port = createSalesforcePort({ instanceUrl: sandbox.url, getAccessToken: () => sandbox.token, mapping: 'product', now: () => NOW });
    const before = sandbox.requestLog.at(-1)?.seq ?? 0;
    const snapshot = await port.loadSnapshot({ id: accountId });
    const requests = sandbox.requestLog.filter((entry) => entry.seq > before && entry.api);
    expect(requests.map((entry) => entry.path.replace(/^\/services\/data\/v[\d.]+/, ''))).toEqual(['/composite']);
    expect(snapshot.account.currency).toBe('INR');
    expect(snapshot.nextAction).not.toBeNull();
    expect(snapshot.nextAction?.reason).toMatch(/\S/);
    const fromContact = await port.loadSnapshot({ id: contactId });
    expect(fromContact.nextAction).toEqual(snapshot.nextAction);

    const reader = createPortfolioReader({ instanceUrl: sandbox.url, getAccessToken: () => sandbox.token, now: () => NOW });
    const list = await loadWorklist({ source: reader.source, currencies: await reader.readCurrencies(), collectorId, at: NOW.toISOString(), locale: 'en-IN' });
    const row = list.rows.find((entry) => entry.accountId === accountId);
    expect(row).toBeDefined();
    expect(snapshot.nextAction).toEqual({ status: row!.next.status, label: row!.next.step?.label ?? null, dueOn: row!.next.dueOn, reason: row!.next.reason });
  }, 60_000);

  it('a deleted record still gives the clear not-found error, from the one request', async () => {
    const port = createSalesforcePort({ instanceUrl: sandbox.url, getAccessToken: () => sandbox.token, mapping: 'product', now: () => NOW });
    const { id } = await port.client.create('Contact', { LastName: 'Gone Soon', AccountId: accountId });
    const deleted = await fetch(`${sandbox.url}${port.client.dataPath}/sobjects/Contact/${id}`, { method: 'DELETE', headers: { Authorization: `Bearer ${sandbox.token}` } });
    expect(deleted.status).toBe(204);
    await expect(port.loadSnapshot({ id })).rejects.toMatchObject({ kind: 'not_found', message: 'record not found or not visible' });
  });
});
