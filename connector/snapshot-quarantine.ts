/**
 * Records whose currencies contradict each other are left out of the snapshot with a data-quality
 * note, the same way for every adapter, so one bad record never turns a whole section (total due,
 * overdue, aging) into an error line: the domain's aging refuses to add a dispute line in USD to
 * an invoice in EUR (`disputedAmountByInvoice`), and an invoice whose balance and total are in
 * different currencies (`ageInvoices`). The rest of the account still loads and adds up.
 */
import type { Dispute, Invoice } from './domain/model';
import type { DataQualityNote } from './port';

interface CurrencySections {
  invoices: Invoice[];
  disputes: Dispute[];
  dataQuality: DataQualityNote[];
}

/** `sections` without the records in a mismatched currency, and a note for each. */
export function quarantineCurrencyMismatches<S extends CurrencySections>(sections: S): S {
  const notes: DataQualityNote[] = [];
  const invoices = sections.invoices.filter((invoice) => {
    if (invoice.balance.currency === invoice.total.currency) {
      return true;
    }
    notes.push({
      recordKind: 'invoice',
      recordId: invoice.id,
      field: 'balance',
      message: `Invoice ${invoice.number} was left out: its balance is in ${invoice.balance.currency} but its total in ${invoice.total.currency}.`,
    });
    return false;
  });
  const invoiceCurrency = new Map(invoices.map((invoice) => [invoice.id, invoice.balance.currency]));
  const disputes = sections.disputes.filter((dispute) => {
    const lineCurrency = new Map<string, string>();
    for (const line of dispute.lines) {
      const expected = invoiceCurrency.get(line.invoiceId) ?? lineCurrency.get(line.invoiceId);
      if (expected !== undefined && expected !== line.amount.currency) {
        notes.push({
          recordKind: 'dispute',
          recordId: dispute.id,
          field: 'lines',
          message: `${dispute.reference ? `Dispute ${dispute.reference}` : 'A dispute'} was left out: it disputes an invoice in ${expected} with an amount in ${line.amount.currency}.`,
        });
        return false;
      }
      lineCurrency.set(line.invoiceId, line.amount.currency);
    }
    return true;
  });
  if (notes.length === 0) {
    return sections;
  }
  return { ...sections, invoices, disputes, dataQuality: [...sections.dataQuality, ...notes] };
}
