/**
 * What an import would change in the CRM: each item is new (no record with its external id),
 * changed (a record whose written fields differ) or unchanged (identical: nothing is sent, so a
 * second run of the same file writes nothing). Items are compared by a fingerprint of exactly the
 * fields the import writes, built the same way from the file and from the CRM's records.
 */
import type { ErpInvoice, ErpMoney } from './items';

export interface InvoiceValues {
  accountId: string;
  invoiceNumber: string;
  invoiceDate: string;
  dueDate: string;
  totalMinor: number;
  balanceMinor: number;
  currency: string;
  status: string;
  poNumber: string | null;
}

export interface MoneyValues {
  accountId: string;
  type: string;
  amountMinor: number;
  currency: string;
  receivedOn: string;
  reference: string | null;
}

export function invoiceFingerprint(v: InvoiceValues): string {
  return ['I', v.accountId, v.invoiceNumber, v.invoiceDate, v.dueDate, v.totalMinor, v.balanceMinor, v.currency, v.status, v.poNumber ?? ''].join('\u0001');
}

export function moneyFingerprint(v: MoneyValues): string {
  return ['M', v.accountId, v.type, v.amountMinor, v.currency, v.receivedOn, v.reference ?? ''].join('\u0001');
}

export function itemFingerprint(item: ErpInvoice | ErpMoney, accountId: string): string {
  return item.kind === 'invoice' ? invoiceFingerprint({ ...item, accountId }) : moneyFingerprint({ ...item, accountId });
}

export type Outcome = 'new' | 'changed' | 'unchanged';
export type Classification = { outcome: Outcome } | { duplicateOfLine: number };

export interface ReconciliationCounts {
  new: number;
  changed: number;
  unchanged: number;
}

/** Classifies the items of one file against what the CRM holds, once each (a second row with the same id is a duplicate). */
export class Reconciliation {
  readonly counts: ReconciliationCounts = { new: 0, changed: 0, unchanged: 0 };
  /** External id → the file line that first carried it. */
  private readonly seen = new Map<string, number>();
  private readonly accounts = new Set<string>();

  /** `existing`: external id → fingerprint of the CRM record. */
  constructor(private readonly existing: ReadonlyMap<string, string>) {}

  classify(externalId: string, fingerprint: string, accountId: string, line: number): Classification {
    const first = this.seen.get(externalId);
    if (first !== undefined) {
      return { duplicateOfLine: first };
    }
    this.seen.set(externalId, line);
    this.accounts.add(accountId);
    const current = this.existing.get(externalId);
    const outcome: Outcome = current === undefined ? 'new' : current === fingerprint ? 'unchanged' : 'changed';
    this.counts[outcome] += 1;
    return { outcome };
  }

  /**
   * With --close-missing: open invoices of this source (external id `${source}-…`) on accounts the
   * file has rows for, that the file no longer lists. A full export lists every open item, so
   * these were cleared in the ERP. Invoices of other sources and of accounts absent from the file
   * are left alone (a partial export must not close what it does not cover).
   */
  toClose(openInvoices: Iterable<{ externalId: string; accountId: string }>, source: string): string[] {
    const prefix = `${source}-`;
    const out: string[] = [];
    for (const invoice of openInvoices) {
      if (invoice.externalId.startsWith(prefix) && this.accounts.has(invoice.accountId) && !this.seen.has(invoice.externalId)) {
        out.push(invoice.externalId);
      }
    }
    return out.sort();
  }
}
