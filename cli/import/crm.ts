/**
 * The CRM side of `collections import`: what the org holds before the import (accounts by ERP
 * customer number, this source's invoices and payments by external id, as fingerprints), and the
 * writes: Bulk API 2.0 upserts on External_Id__c, so a row written twice is one record.
 */
import type { ErpItem } from '../../connector/domain/erp';
import { invoiceFingerprint, moneyFingerprint, normaliseCustomerNumber, parseErpAmount } from '../../connector/domain/erp';
import { toDecimalString } from '../../connector/domain';
import { bulkIngest, bulkQuery } from '../../connector/salesforce/bulk2';
import type { BulkClient, BulkIngestSummary, CsvRow } from '../../connector/salesforce/bulk2';
import { soqlLike } from '../../connector/salesforce/soql';

export const ACCOUNT_ERP_FIELD = 'ERP_Customer_Number__c';
export const INVOICE_OBJECT = 'Collections_Invoice__c';
export const PAYMENT_OBJECT = 'Collections_Payment__c';
export const EXTERNAL_ID_FIELD = 'External_Id__c';

export const INVOICE_COLUMNS = ['External_Id__c', 'Account__c', 'Invoice_Number__c', 'Invoice_Date__c', 'Due_Date__c', 'Total_Amount__c', 'Balance__c', 'Currency_Code__c', 'Status__c', 'PO_Number__c'] as const;
export const PAYMENT_COLUMNS = ['External_Id__c', 'Account__c', 'Type__c', 'Amount__c', 'Currency_Code__c', 'Received_On__c', 'Reference__c'] as const;

export interface CrmState {
  /** Normalised ERP customer number → Account id. */
  accounts: Map<string, string>;
  /** External id → fingerprint of the record the CRM holds. */
  existing: Map<string, string>;
  /** Invoices of this source with a balance: candidates for --close-missing. */
  openInvoices: { externalId: string; accountId: string }[];
}

async function* queryRows(client: BulkClient, soql: string, signal: AbortSignal): AsyncGenerator<CsvRow> {
  for await (const page of bulkQuery(client, soql, { signal, pollIntervalMs: 300 })) {
    yield* page.records;
  }
}

/** CRM decimal text (Number(18,4), e.g. "95000.5") → minor units; null when unreadable (the record is then rewritten). */
function minorOf(text: string | null | undefined, currency: string | null | undefined): number | null {
  if (!text || !currency) {
    return null;
  }
  try {
    return parseErpAmount(text, '.', currency);
  } catch {
    return null;
  }
}

export async function readCrmState(client: BulkClient, source: string, signal: AbortSignal): Promise<CrmState> {
  const accounts = new Map<string, string>();
  for await (const row of queryRows(client, `SELECT Id, ${ACCOUNT_ERP_FIELD} FROM Account WHERE ${ACCOUNT_ERP_FIELD} != null`, signal)) {
    if (row.Id && row[ACCOUNT_ERP_FIELD]) {
      accounts.set(normaliseCustomerNumber(row[ACCOUNT_ERP_FIELD] as string), row.Id);
    }
  }
  const existing = new Map<string, string>();
  const openInvoices: CrmState['openInvoices'] = [];
  const like = soqlLike(`${source}-`, 'prefix');
  for await (const row of queryRows(client, `SELECT ${INVOICE_COLUMNS.join(', ')} FROM ${INVOICE_OBJECT} WHERE ${EXTERNAL_ID_FIELD} LIKE ${like}`, signal)) {
    const id = row.External_Id__c;
    if (!id) {
      continue;
    }
    const total = minorOf(row.Total_Amount__c, row.Currency_Code__c);
    const balance = minorOf(row.Balance__c, row.Currency_Code__c);
    existing.set(id, total === null || balance === null ? '' : invoiceFingerprint({
      accountId: row.Account__c ?? '', invoiceNumber: row.Invoice_Number__c ?? '', invoiceDate: row.Invoice_Date__c ?? '', dueDate: row.Due_Date__c ?? '',
      totalMinor: total, balanceMinor: balance, currency: row.Currency_Code__c ?? '', status: row.Status__c ?? '', poNumber: row.PO_Number__c ?? null,
    }));
    if ((balance === null || balance > 0) && row.Status__c !== 'Paid' && row.Status__c !== 'Cancelled' && row.Account__c) {
      openInvoices.push({ externalId: id, accountId: row.Account__c });
    }
  }
  for await (const row of queryRows(client, `SELECT ${PAYMENT_COLUMNS.join(', ')} FROM ${PAYMENT_OBJECT} WHERE ${EXTERNAL_ID_FIELD} LIKE ${like}`, signal)) {
    const id = row.External_Id__c;
    if (!id) {
      continue;
    }
    const amount = minorOf(row.Amount__c, row.Currency_Code__c);
    existing.set(id, amount === null ? '' : moneyFingerprint({
      accountId: row.Account__c ?? '', type: row.Type__c ?? '', amountMinor: amount, currency: row.Currency_Code__c ?? '',
      receivedOn: row.Received_On__c ?? '', reference: row.Reference__c ?? null,
    }));
  }
  return { accounts, existing, openInvoices };
}

/** An item as the CSV row its upsert sends (amounts as exact decimal text, null clears a field). */
export function itemRow(item: ErpItem, accountId: string): Record<string, string | null> {
  const decimal = (amountMinor: number): string => toDecimalString({ amountMinor, currency: item.currency });
  if (item.kind === 'invoice') {
    return {
      External_Id__c: item.externalId, Account__c: accountId, Invoice_Number__c: item.invoiceNumber, Invoice_Date__c: item.invoiceDate,
      Due_Date__c: item.dueDate, Total_Amount__c: decimal(item.totalMinor), Balance__c: decimal(item.balanceMinor), Currency_Code__c: item.currency,
      Status__c: item.status, PO_Number__c: item.poNumber,
    };
  }
  return {
    External_Id__c: item.externalId, Account__c: accountId, Type__c: item.type, Amount__c: decimal(item.amountMinor), Currency_Code__c: item.currency,
    Received_On__c: item.receivedOn, Reference__c: item.reference,
  };
}

export interface UpsertResult {
  created: number;
  updated: number;
  /** External id → Salesforce's error for each refused row. */
  failures: Map<string, string>;
}

export async function upsertRows(client: BulkClient, object: string, columns: readonly string[], rows: readonly Record<string, string | null>[], signal: AbortSignal, onProgress?: (processed: number) => void): Promise<UpsertResult> {
  const result: UpsertResult = { created: 0, updated: 0, failures: new Map() };
  if (rows.length === 0) {
    return result;
  }
  const summary: BulkIngestSummary = await bulkIngest(client, {
    object, operation: 'upsert', externalIdFieldName: EXTERNAL_ID_FIELD, rows, columns, signal, pollIntervalMs: 300,
    ...(onProgress ? { onProgress: (p) => onProgress(p.numberRecordsProcessed) } : {}),
  });
  for (const row of summary.successful) {
    if (row.sf__Created === 'true') {
      result.created += 1;
    } else {
      result.updated += 1;
    }
  }
  for (const failure of summary.failures) {
    result.failures.set(failure.row.External_Id__c ?? '', failure.error.replace(/\s+/g, ' ').trim());
  }
  return result;
}
