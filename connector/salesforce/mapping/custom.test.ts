/**
 * A custom (ERP) mapping file, end to end: the JSON an admin pastes in the extension options →
 * parseCustomMapping → the port → ONE composite over mocked HTTP (msw in front of the sandbox's
 * in-process org, which has the ERP-synced objects) → a snapshot with exact figures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractDataset, DATASET_NOW, IDS } from '../../../test/contract/dataset';
import { createMswBackend } from '../../../test/contract/msw-backend';
import type { MswBackend } from '../../../test/contract/msw-backend';
import { AccountSnapshotSchema } from '../../port';
import { to18 } from '../ids';
import { createSalesforcePort } from '../rest-port';
import { parseCustomMapping } from './custom';

/** What an admin saves for an org whose invoices and receipts are synced from an ERP. */
const ERP_MAPPING_FILE = JSON.stringify({
  defaultCurrency: 'INR',
  invoice: {
    object: 'ERP_Invoice__c',
    accountField: 'Customer__c',
    readOnly: true,
    fields: { number: 'Name', issueDate: 'Doc_Date__c', dueDate: 'Net_Due__c', total: 'Gross__c', balance: 'Open_Amount__c', status: 'Doc_Status__c', currency: 'Doc_Currency__c', poNumber: 'Customer_PO__c' },
    statusValues: { Open: 'open', Cleared: 'paid', Void: 'cancelled' },
    excludeStatuses: ['Void'],
  },
  payment: {
    object: 'ERP_Receipt__c',
    accountField: 'Customer__c',
    fields: { type: 'Receipt_Type__c', amount: 'Amount__c', currency: 'Doc_Currency__c', receivedOn: 'Value_Date__c', reference: 'Name', invoice: 'ERP_Invoice__c' },
    typeValues: { Receipt: 'payment', 'Credit Memo': 'credit_note' },
  },
}, null, 2);

const erpInvoice = (n: number): string => to18(`a1E${String(n).padStart(12, '0')}`);
const erpReceipt = (n: number): string => to18(`a1F${String(n).padStart(12, '0')}`);

describe('custom (ERP) mapping file loads a snapshot over HTTP', () => {
  let backend: MswBackend;
  beforeAll(async () => {
    backend = createMswBackend({
      instanceUrl: 'https://erp.my.salesforce.com',
      extraObjects: {
        ERP_Invoice__c: { prefix: 'a1E', fields: { Name: 'string', Customer__c: 'reference:Account', Doc_Date__c: 'date', Net_Due__c: 'date', Gross__c: 'currency', Open_Amount__c: 'currency', Doc_Status__c: 'picklist', Doc_Currency__c: 'string', Customer_PO__c: 'string' } },
        ERP_Receipt__c: { prefix: 'a1F', fields: { Name: 'string', Customer__c: 'reference:Account', Receipt_Type__c: 'picklist', Amount__c: 'currency', Doc_Currency__c: 'string', Value_Date__c: 'date', ERP_Invoice__c: 'reference:ERP_Invoice__c' } },
      },
    });
    await backend.seed(contractDataset());
    await backend.seed({
      ERP_Invoice__c: [
        { Id: erpInvoice(1), Name: 'SAP-90001', Customer__c: IDS.account, Doc_Date__c: '2026-08-01', Net_Due__c: '2026-08-31', Gross__c: 118000, Open_Amount__c: 18000.5, Doc_Status__c: 'Open', Doc_Currency__c: 'INR', Customer_PO__c: 'PO-77' },
        { Id: erpInvoice(2), Name: 'SAP-90002', Customer__c: IDS.account, Doc_Date__c: '2026-10-01', Net_Due__c: '2026-10-31', Gross__c: 2360.25, Open_Amount__c: 2360.25, Doc_Status__c: 'Open', Doc_Currency__c: null, Customer_PO__c: null },
        { Id: erpInvoice(3), Name: 'SAP-90003', Customer__c: IDS.account, Doc_Date__c: '2026-06-01', Net_Due__c: '2026-07-01', Gross__c: 5000, Open_Amount__c: 0, Doc_Status__c: 'Cleared', Doc_Currency__c: 'INR', Customer_PO__c: null },
        { Id: erpInvoice(4), Name: 'SAP-90004', Customer__c: IDS.account, Doc_Date__c: '2026-09-01', Net_Due__c: '2026-09-30', Gross__c: 999, Open_Amount__c: 999, Doc_Status__c: 'Void', Doc_Currency__c: 'INR', Customer_PO__c: null },
        { Id: erpInvoice(5), Name: 'SAP-90005', Customer__c: IDS.otherAccount, Doc_Date__c: '2026-09-01', Net_Due__c: '2026-09-30', Gross__c: 1, Open_Amount__c: 1, Doc_Status__c: 'Open', Doc_Currency__c: 'INR', Customer_PO__c: null },
      ],
      ERP_Receipt__c: [
        { Id: erpReceipt(1), Name: 'RCPT-501', Customer__c: IDS.account, Receipt_Type__c: 'Receipt', Amount__c: 100000, Doc_Currency__c: 'INR', Value_Date__c: '2026-09-15', ERP_Invoice__c: erpInvoice(1) },
        { Id: erpReceipt(2), Name: 'CM-12', Customer__c: IDS.account, Receipt_Type__c: 'Credit Memo', Amount__c: 0.75, Doc_Currency__c: 'INR', Value_Date__c: '2026-10-02', ERP_Invoice__c: null },
        { Id: erpReceipt(3), Name: 'RCPT-OLD', Customer__c: IDS.account, Receipt_Type__c: 'Receipt', Amount__c: 5, Doc_Currency__c: 'INR', Value_Date__c: '2025-01-01', ERP_Invoice__c: null },
      ],
    });
  });
  afterAll(async () => backend.close());

  it('parses the file and loads the ERP invoices and receipts in ONE request with exact figures', async () => {
    const mapping = parseCustomMapping(ERP_MAPPING_FILE);
    const port = createSalesforcePort({ instanceUrl: backend.instanceUrl, getAccessToken: () => backend.accessToken, mapping, now: () => DATASET_NOW, timeZone: 'Asia/Kolkata' });
    backend.resetRequestCount();
    const snapshot = await port.loadSnapshot({ id: IDS.contactAp });
    expect(backend.requestCount()).toBe(1);
    expect(snapshot.source).toEqual({ crm: 'salesforce', mapping: 'custom' });
    expect(snapshot.dataQuality).toEqual([]);
    // Void is excluded by the query; the other account's invoice is not ours; oldest due first.
    expect(snapshot.invoices.map((i) => [i.number, i.total.amountMinor, i.balance.amountMinor, i.balance.currency, i.status, i.poNumber])).toEqual([
      ['SAP-90003', 500_000, 0, 'INR', 'paid', null],
      ['SAP-90001', 11_800_000, 1_800_050, 'INR', 'partially_paid', 'PO-77'],
      ['SAP-90002', 236_025, 236_025, 'INR', 'open', null], // no row currency → the account's
    ]);
    expect(snapshot.payments).toEqual([{ id: erpReceipt(1), receivedOn: '2026-09-15', amount: { amountMinor: 10_000_000, currency: 'INR' }, invoiceId: erpInvoice(1), reference: 'RCPT-501' }]);
    expect(snapshot.credits).toEqual([{ id: erpReceipt(2), kind: 'credit_note', amount: { amountMinor: 75, currency: 'INR' }, issuedOn: '2026-10-02', reference: 'CM-12' }]);
    // Everything not in the file still comes from the product preset.
    expect(snapshot.promises.length).toBeGreaterThan(0);
    expect(snapshot.disputes.length).toBeGreaterThan(0);
    expect(snapshot.capabilities.promises).toBe(true);
    const parsed = AccountSnapshotSchema.safeParse(snapshot);
    expect(parsed.success).toBe(true);
  });

  it('a file naming an invoice field the org lacks empties that section with a note; the rest still loads', async () => {
    const file = JSON.parse(ERP_MAPPING_FILE) as { invoice: { fields: Record<string, string | null> } };
    file.invoice.fields.poNumber = 'Purchase_Order__c';
    const port = createSalesforcePort({ instanceUrl: backend.instanceUrl, getAccessToken: () => backend.accessToken, mapping: parseCustomMapping(file), now: () => DATASET_NOW });
    const snapshot = await port.loadSnapshot({ id: IDS.account });
    expect(snapshot.invoices).toEqual([]);
    expect(snapshot.payments).toHaveLength(1);
    expect(snapshot.dataQuality.map((n) => n.message).join('\n')).toMatch(/Could not load invoices/);
  });
});
