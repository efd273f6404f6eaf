import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSalesforcePort } from '../../connector/salesforce/index';
import { createSandbox } from '../server';
import { addDays as addDomainDays } from '../../connector/domain/dates';
import { fromDecimalString } from '../../connector/domain/money';
import type { Payment, PromiseStatus, PromiseToPay } from '../../connector/domain/model';
import { evaluatePromise, keptRate } from '../../connector/domain/promises';
import { isValidId18 } from '../ids';
import type { TypedRecord } from '../persistence';
import { addDays } from '../soql/date-literals';
import { DEMO_ACCOUNT_FIGURES, DEMO_ACCOUNT_ID, DEMO_ACCOUNT_NAME, SEED_PROMISE_GRACE_DAYS, seedRecords } from './generate';
import { seedOptions, seedStore } from './index';

const REF = '2026-11-20';
const all = (seed: number, accounts: number, referenceDate = REF): TypedRecord[] => [...seedRecords({ seed, accounts, referenceDate }).records];
const ofType = (records: TypedRecord[], type: string) => records.filter((r) => r.type === type).map((r) => r.record);
const daysOverdue = (due: string, ref = REF): number => (Date.parse(`${ref}T00:00:00Z`) - Date.parse(`${due}T00:00:00Z`)) / 86_400_000;

const MINOR_DIGITS: Record<string, number> = { JPY: 0, KWD: 3 };
const minor = (amount: unknown, currency: string): number => Math.round(Number(amount) * 10 ** (MINOR_DIGITS[currency] ?? 2));
const STATUS: Record<string, PromiseStatus> = { Pending: 'pending', Kept: 'kept', 'Partially Kept': 'partially_kept', Broken: 'broken', Cancelled: 'cancelled' };

/** Seeded promises and payments per account, in the domain's shapes (payments = Type__c 'Payment', as the connector maps them). */
function promisesByAccount(records: TypedRecord[]): Map<string, { promises: PromiseToPay[]; payments: Payment[] }> {
  const out = new Map<string, { promises: PromiseToPay[]; payments: Payment[] }>();
  const entry = (accountId: unknown): { promises: PromiseToPay[]; payments: Payment[] } => {
    const key = String(accountId);
    const found = out.get(key) ?? { promises: [], payments: [] };
    out.set(key, found);
    return found;
  };
  for (const p of ofType(records, 'Collections_Payment__c').filter((r) => r.Type__c === 'Payment')) {
    const currency = String(p.Currency_Code__c);
    entry(p.Account__c).payments.push({ id: String(p.Id), receivedOn: String(p.Received_On__c), amount: { amountMinor: minor(p.Amount__c, currency), currency }, invoiceId: (p.Invoice__c as string | null) ?? null });
  }
  for (const p of ofType(records, 'Promise_To_Pay__c')) {
    const currency = String(p.Currency_Code__c);
    const status = STATUS[String(p.Status__c)];
    expect(status, String(p.Status__c)).toBeDefined();
    entry(p.Account__c).promises.push({
      id: String(p.Id), takenOn: String(p.Taken_On__c), dueDate: String(p.Due_Date__c), amount: { amountMinor: minor(p.Amount__c, currency), currency },
      invoiceIds: String(p.Invoice_Ids__c ?? '').split(',').filter(Boolean), status: status as PromiseStatus,
    });
  }
  return out;
}

describe('seed generator', () => {
  it("stores every decided promise's status as the domain's evaluatePromise computes it from the seeded payments (every account)", () => {
    for (const [seed, referenceDate] of [[42, REF], [7, '2027-03-01'], [99, '2026-02-28']] as const) {
      const accounts = promisesByAccount(all(seed, 300, referenceDate));
      const decided = new Set<string>();
      for (const { promises, payments } of accounts.values()) {
        for (const promise of promises) {
          for (const graceDays of [0, SEED_PROMISE_GRACE_DAYS]) {
            if (addDomainDays(promise.dueDate, graceDays) >= referenceDate) {
              // Still inside its due date + grace: pending by definition, nothing to compare.
              continue;
            }
            const evaluation = evaluatePromise(promise, payments, { asOf: referenceDate, graceDays });
            expect(evaluation.status, `${promise.id} (${promise.status}) grace ${graceDays}: ${evaluation.reason}`).toBe(promise.status);
            decided.add(promise.status);
          }
        }
        // Not yet due: stored Pending, and the payments do not already make it kept.
        for (const promise of promises.filter((p) => p.dueDate >= referenceDate)) {
          expect(promise.status).toBe('pending');
          expect(evaluatePromise(promise, payments, { asOf: referenceDate }).status).toBe('pending');
        }
      }
      expect(decided).toEqual(new Set(['kept', 'broken', 'partially_kept']));
    }
  });

  it("shows 'Kept 1 of 2' through the real connector: the snapshot the panel loads gives the documented kept rate", async () => {
    const sandbox = await createSandbox({ port: 0, dataFile: null, seed: { seed: 42, accounts: 12, referenceDate: REF }, today: REF });
    try {
      const port = createSalesforcePort({ instanceUrl: sandbox.url, getAccessToken: () => sandbox.token, now: () => new Date(`${REF}T06:30:00Z`) });
      const snapshot = await port.loadSnapshot({ id: DEMO_ACCOUNT_ID });
      const rate = keptRate(snapshot.promises, snapshot.payments, { asOf: REF, from: addDomainDays(REF, -365), to: REF });
      expect({ kept: rate.kept, broken: rate.broken, due: rate.due }).toEqual({ kept: DEMO_ACCOUNT_FIGURES.promises.kept, broken: DEMO_ACCOUNT_FIGURES.promises.broken, due: 2 });
      // The pending promise (due R+5) has not fallen due: not in the rate.
      expect(snapshot.promises).toHaveLength(3);
    } finally {
      await sandbox.close();
    }
  });

  it("gives the demo account's kept rate the panel shows: kept 1 of 2 decided, 1 pending", () => {
    for (const ref of ['2026-11-20', '2027-03-01']) {
      const demo = promisesByAccount(all(1, 1, ref)).get(DEMO_ACCOUNT_ID);
      const rate = keptRate(demo?.promises ?? [], demo?.payments ?? [], { asOf: ref, from: addDomainDays(ref, -365), to: ref });
      expect({ kept: rate.kept, broken: rate.broken, due: rate.due }).toEqual({ kept: DEMO_ACCOUNT_FIGURES.promises.kept, broken: DEMO_ACCOUNT_FIGURES.promises.broken, due: 2 });
    }
  });

  it("seeds Opportunity amounts as exact decimals in the currency's own exponent (built from integer minor units)", () => {
    const opportunities = ofType(all(5, 300), 'Opportunity');
    expect(opportunities.length).toBeGreaterThan(10);
    const currencies = new Set<string>();
    for (const opportunity of opportunities) {
      const currency = String(opportunity.CurrencyIsoCode);
      currencies.add(currency);
      // fromDecimalString rejects more decimals than the currency has (a float residue like 1234.5600000001 or ¥12.5).
      const parsed = fromDecimalString(String(opportunity.Amount), currency);
      expect(parsed.amountMinor, `${String(opportunity.Name)} ${currency} ${String(opportunity.Amount)}`).toBeGreaterThan(0);
    }
    expect(currencies.size).toBeGreaterThan(3);
  });

  it('is deterministic for a seed and reference date, and differs for another seed', () => {
    const a = all(42, 60);
    const b = all(42, 60);
    expect(b).toEqual(a);
    const c = all(43, 60);
    expect(ofType(c, 'Account').map((r) => r.Name)).not.toEqual(ofType(a, 'Account').map((r) => r.Name));
  });

  it('produces valid, unique 18-char ids with the right key prefixes', () => {
    const records = all(7, 80);
    const ids = records.map((r) => r.record.Id as string);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every(isValidId18)).toBe(true);
    const prefixes: Record<string, string> = { Account: '001', Contact: '003', User: '005', Case: '500', Task: '00T', ContentNote: '069', ContentDocumentLink: '06A', Organization: '00D', Collections_Invoice__c: 'a01', Plan_Instalment__c: 'a05' };
    for (const [type, prefix] of Object.entries(prefixes)) {
      expect(ofType(records, type).every((r) => String(r.Id).startsWith(prefix)), type).toBe(true);
    }
  });

  it('seeds the demo account with the documented figures, aged from the reference date', () => {
    for (const ref of ['2026-11-20', '2027-03-01']) {
      const records = all(1, 1, ref);
      const account = ofType(records, 'Account')[0];
      expect(account?.Id).toBe(DEMO_ACCOUNT_ID);
      expect(account).toMatchObject({ Name: DEMO_ACCOUNT_NAME, CurrencyIsoCode: 'INR', Collections_Time_Zone__c: DEMO_ACCOUNT_FIGURES.timeZone, Compliance_Profile__c: DEMO_ACCOUNT_FIGURES.complianceProfile });
      const invoices = ofType(records, 'Collections_Invoice__c');
      const open = invoices.filter((i) => Number(i.Balance__c) > 0);
      expect(open).toHaveLength(DEMO_ACCOUNT_FIGURES.openInvoices);
      const sum = (rows: typeof open): number => rows.reduce((s, i) => s + Math.round(Number(i.Balance__c) * 100), 0) / 100;
      expect(sum(open)).toBe(DEMO_ACCOUNT_FIGURES.openBalance);
      expect(sum(open.filter((i) => daysOverdue(String(i.Due_Date__c), ref) > 0))).toBe(DEMO_ACCOUNT_FIGURES.overdueBalance);
      const bucket = (min: number, max: number): number => sum(open.filter((i) => {
        const d = daysOverdue(String(i.Due_Date__c), ref);
        return d >= min && d <= max;
      }));
      const b = DEMO_ACCOUNT_FIGURES.buckets;
      expect([bucket(-10_000, 0), bucket(1, 30), bucket(31, 60), bucket(61, 90), bucket(91, 10_000)]).toEqual([b.current, b.d1_30, b.d31_60, b.d61_90, b.d91_plus]);
      expect(ofType(records, 'Contact')).toHaveLength(DEMO_ACCOUNT_FIGURES.contacts);
      const promises = ofType(records, 'Promise_To_Pay__c').map((p) => p.Status__c).sort();
      expect(promises).toEqual(['Broken', 'Kept', 'Pending']);
      const plan = ofType(records, 'Payment_Plan__c')[0];
      expect(plan?.Total_Amount__c).toBe(DEMO_ACCOUNT_FIGURES.activePlanTotal);
      expect(ofType(records, 'Plan_Instalment__c').reduce((s, i) => s + Number(i.Amount__c), 0)).toBe(DEMO_ACCOUNT_FIGURES.activePlanTotal);
      expect(ofType(records, 'Case')[0]).toMatchObject({ Type: 'Dispute', Disputed_Amount__c: DEMO_ACCOUNT_FIGURES.disputedAmount, OwnerId: account?.OwnerId });
      expect(ofType(records, 'Collections_Payment__c').find((p) => p.Type__c === 'Unapplied Cash')?.Amount__c).toBe(DEMO_ACCOUNT_FIGURES.unappliedCash);
      expect(invoices.find((i) => i.Invoice_Number__c === 'INV-JT-1001')?.Due_Date__c).toBe(addDays(ref, -100));
    }
  });

  it('covers every aging bucket, currency, compliance profile and the edge cases the panel must handle', () => {
    const records = all(42, 300);
    const accounts = ofType(records, 'Account');
    expect(new Set(accounts.map((a) => a.CurrencyIsoCode))).toEqual(new Set(['INR', 'USD', 'GBP', 'EUR', 'JPY', 'KWD']));
    expect(new Set(accounts.map((a) => a.Compliance_Profile__c))).toEqual(new Set(['in-rbi', 'us-fdcpa', 'us-ma', 'uk-fca', 'ie-cca', 'b2b-default']));
    const open = ofType(records, 'Collections_Invoice__c').filter((i) => Number(i.Balance__c) > 0 && i.Due_Date__c);
    const buckets = new Set(open.map((i) => {
      const d = daysOverdue(String(i.Due_Date__c));
      return d <= 0 ? 'current' : d <= 30 ? '1-30' : d <= 60 ? '31-60' : d <= 90 ? '61-90' : '91+';
    }));
    expect(buckets).toEqual(new Set(['current', '1-30', '31-60', '61-90', '91+']));
    const statuses = new Set(ofType(records, 'Collections_Invoice__c').map((i) => i.Status__c));
    expect(statuses).toEqual(new Set(['Open', 'Partially Paid', 'Paid', 'Cancelled']));
    expect(new Set(ofType(records, 'Promise_To_Pay__c').map((p) => p.Status__c))).toEqual(new Set(['Pending', 'Kept', 'Broken', 'Partially Kept']));
    expect(new Set(ofType(records, 'Payment_Plan__c').map((p) => p.Status__c))).toEqual(new Set(['Active', 'Broken']));
    // Instalments always sum exactly to their plan total (integer minor units).
    const plans = ofType(records, 'Payment_Plan__c');
    for (const plan of plans) {
      const instalments = ofType(records, 'Plan_Instalment__c').filter((i) => i.Payment_Plan__c === plan.Id);
      const scale = plan.Currency_Code__c === 'KWD' ? 1000 : plan.Currency_Code__c === 'JPY' ? 1 : 100;
      expect(instalments.reduce((s, i) => s + Math.round(Number(i.Amount__c) * scale), 0)).toBe(Math.round(Number(plan.Total_Amount__c) * scale));
    }
    expect(accounts.some((a) => String(a.Collections_Flags__c ?? '').includes('Bankruptcy'))).toBe(true);
    expect(accounts.some((a) => String(a.Collections_Flags__c ?? '').includes('Cease Communication'))).toBe(true);
    expect(accounts.some((a) => String(a.Name).includes('<img src=x onerror=alert(1)>'))).toBe(true);
    const contacts = ofType(records, 'Contact');
    expect(contacts.some((c) => c.Mobile_Time_Zone__c && c.Mobile_Time_Zone__c !== c.Collections_Time_Zone__c)).toBe(true);
    expect(contacts.some((c) => c.HasOptedOutOfEmail === true)).toBe(true);
    expect(contacts.filter((c) => c.MobilePhone).every((c) => /^\+[1-9]\d{6,14}$/.test(String(c.MobilePhone)))).toBe(true);
    const cases = ofType(records, 'Case').filter((c) => c.Type === 'Dispute');
    const salesOwners = new Set(accounts.map((a) => a.OwnerId));
    expect(cases.length).toBeGreaterThan(5);
    expect(cases.every((c) => salesOwners.has(c.OwnerId))).toBe(true);
    const invoices = ofType(records, 'Collections_Invoice__c');
    expect(invoices.some((i) => i.Due_Date__c === null)).toBe(true);
    expect(invoices.some((i) => i.Currency_Code__c === 'XYZ')).toBe(true);
    expect(ofType(records, 'Task').some((t) => t.TaskSubtype === 'Call')).toBe(true);
    expect(ofType(records, 'ContentDocumentLink').length).toBe(ofType(records, 'ContentNote').length);
  });

  it("gives the demo collector a real book in the default seed: 50+ accounts across countries and segments, with broken promises, open disputes, blocking flags and work due today", () => {
    const options = seedOptions({ referenceDate: REF });
    expect(options.accounts).toBe(100);
    const records = all(options.seed, options.accounts);
    const priya = ofType(records, 'User').find((u) => u.Username === 'collector@sandbox.example')?.Id;
    const book = ofType(records, 'Account').filter((a) => a.Collector__c === priya);
    const ids = new Set(book.map((a) => a.Id));
    expect(book.length).toBeGreaterThanOrEqual(50);
    expect(new Set(book.map((a) => a.BillingCountryCode)).size).toBeGreaterThanOrEqual(5);
    expect(new Set(book.map((a) => a.Customer_Segment__c))).toEqual(new Set(['B2B', 'B2C']));
    expect(new Set(book.map((a) => a.Risk_Rating__c))).toEqual(new Set(['Low', 'Medium', 'High']));
    expect(book.some((a) => a.Key_Account__c === true)).toBe(true);
    expect(ofType(records, 'Promise_To_Pay__c').filter((p) => p.Status__c === 'Broken' && ids.has(p.Account__c)).length).toBeGreaterThanOrEqual(5);
    expect(ofType(records, 'Case').filter((c) => c.Type === 'Dispute' && c.Status !== 'Closed' && ids.has(c.AccountId)).length).toBeGreaterThanOrEqual(2);
    expect(book.filter((a) => /Bankruptcy|Cease Communication/.test(String(a.Collections_Flags__c ?? ''))).length).toBeGreaterThanOrEqual(2);
    // Work due today: open invoices falling due today or exactly 3 days ago (the default ladders' pre-due and first-reminder days).
    const open = ofType(records, 'Collections_Invoice__c').filter((i) => ids.has(i.Account__c) && Number(i.Balance__c) > 0 && i.Due_Date__c);
    expect(open.filter((i) => [-3, 3, 7, 10].includes(daysOverdue(String(i.Due_Date__c)))).length).toBeGreaterThanOrEqual(1);
    // The other collectors keep a book of their own.
    expect(ofType(records, 'Account').filter((a) => a.Collector__c !== priya).length).toBeGreaterThanOrEqual(20);
  });

  it('keeps the default seed byte for byte (the knobs below draw nothing unless asked)', () => {
    const digest = createHash('sha256');
    for (const record of seedRecords({ seed: 42, accounts: 300, referenceDate: REF }).records) {
      digest.update(JSON.stringify(record));
    }
    // Recorded before --invoices-per-account existed; every demo/e2e figure depends on this stream.
    expect(digest.digest('hex')).toBe('f4b4e5018e8364e711199f9833bc6ed2cc70948c61ed762f73ae8aef161edfef');
    expect(seedOptions({ seed: 42, accounts: 300, referenceDate: REF })).not.toHaveProperty('invoicesPerAccount');
  });

  it('gives --invoices-per-account N exactly N open invoices per generated account on average, spread in pairs, with consistent promises', () => {
    for (const [perAccount, accounts] of [[10, 301], [1, 40], [0, 30]] as const) {
      const records = [...seedRecords({ seed: 7, accounts, referenceDate: REF, invoicesPerAccount: perAccount }).records];
      // The first eight accounts are the fixed ones (demo + edge cases), with their documented invoices.
      const generated = ofType(records, 'Account').slice(8).map((a) => String(a.Id));
      const openPer = new Map(generated.map((id) => [id, 0]));
      for (const invoice of ofType(records, 'Collections_Invoice__c').filter((i) => Number(i.Balance__c) > 0 && openPer.has(String(i.Account__c)))) {
        openPer.set(String(invoice.Account__c), openPer.get(String(invoice.Account__c))! + 1);
      }
      const counts = [...openPer.values()];
      expect(counts.reduce((sum, n) => sum + n, 0), `N=${perAccount}`).toBe(perAccount * generated.length);
      expect(Math.min(...counts)).toBeGreaterThanOrEqual(Math.min(1, perAccount));
      expect(Math.max(...counts)).toBeLessThanOrEqual(Math.max(0, 2 * perAccount - 1));
      if (perAccount === 10) {
        expect(new Set(counts).size).toBeGreaterThan(10);
        // Collectors split accounts by index parity: each one's book still averages about N.
        const priya = ofType(records, 'User').find((u) => u.Username === 'collector@sandbox.example')?.Id;
        const hers = ofType(records, 'Account').slice(8).filter((a) => a.Collector__c === priya).map((a) => openPer.get(String(a.Id))!);
        expect(hers.reduce((sum, n) => sum + n, 0) / hers.length).toBeGreaterThan(9.3);
        expect(hers.reduce((sum, n) => sum + n, 0) / hers.length).toBeLessThan(10.7);
      }
    }
    const accounts = promisesByAccount([...seedRecords({ seed: 7, accounts: 300, referenceDate: REF, invoicesPerAccount: 10 }).records]);
    const statuses = new Set<string>();
    for (const { promises, payments } of accounts.values()) {
      for (const promise of promises.filter((p) => addDomainDays(p.dueDate, SEED_PROMISE_GRACE_DAYS) < REF)) {
        expect(evaluatePromise(promise, payments, { asOf: REF, graceDays: SEED_PROMISE_GRACE_DAYS }).status).toBe(promise.status);
        statuses.add(promise.status);
      }
    }
    expect(statuses).toEqual(new Set(['kept', 'broken', 'partially_kept']));
  });

  it('loads into a store with working relationship indexes', () => {
    const store = seedStore(seedOptions({ seed: 5, accounts: 20, referenceDate: REF }));
    const demo = [...store.all('Account')].find((a) => a.Name === DEMO_ACCOUNT_NAME);
    expect(store.childIds('Collections_Invoice__c', 'Account__c', String(demo?.Id)).size).toBe(6);
    expect(store.count('Account')).toBe(20);
  });
});
