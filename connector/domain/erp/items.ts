/**
 * One ERP row → one receivable item for the CRM (an invoice, or a payment / credit note), or the
 * reason it cannot be taken. The rules per source:
 *
 * SAP FBL5N (open and cleared customer items, BSID/BSAD): a debit (positive amount) is an invoice,
 * open with its full amount, or paid (balance 0) once it has a clearing date; a credit (negative) is
 * money: a credit memo (document type DG, G2) becomes a credit note, any other credit a payment
 * (applied once cleared, unapplied cash while open). The id is company code + document number +
 * fiscal year + line item, SAP's own key of a line item (BKPF/BSEG: BUKRS, BELNR, GJAHR, BUZEI).
 *
 * Oracle AR aging: Original Amount is the invoice total and Amount Due Remaining its balance; credit
 * memos and receipts (class CM, PMT) become credit notes and unapplied cash. The id is business
 * unit + transaction number + installment (RA_CUSTOMER_TRX.TRX_NUMBER with the payment schedule).
 *
 * A mapped CSV: as its mapping says (mapping.ts); without a kind column a negative amount is a
 * credit note. The id is the mapping's source + document number (+ installment).
 */
import { parseErpDate } from './dates';
import type { ErpDateFormat } from './dates';
import { DomainValidationError } from '../errors';
import { FIELD_LABELS } from './layouts';
import type { ErpField, ErpLayout } from './layouts';
import type { ErpMapping } from './mapping';
import { parseErpAmount } from './numbers';
import type { DecimalMark } from './numbers';
import { fromDecimalString } from '../money';

/** A cell as the reader found it: text (CSV, or a text cell), a spreadsheet number, or a spreadsheet date. */
export type ErpCell = string | { number: string } | { date: string };
export type ErpRow = Partial<Record<ErpField, ErpCell>>;

export type InvoiceStatus = 'Open' | 'Partially Paid' | 'Paid';
export type MoneyKind = 'Payment' | 'Credit Note' | 'Unapplied Cash';

export interface ErpInvoice {
  kind: 'invoice';
  externalId: string;
  customerNumber: string;
  invoiceNumber: string;
  invoiceDate: string;
  dueDate: string;
  totalMinor: number;
  balanceMinor: number;
  currency: string;
  status: InvoiceStatus;
  poNumber: string | null;
}

export interface ErpMoney {
  kind: 'money';
  externalId: string;
  customerNumber: string;
  type: MoneyKind;
  /** Positive. */
  amountMinor: number;
  currency: string;
  receivedOn: string;
  reference: string | null;
}

export type ErpItem = ErpInvoice | ErpMoney;
export type ItemResult = { ok: true; item: ErpItem } | { ok: false; reason: string };

/** Longest External_Id__c the CRM field takes (product schema: Text 80). */
export const MAX_EXTERNAL_ID_LENGTH = 80;

class RowProblem extends Error {}

interface Reader {
  text(field: ErpField): string;
  required(field: ErpField): string;
  date(field: ErpField): string;
  amount(field: ErpField, currency: string): number;
}

function reader(row: ErpRow, mark: DecimalMark, formats: readonly ErpDateFormat[]): Reader {
  const text = (field: ErpField): string => {
    const cell = row[field];
    if (cell === undefined) {
      return '';
    }
    return typeof cell === 'string' ? cell.trim() : 'number' in cell ? cell.number : cell.date;
  };
  const required = (field: ErpField): string => {
    const value = text(field);
    if (value === '') {
      throw new RowProblem(`no ${FIELD_LABELS[field]}`);
    }
    return value;
  };
  return {
    text,
    required,
    date(field) {
      const cell = row[field];
      if (cell !== undefined && typeof cell === 'object' && 'date' in cell) {
        return cell.date;
      }
      const value = required(field);
      try {
        return parseErpDate(value, formats, field);
      } catch (error) {
        throw new RowProblem(`bad ${FIELD_LABELS[field]}: ${reason(error)}`);
      }
    },
    amount(field, currency) {
      const cell = row[field];
      try {
        if (cell !== undefined && typeof cell === 'object' && 'number' in cell) {
          return fromDecimalString(cell.number, currency).amountMinor;
        }
        return parseErpAmount(required(field), mark, currency, field);
      } catch (error) {
        if (error instanceof RowProblem) {
          throw error;
        }
        if (error instanceof DomainValidationError && error.code === 'unknown_currency') {
          throw new RowProblem(`unknown currency ${JSON.stringify(currency)} (not an ISO 4217 code)`);
        }
        const detail = reason(error).replace(/; "[^"]*" would need rounding/, ', so it cannot carry these decimals');
        throw new RowProblem(`bad ${FIELD_LABELS[field]} ${JSON.stringify(text(field))}: ${detail}`);
      }
    },
  };
}

function reason(error: unknown): string {
  if (error instanceof RowProblem) {
    return error.message;
  }
  return error instanceof Error ? error.message.replace(/^[A-Za-z.]+: /, '') : String(error);
}

function currencyOf(code: string): string {
  const upper = code.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(upper)) {
    throw new RowProblem(`unknown currency ${JSON.stringify(code)} (not an ISO 4217 code)`);
  }
  return upper;
}

function checkId(id: string): string {
  if (id.length > MAX_EXTERNAL_ID_LENGTH) {
    throw new RowProblem(`its ERP key ${id} is longer than ${MAX_EXTERNAL_ID_LENGTH} characters`);
  }
  return id;
}

/** Customer numbers compare without SAP's leading zeros (ALPHA conversion: 0000100001 = 100001). */
export function normaliseCustomerNumber(value: string): string {
  const trimmed = value.trim();
  return /^\d+$/.test(trimmed) ? trimmed.replace(/^0+(?=\d)/, '') : trimmed;
}

function guarded(build: () => ErpItem): ItemResult {
  try {
    return { ok: true, item: build() };
  } catch (error) {
    if (error instanceof RowProblem) {
      return { ok: false, reason: error.message };
    }
    throw error;
  }
}

const SAP_CREDIT_MEMO_TYPES = new Set(['DG', 'G2']);

export function sapItem(row: ErpRow, layout: ErpLayout): ItemResult {
  return guarded(() => {
    const r = reader(row, layout.decimalMark, layout.dateFormats);
    const useDocument = r.text('amount') !== '' || r.text('currency') !== '';
    const currency = currencyOf(useDocument ? r.required('currency') : r.required('localCurrency'));
    const signed = r.amount(useDocument ? 'amount' : 'localAmount', currency);
    const company = r.required('companyCode');
    const document = r.required('documentNumber');
    const year = r.required('fiscalYear');
    if (!/^\d{4}$/.test(year)) {
      throw new RowProblem(`bad fiscal year ${JSON.stringify(year)}`);
    }
    const line = r.required('lineItem');
    if (!/^\d{1,6}$/.test(line)) {
      throw new RowProblem(`bad line item ${JSON.stringify(line)}`);
    }
    const customerNumber = normaliseCustomerNumber(r.required('customerNumber'));
    const externalId = checkId(`SAP-${company}-${document}-${year}-${line.padStart(3, '0')}`);
    const documentDate = r.date('documentDate');
    const cleared = r.text('clearingDate') !== '' ? r.date('clearingDate') : null;
    if (signed === 0) {
      throw new RowProblem('amount is zero');
    }
    if (signed > 0) {
      return {
        kind: 'invoice', externalId, customerNumber, invoiceNumber: r.text('reference') || document, invoiceDate: documentDate,
        dueDate: r.date('dueDate'), totalMinor: signed, balanceMinor: cleared ? 0 : signed, currency, status: cleared ? 'Paid' : 'Open',
        poNumber: r.text('assignment') || null,
      };
    }
    const type: MoneyKind = SAP_CREDIT_MEMO_TYPES.has(r.text('documentType').toUpperCase()) ? 'Credit Note' : cleared ? 'Payment' : 'Unapplied Cash';
    return {
      kind: 'money', externalId, customerNumber, type, amountMinor: -signed, currency,
      receivedOn: r.text('postingDate') !== '' ? r.date('postingDate') : documentDate, reference: r.text('reference') || r.text('assignment') || document,
    };
  });
}

const ORACLE_INVOICE = new Set(['INV', 'INVOICE', 'DM', 'DEBIT MEMO', 'CB', 'CHARGEBACK', 'DEP', 'DEPOSIT']);
const ORACLE_CREDIT = new Set(['CM', 'CREDIT MEMO']);
const ORACLE_RECEIPT = new Set(['PMT', 'PAYMENT', 'RECEIPT', 'UNAPPLIED', 'ON ACCOUNT']);

export function oracleItem(row: ErpRow, layout: ErpLayout): ItemResult {
  return guarded(() => {
    const r = reader(row, layout.decimalMark, layout.dateFormats);
    const currency = currencyOf(r.required('currency'));
    const original = r.amount('amount', currency);
    const remaining = r.amount('openAmount', currency);
    const unit = r.text('businessUnit').replace(/\s+/g, '_') || '0';
    const installment = r.text('installment') || '1';
    if (!/^\d{1,4}$/.test(installment)) {
      throw new RowProblem(`bad installment ${JSON.stringify(installment)}`);
    }
    const trx = r.required('documentNumber');
    const externalId = checkId(`ORA-${unit}-${trx}-${installment}`);
    const customerNumber = normaliseCustomerNumber(r.required('customerNumber'));
    const klass = r.text('kind').toUpperCase() || (original < 0 ? 'CM' : 'INV');
    const documentDate = r.date('documentDate');
    if (ORACLE_INVOICE.has(klass)) {
      if (original <= 0 || remaining < 0 || remaining > original) {
        throw new RowProblem('an invoice needs a positive original amount and a remaining amount between 0 and it');
      }
      return {
        kind: 'invoice', externalId, customerNumber, invoiceNumber: trx, invoiceDate: documentDate, dueDate: r.date('dueDate'),
        totalMinor: original, balanceMinor: remaining, currency, status: remaining === 0 ? 'Paid' : remaining === original ? 'Open' : 'Partially Paid',
        poNumber: r.text('reference') || null,
      };
    }
    const credit = ORACLE_CREDIT.has(klass);
    if (!credit && !ORACLE_RECEIPT.has(klass)) {
      throw new RowProblem(`unknown transaction type ${JSON.stringify(r.text('kind'))}`);
    }
    const amount = Math.abs(remaining !== 0 ? remaining : original);
    if (amount === 0) {
      throw new RowProblem('amount is zero');
    }
    return {
      kind: 'money', externalId, customerNumber, type: credit ? 'Credit Note' : 'Unapplied Cash', amountMinor: amount, currency,
      receivedOn: documentDate, reference: trx,
    };
  });
}

export function mappedItem(row: ErpRow, layout: ErpLayout, mapping: ErpMapping): ItemResult {
  return guarded(() => {
    const r = reader(row, layout.decimalMark, layout.dateFormats);
    const currency = currencyOf(mapping.columns.currency === undefined ? mapping.currency ?? '' : r.required('currency'));
    const signed = r.amount('amount', currency);
    const open = r.text('openAmount') === '' ? null : r.amount('openAmount', currency);
    const document = r.required('documentNumber');
    const installment = r.text('installment');
    const externalId = checkId(`${mapping.source}-${document}${installment ? `-${installment}` : ''}`);
    const customerNumber = normaliseCustomerNumber(r.required('customerNumber'));
    const documentDate = r.date('documentDate');
    let kind: 'invoice' | 'payment' | 'creditNote';
    if (mapping.kinds) {
      const value = r.text('kind');
      const found = (['invoice', 'payment', 'creditNote'] as const).find((k) => mapping.kinds?.[k]?.some((v) => v.trim().toUpperCase() === value.toUpperCase()));
      if (!found) {
        throw new RowProblem(`unknown ${FIELD_LABELS.kind} ${JSON.stringify(value)} (the mapping lists ${Object.values(mapping.kinds).flat().join(', ')})`);
      }
      kind = found;
    } else {
      kind = signed < 0 ? 'creditNote' : 'invoice';
    }
    if (signed === 0) {
      throw new RowProblem('amount is zero');
    }
    if (kind === 'invoice') {
      const balance = open ?? signed;
      if (signed < 0 || balance < 0 || balance > signed) {
        throw new RowProblem('an invoice needs a positive amount and an open amount between 0 and it');
      }
      return {
        kind: 'invoice', externalId, customerNumber, invoiceNumber: document, invoiceDate: documentDate, dueDate: r.date('dueDate'),
        totalMinor: signed, balanceMinor: balance, currency, status: balance === 0 ? 'Paid' : balance === signed ? 'Open' : 'Partially Paid',
        poNumber: r.text('reference') || null,
      };
    }
    return {
      kind: 'money', externalId, customerNumber, type: kind === 'creditNote' ? 'Credit Note' : 'Payment', amountMinor: Math.abs(signed), currency,
      receivedOn: documentDate, reference: r.text('reference') || document,
    };
  });
}

/** True when a row has nothing in it (a blank line, or a row of empty cells). */
export function isBlankRow(cells: readonly string[]): boolean {
  return cells.every((cell) => cell.trim() === '');
}

