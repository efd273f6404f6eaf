/** Rows → items per source, malformed rows with their reasons, and the reconciliation. */
import { describe, expect, it } from 'vitest';
import type { ErpRow } from './index';
import { ORACLE_AR_AGING, Reconciliation, itemFingerprint, mappedItem, mappingLayout, normaliseCustomerNumber, oracleItem, parseMapping, sapItem, sapLayout } from './index';

const GERMAN = sapLayout(['Buchungskreis', 'Kunde', 'Belegnummer', 'Geschäftsjahr', 'Position', 'Belegdatum', 'Betrag in BW', 'Belegwährung']);
const ENGLISH = sapLayout(['Company Code', 'Customer', 'Document Number', 'Fiscal Year', 'Line item', 'Document Date', 'Amount in doc. curr.', 'Document currency']);

const sapRow = (extra: ErpRow = {}): ErpRow => ({
  companyCode: '1000', customerNumber: '0000100001', documentNumber: '90001234', fiscalYear: '2026', lineItem: '1', documentType: 'RV',
  documentDate: '15.08.2026', dueDate: '14.09.2026', amount: '118.000,00', currency: 'INR', reference: 'INV-JT-2001', assignment: 'PO-8840', ...extra,
});

describe('SAP FBL5N rows', () => {
  it('an open debit is an open invoice keyed by company code, document, fiscal year and line item', () => {
    expect(sapItem(sapRow(), GERMAN)).toEqual({
      ok: true,
      item: {
        kind: 'invoice', externalId: 'SAP-1000-90001234-2026-001', customerNumber: '100001', invoiceNumber: 'INV-JT-2001', invoiceDate: '2026-08-15',
        dueDate: '2026-09-14', totalMinor: 11_800_000, balanceMinor: 11_800_000, currency: 'INR', status: 'Open', poNumber: 'PO-8840',
      },
    });
  });

  it('a cleared debit is paid; a cleared credit a payment; an open one unapplied cash; DG a credit note', () => {
    expect(sapItem(sapRow({ clearingDate: '28.08.2026' }), GERMAN)).toMatchObject({ item: { status: 'Paid', balanceMinor: 0, totalMinor: 11_800_000 } });
    expect(sapItem(sapRow({ documentType: 'DZ', amount: '70.800,00-', clearingDate: '28.08.2026', postingDate: '29.08.2026' }), GERMAN))
      .toMatchObject({ item: { kind: 'money', type: 'Payment', amountMinor: 7_080_000, receivedOn: '2026-08-29' } });
    expect(sapItem(sapRow({ documentType: 'DZ', amount: '25.000,00-' }), GERMAN)).toMatchObject({ item: { type: 'Unapplied Cash', receivedOn: '2026-08-15' } });
    expect(sapItem(sapRow({ documentType: 'DG', amount: '5.900,00-' }), GERMAN)).toMatchObject({ item: { type: 'Credit Note', amountMinor: 590_000 } });
  });

  it('reads English notation and falls back to the local-currency amount', () => {
    const row: ErpRow = { ...sapRow({ documentDate: '11/05/2026', dueDate: '12/05/2026', amount: '1,234.56' }) };
    expect(sapItem(row, ENGLISH)).toMatchObject({ item: { totalMinor: 123_456, invoiceDate: '2026-11-05', dueDate: '2026-12-05' } });
    const local: ErpRow = { ...sapRow({ amount: undefined, currency: undefined, localAmount: '1.234,56', localCurrency: 'EUR' }) };
    delete local.amount;
    delete local.currency;
    expect(sapItem(local, GERMAN)).toMatchObject({ item: { totalMinor: 123_456, currency: 'EUR' } });
  });

  it('takes spreadsheet numbers and dates as they are', () => {
    expect(sapItem(sapRow({ amount: { number: '118000' }, documentDate: { date: '2026-08-15' } }), GERMAN)).toMatchObject({ item: { totalMinor: 11_800_000, invoiceDate: '2026-08-15' } });
  });

  it.each([
    [{ documentDate: '31.02.2026' }, /^bad document date: "31.02.2026" is not a calendar date/],
    [{ amount: '9.00,00' }, /^bad amount "9.00,00": .*not a number/],
    [{ currency: 'XYZ' }, /^unknown currency "XYZ"/],
    [{ currency: 'Rupien' }, /^unknown currency "Rupien"/],
    [{ currency: 'JPY', amount: '1.500,5' }, /^bad amount "1.500,5": JPY has 0 decimal place\(s\), so it cannot carry these decimals/],
    [{ dueDate: '' }, /^no net due date$/],
    [{ amount: '0,00' }, /^amount is zero$/],
    [{ fiscalYear: '26' }, /^bad fiscal year "26"/],
    [{ customerNumber: '' }, /^no customer number$/],
  ] as const)('refuses %j', (extra, reason) => {
    const result = sapItem(sapRow(extra as ErpRow), GERMAN);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toMatch(reason);
  });

  it('compares customer numbers without leading zeros', () => {
    expect(normaliseCustomerNumber('0000100001')).toBe('100001');
    expect(normaliseCustomerNumber(' C-0042 ')).toBe('C-0042');
    expect(normaliseCustomerNumber('0')).toBe('0');
  });
});

describe('Oracle AR aging rows', () => {
  const row = (extra: ErpRow = {}): ErpRow => ({
    businessUnit: 'Vision India', customerNumber: '100001', documentNumber: 'JT-ORA-5502', installment: '2', kind: 'INV', documentDate: '01-OCT-2026',
    dueDate: '30-NOV-2026', currency: 'INR', amount: '88,500.00', openAmount: '38,500.00', reference: 'PO-9014', ...extra,
  });

  it('original amount is the total, amount due remaining the balance', () => {
    expect(oracleItem(row(), ORACLE_AR_AGING)).toEqual({
      ok: true,
      item: {
        kind: 'invoice', externalId: 'ORA-Vision_India-JT-ORA-5502-2', customerNumber: '100001', invoiceNumber: 'JT-ORA-5502', invoiceDate: '2026-10-01',
        dueDate: '2026-11-30', totalMinor: 8_850_000, balanceMinor: 3_850_000, currency: 'INR', status: 'Partially Paid', poNumber: 'PO-9014',
      },
    });
  });

  it('credit memos and receipts are money, positive', () => {
    expect(oracleItem(row({ kind: 'CM', amount: '(11,800.00)', openAmount: '(11,800.00)' }), ORACLE_AR_AGING)).toMatchObject({ item: { kind: 'money', type: 'Credit Note', amountMinor: 1_180_000 } });
    expect(oracleItem(row({ kind: 'PMT', amount: '-20,000.00', openAmount: '-20,000.00' }), ORACLE_AR_AGING)).toMatchObject({ item: { type: 'Unapplied Cash', amountMinor: 2_000_000 } });
  });

  it.each([
    [{ kind: 'ADJ' }, /unknown transaction type "ADJ"/],
    [{ openAmount: '99,000.00' }, /remaining amount between 0 and it/],
    [{ documentDate: '2026-13-01' }, /bad document date/],
    [{ currency: 'ABC' }, /unknown currency "ABC"/],
    [{ amount: '1.234,00' }, /bad amount/],
  ] as const)('refuses %j', (extra, reason) => {
    const result = oracleItem(row(extra as ErpRow), ORACLE_AR_AGING);
    expect(result.ok ? '' : result.reason).toMatch(reason);
  });
});

describe('mapped CSV rows', () => {
  const mapping = parseMapping({
    source: 'FIN', decimalSeparator: '.', dateFormat: 'DD/MM/YYYY',
    columns: { customerNumber: 'Client ID', documentNumber: 'Invoice #', kind: 'Type', documentDate: 'Issued', dueDate: 'Due', amount: 'Amount', openAmount: 'Open', currency: 'Currency' },
    kinds: { invoice: ['INV'], payment: ['PAY'], creditNote: ['CRN'] },
  });
  const layout = mappingLayout(mapping);
  const row = (extra: ErpRow = {}): ErpRow => ({ customerNumber: '100001', documentNumber: 'FIN-26-0433', kind: 'INV', documentDate: '21/10/2026', dueDate: '20/11/2026', amount: '29500.00', openAmount: '14500.00', currency: 'INR', ...extra });

  it('follows the mapping', () => {
    expect(mappedItem(row(), layout, mapping)).toMatchObject({ item: { externalId: 'FIN-FIN-26-0433', status: 'Partially Paid', totalMinor: 2_950_000, balanceMinor: 1_450_000, dueDate: '2026-11-20' } });
    expect(mappedItem(row({ kind: 'pay', openAmount: '' }), layout, mapping)).toMatchObject({ item: { kind: 'money', type: 'Payment' } });
    expect(mappedItem(row({ kind: 'CRN', amount: '-310.00' }), layout, mapping)).toMatchObject({ item: { type: 'Credit Note', amountMinor: 31_000 } });
  });

  it('refuses kinds the mapping does not list, and dates in another format', () => {
    expect(mappedItem(row({ kind: 'XX' }), layout, mapping)).toMatchObject({ ok: false, reason: expect.stringMatching(/unknown transaction type "XX" \(the mapping lists INV, PAY, CRN\)/) });
    expect(mappedItem(row({ dueDate: '2026-11-20' }), layout, mapping)).toMatchObject({ ok: false, reason: expect.stringMatching(/bad net due date/) });
  });
});

describe('reconciliation', () => {
  const item = sapItem(sapRow(), GERMAN);
  if (!item.ok) {
    throw new Error('fixture');
  }
  const fp = itemFingerprint(item.item, '001A');

  it('new, changed, unchanged, and a second row with the same key is a duplicate', () => {
    const rec = new Reconciliation(new Map([['SAP-1000-90001234-2026-001', fp], ['SAP-1000-1-2026-001', 'other']]));
    expect(rec.classify('SAP-1000-90001234-2026-001', fp, '001A', 2)).toEqual({ outcome: 'unchanged' });
    expect(rec.classify('SAP-1000-1-2026-001', fp, '001A', 3)).toEqual({ outcome: 'changed' });
    expect(rec.classify('SAP-1000-2-2026-001', fp, '001A', 4)).toEqual({ outcome: 'new' });
    expect(rec.classify('SAP-1000-2-2026-001', fp, '001A', 9)).toEqual({ duplicateOfLine: 4 });
    expect(rec.counts).toEqual({ new: 1, changed: 1, unchanged: 1 });
  });

  it('a changed balance, due date or account changes the fingerprint', () => {
    if (item.item.kind !== 'invoice') {
      throw new Error('fixture');
    }
    expect(itemFingerprint({ ...item.item, balanceMinor: 1 }, '001A')).not.toBe(fp);
    expect(itemFingerprint({ ...item.item, dueDate: '2026-09-15' }, '001A')).not.toBe(fp);
    expect(itemFingerprint(item.item, '001B')).not.toBe(fp);
  });

  it('closes only this source’s open invoices of accounts in the file that the file no longer lists', () => {
    const rec = new Reconciliation(new Map());
    rec.classify('SAP-1-A', 'x', 'acc1', 2);
    const open = [
      { externalId: 'SAP-1-A', accountId: 'acc1' }, // still listed
      { externalId: 'SAP-1-B', accountId: 'acc1' }, // gone from the export: close
      { externalId: 'SAP-1-C', accountId: 'acc2' }, // account not in this file: leave
      { externalId: 'ORA-1-D', accountId: 'acc1' }, // another source: leave
    ];
    expect(rec.toClose(open, 'SAP')).toEqual(['SAP-1-B']);
  });
});
