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
import { loadWorklist, rescoreAccount } from '../../widget/src/worklist/load';
import { orgCurrenciesFromRows } from '../../connector/salesforce/portfolio/rates';
import { withDerivedData } from '../../connector/snapshot-derived';
import type { MappedSnapshot } from '../../connector/snapshot-derived';
import type { Account, Contact, Invoice } from '../../connector/domain/model';
import type { PortfolioRecord, PortfolioSource } from '../../connector/portfolio-source';

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

/**
 * ONE rule for the strategy's amount bands (decision 0028): the panel (snapshotNextAction) and the
 * worklist's row (load.ts, and its re-score) compare the collectable in the strategy's currency at
 * the org's STATIC rates, while the worklist's figures keep the dated ones. Records in memory; the
 * panel through withDerivedData, the worklist through loadWorklist on a PortfolioSource.
 */
describe("the strategy's bands at the org's static rates, in the panel and the worklist alike", () => {
  const at = NOW.toISOString();
  const accountOf = (id: string, currency: string): Account => ({
    id, name: `Account ${id}`, owner: { id: '005000000000001AAA', name: 'Jordan' }, collector: { id: 'U-c', name: 'Priya' }, segment: 'b2b', currency, country: 'US',
    timeZone: 'America/New_York', complianceProfile: 'b2b-default', riskRating: 'medium', keyAccount: false, flags: [],
  });
  // 35 days past due on NOW: "large" (≥ 25,000) is at its controller/CFO call, "standard" at its letter.
  const invoiceOf = (id: string, balanceMinor: number, currency: string): Invoice => ({
    id, number: `INV-${id}`, issueDate: '2026-09-01', dueDate: '2026-10-16', total: { amountMinor: balanceMinor, currency }, balance: { amountMinor: balanceMinor, currency }, status: 'open',
  });
  // Someone at every contact level, so the panel (which reads contacts) words a step as the worklist (which does not) does.
  const CONTACTS: Contact[] = [
    { id: '003A', name: 'Ana Clerk', title: 'AP Clerk', role: 'accounts_payable', phones: [], optOuts: [] },
    { id: '003B', name: 'Ben Lead', title: 'AP Manager', role: 'accounts_payable', phones: [], optOuts: [] },
    { id: '003C', name: 'Cleo Finance', title: 'CFO', role: 'other', phones: [], optOuts: [] },
  ];
  const source = (accounts: Array<{ account: Account; invoices: Invoice[] }>): PortfolioSource => ({
    read: () => (async function* () {
      yield accounts.flatMap(({ account, invoices }): PortfolioRecord[] => [{ kind: 'account', account }, ...invoices.map((invoice): PortfolioRecord => ({ kind: 'invoice', accountId: account.id, invoice }))]);
    })(),
    lastPass: () => null,
  });
  const panelOf = (account: Account, invoices: Invoice[], rates: ReturnType<typeof orgCurrenciesFromRows>['staticRates']) => {
    const mapped: MappedSnapshot = {
      account, contacts: CONTACTS, invoices, payments: [], credits: [], promises: [], plans: [], settlements: [], disputes: [], activities: [], dataQuality: [], fetchedAt: at,
      source: { crm: 'test', mapping: 'test' }, apiUsage: null, capabilities: { promises: true, plans: true, settlements: true, disputes: true, notes: true, sendEmail: false },
    };
    return withDerivedData(mapped, { now: NOW, rates });
  };
  const summary = (next: { status: string; step: { label: string } | null; dueOn: string | null; reason: string }) => ({ status: next.status, label: next.step?.label ?? null, dueOn: next.dueOn, reason: next.reason });

  it('dated rates that move the collectable across 25,000: the same next action (the static rate\'s), the figures at the dated rate', async () => {
    // INR 2,100,000: USD 25,225.23 at the static 83.25 ("large"), USD 24,705.88 at today's dated 85 ("standard").
    const org = orgCurrenciesFromRows(
      [{ IsoCode: 'USD', ConversionRate: 1, IsCorporate: true }, { IsoCode: 'INR', ConversionRate: 83.25, IsCorporate: false }],
      [{ IsoCode: 'INR', ConversionRate: 85, StartDate: '2026-11-01' }],
    );
    const account = accountOf('001R', 'INR');
    const invoices = [invoiceOf('r1', 2_100_000_00, 'INR')];
    const panel = panelOf(account, invoices, org.staticRates);
    const list = await loadWorklist({ source: source([{ account, invoices }]), currencies: org, collectorId: 'U-c', at, locale: 'en-US' });
    const row = list.rows[0]!;
    expect(row.collectable).toEqual({ amountMinor: 24_705_88, currency: 'USD' });
    expect(row.next.segmentId).toBe('large');
    expect(panel.nextAction).toEqual(summary(row.next));
    // The re-score after a panel log uses the same rates.
    const again = rescoreAccount(list, { account, contacts: CONTACTS, invoices, payments: [], credits: [], promises: [], plans: [], disputes: [], activities: [] }, { at, locale: 'en-US' });
    expect(again.rows[0]!.next.segmentId).toBe('large');
    expect(summary(again.rows[0]!.next)).toEqual(panel.nextAction);
  });

  it('corporate EUR, strategy USD: the worklist compares USD, not EUR, and agrees with the panel', async () => {
    // 1 EUR = 1.25 USD = 100 INR. EUR 24,000 = USD 30,000 ("large"; as EUR it would read "standard").
    const org = orgCurrenciesFromRows([
      { IsoCode: 'EUR', ConversionRate: 1, IsCorporate: true },
      { IsoCode: 'USD', ConversionRate: 1.25, IsCorporate: false },
      { IsoCode: 'INR', ConversionRate: 100, IsCorporate: false },
    ], null);
    const books = [
      { account: accountOf('001E', 'EUR'), invoices: [invoiceOf('e1', 24_000_00, 'EUR')] },
      { account: accountOf('001I', 'INR'), invoices: [invoiceOf('i1', 2_100_000_00, 'INR')] }, // USD 26,250 through EUR
      { account: accountOf('001U', 'USD'), invoices: [invoiceOf('u1', 20_000_00, 'USD')] },
      // Two currencies, each under 25,000 alone: USD 15,000 + USD 16,250.
      { account: accountOf('001M', 'EUR'), invoices: [invoiceOf('m1', 12_000_00, 'EUR'), invoiceOf('m2', 1_300_000_00, 'INR')] },
    ];
    const list = await loadWorklist({ source: source(books), currencies: org, collectorId: 'U-c', at, locale: 'en-US' });
    expect(list.currency).toBe('EUR');
    const segments: Record<string, string | null> = {};
    for (const { account, invoices } of books) {
      const row = list.rows.find((entry) => entry.accountId === account.id)!;
      segments[account.id] = row.next.segmentId;
      expect(panelOf(account, invoices, org.staticRates).nextAction).toEqual(summary(row.next));
    }
    expect(segments).toEqual({ '001E': 'large', '001I': 'large', '001U': 'standard', '001M': 'large' });
  });

  it('no rates and an amount outside the strategy\'s currency: no step, the same words in both, never a guess', async () => {
    const account = accountOf('001N', 'INR');
    const invoices = [invoiceOf('n1', 2_100_000_00, 'INR')];
    const list = await loadWorklist({ source: source([{ account, invoices }]), currencies: { corporateCurrency: null, rates: [] }, collectorId: 'U-c', at, locale: 'en-US' });
    const row = list.rows[0]!;
    expect(row.next).toMatchObject({ status: 'none', step: null, segmentId: null });
    const panel = panelOf(account, invoices, []);
    expect(panel.nextAction).toEqual(summary(row.next));
    expect(panel.dataQuality).toEqual([]);
    expect(row.next.reason).toBe("The collection strategy's amounts are in USD and the org has no exchange rate from INR.");
  });
});
