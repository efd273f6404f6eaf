import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractDataset, DATASET_NOW, IDS } from '../../../test/contract/dataset';
import { createMswBackend } from '../../../test/contract/msw-backend';
import type { MswBackend } from '../../../test/contract/msw-backend';
import type { CompositeResponse } from '../client';
import { to18 } from '../ids';
import { productPreset } from '../mapping/presets';
import { createSalesforcePort } from '../rest-port';
import { buildSnapshotRequest, SNAPSHOT_LIMITS } from './build';
import { mapSnapshot } from './map';

const soqlOf = (url: string): string => decodeURIComponent(url.split('?q=')[1] ?? '');
const ok = (referenceId: string, records: unknown[]): CompositeResponse['compositeResponse'][number] => ({ referenceId, httpStatusCode: 200, httpHeaders: {}, body: { totalSize: records.length, done: true, records } });
/** ctx is an sObject Rows GET (decision 0028): its body is the record. */
const row = (referenceId: string, record: Record<string, unknown>): CompositeResponse['compositeResponse'][number] => ({ referenceId, httpStatusCode: 200, httpHeaders: {}, body: record });
const many = <T>(count: number, make: (n: number) => T): T[] => Array.from({ length: count }, (_, i) => make(i + 1));
const id = (prefix: string, n: number): string => to18(`${prefix}${String(n).padStart(12, '0')}`);
const sub = (records: unknown[]): { totalSize: number; done: true; records: unknown[] } => ({ totalSize: records.length, done: true, records });

describe('snapshot truncation is never silent', () => {
  it('asks every limited list for ONE row more than it shows', () => {
    const mapping = productPreset();
    const request = buildSnapshotRequest(mapping, { id: IDS.account }, { now: DATASET_NOW });
    const [, account, invoices, payments, notes] = request.compositeRequest.map((s) => soqlOf(s.url));
    expect(invoices).toMatch(/ LIMIT 501$/);
    expect(payments).toMatch(/ LIMIT 501$/);
    expect(notes).toMatch(/ LIMIT 21$/);
    for (const limit of [201 /* contacts, instalments, dispute lines */, 51 /* promises, disputes, activities */, 21 /* plans, settlements */]) {
      expect(account).toContain(`LIMIT ${limit})`);
    }
    expect(account).toContain(`LIMIT ${mapping.activity.limit + 1})`);
  });

  const account = { Id: IDS.account, Name: 'Big Account', OwnerId: IDS.owner, Owner: { Id: IDS.owner, Name: 'Owner' }, Collections_Currency__c: 'INR' };
  const invoice = (n: number): Record<string, unknown> => ({
    Id: id('a01', n), Invoice_Number__c: `I-${n}`, Invoice_Date__c: '2026-01-01', Due_Date__c: '2026-02-01', Total_Amount__c: 10, Balance__c: 10, Currency_Code__c: 'INR', Status__c: 'Open',
  });
  const payment = (n: number): Record<string, unknown> => ({ Id: id('a02', n), Amount__c: 1, Received_On__c: '2026-10-01', Currency_Code__c: 'INR', Type__c: 'Payment' });

  it('drops the probe row and notes every list that was cut; full lists get no note', () => {
    const mapping = productPreset();
    const contact = (n: number): Record<string, unknown> => ({ Id: id('003', n), Name: `C ${n}` });
    const task = (n: number): Record<string, unknown> => ({ Id: id('00T', n), TaskSubtype: 'Call', CreatedDate: '2026-11-01T10:00:00.000+0000', CallType: 'Outbound' });
    const instalment = (n: number): Record<string, unknown> => ({ Id: id('a05', n), Sequence__c: n, Due_Date__c: '2026-12-01', Amount__c: 1, Paid_Amount__c: 0, Currency_Code__c: 'INR', Status__c: 'Scheduled' });
    const plan = { Id: id('a04', 1), CreatedDate: '2026-10-01T10:00:00.000+0000', Status__c: 'Active', Frequency__c: 'Weekly', Total_Amount__c: 201, Currency_Code__c: 'INR', Start_Date__c: '2026-10-01', Instalments__r: sub(many(201, instalment)) };
    const snapshot = mapSnapshot(mapping, { compositeResponse: [
      row('ctx', { Id: IDS.account }),
      ok('account', [{ ...account, Contacts: sub(many(201, contact)), Tasks: sub(many(mapping.activity.limit + 1, task)), Payment_Plans__r: sub([plan]) }]),
      ok('invoices', many(501, invoice)),
      ok('payments', many(500, payment)),
      ok('notes', []),
    ] }, { now: DATASET_NOW });
    expect(snapshot.invoices).toHaveLength(SNAPSHOT_LIMITS.invoices);
    expect(snapshot.invoices.some((i) => i.number === 'I-501')).toBe(false);
    expect(snapshot.payments).toHaveLength(500);
    expect(snapshot.contacts).toHaveLength(200);
    expect(snapshot.activities).toHaveLength(mapping.activity.limit);
    expect(snapshot.plans[0]?.instalments).toHaveLength(200);
    const messages = snapshot.dataQuality.map((n) => `${n.recordKind}: ${n.message}`);
    expect(messages).toEqual(expect.arrayContaining([
      'invoice: Only the first 500 open invoices are shown; totals may be incomplete.',
      'contact: Only the first 200 contacts are shown.',
      `activity: Only the latest ${mapping.activity.limit} activities are shown; contact counts may be incomplete.`,
      'instalment: Only the first 200 instalments of a payment plan are shown; its totals may be incomplete.',
    ]));
    expect(snapshot.dataQuality.find((n) => n.recordKind === 'instalment')?.recordId).toBe(plan.Id);
    expect(messages.some((m) => m.startsWith('payment:'))).toBe(false);
  });

  it("caps each contact's own Tasks too, and merges them with the account's by Id", () => {
    const mapping = productPreset();
    const task = (n: number): Record<string, unknown> => ({ Id: id('00T', n), TaskSubtype: 'Call', CreatedDate: '2026-11-01T10:00:00.000+0000', CallType: 'Outbound', WhoId: IDS.contactAp });
    const contactTasks = many(mapping.activity.limit + 1, task);
    const snapshot = mapSnapshot(mapping, { compositeResponse: [
      row('ctx', { Id: IDS.account }),
      ok('account', [{ ...account, Tasks: sub([task(1), task(2)]), Contacts: sub([{ Id: IDS.contactAp, Name: 'Meera', Tasks: sub(contactTasks) }]) }]),
      ok('invoices', []),
    ] }, { now: DATASET_NOW });
    expect(snapshot.activities).toHaveLength(mapping.activity.limit);
    expect(new Set(snapshot.activities.map((a) => a.id)).size).toBe(mapping.activity.limit);
    expect(snapshot.dataQuality).toEqual([expect.objectContaining({ recordKind: 'activity', recordId: IDS.contactAp, message: `Only the latest ${mapping.activity.limit} activities of Meera are shown; contact counts may be incomplete.` })]);
  });

  describe('over HTTP (msw org): a LIMITed query answers done:true, the probe row still tells', () => {
    let backend: MswBackend;
    beforeAll(async () => {
      backend = createMswBackend({ instanceUrl: 'https://truncation.my.salesforce.com' });
      await backend.seed(contractDataset());
      await backend.seed({ Collections_Invoice__c: many(510, (n) => ({ ...invoice(500 + n), Account__c: IDS.account })) });
    });
    afterAll(async () => backend.close());

    it('shows 500 invoices of 514 and says so', async () => {
      const port = createSalesforcePort({ instanceUrl: backend.instanceUrl, getAccessToken: () => backend.accessToken, now: () => DATASET_NOW });
      const snapshot = await port.loadSnapshot({ id: IDS.account });
      expect(backend.requestCount()).toBe(1);
      expect(snapshot.invoices).toHaveLength(500);
      expect(snapshot.dataQuality.map((n) => n.message)).toContain('Only the first 500 open invoices are shown; totals may be incomplete.');
    });
  });
});
