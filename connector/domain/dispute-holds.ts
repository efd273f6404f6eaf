/**
 * Which disputes hold and how much: active statuses and the disputed amount per invoice (domain-rules
 * (e)). Apart from the reason catalogue, SLA and line checks (disputes.ts, which re-exports these) so the
 * panel's first paint carries only these (issue 18).
 */
import { invalid, parseInput, requireObject } from './errors';
import * as guards from './guards';
import type { Dispute, DisputeStatus, Invoice, Money } from './model';
import { assertMoney, parseArray } from './money';

/** Statuses in which a dispute still holds dunning. */
export const ACTIVE_DISPUTE_STATUSES: readonly DisputeStatus[] = ['open', 'pending_verification', 'in_review'];

/**
 * True while the dispute is unresolved.
 * @throws DomainValidationError naming `dispute.status` for a missing or unknown status.
 */
export function isDisputeActive(dispute: Pick<Dispute, 'status'>): boolean {
  const status = parseInput(guards.disputeStatus, requireObject(dispute, 'dispute').status, 'dispute.status');
  return ACTIVE_DISPUTE_STATUSES.includes(status);
}

/** The disputes checked (shape, line amounts). @internal (disputes.ts) */
export function parseDisputes(disputes: unknown): Dispute[] {
  return parseArray(disputes, 'disputes', (value, field) => {
    const dispute = parseInput(guards.dispute, value, field);
    dispute.lines.forEach((line, index) => assertMoney(line.amount, `${field}.lines[${index}].amount`));
    return dispute;
  });
}

/**
 * Disputed amount per invoice id from the lines of *active* disputes, summed across disputes.
 * With `invoices`, each total is capped at that invoice's balance (a dispute cannot hold more than
 * is owed) and lines in another currency throw `currency_mismatch`.
 */
export function disputedAmountByInvoice(disputes: readonly Dispute[], invoices?: readonly Invoice[]): Map<string, Money> {
  const parsed = parseDisputes(disputes);
  const balances = new Map<string, Money>();
  if (invoices !== undefined) {
    parseArray(invoices, 'invoices', (value, field) => parseInput(guards.invoice, value, field)).forEach((invoice, index) => {
      balances.set(invoice.id, assertMoney(invoice.balance, `invoices[${index}].balance`));
    });
  }
  const totals = new Map<string, Money>();
  parsed.forEach((dispute, d) => {
    if (!isDisputeActive(dispute)) {
      return;
    }
    dispute.lines.forEach((line, l) => {
      const field = `disputes[${d}].lines[${l}].amount`;
      const balance = balances.get(line.invoiceId);
      if (balance && balance.currency !== line.amount.currency) {
        invalid(`${field}.currency`, `invoice ${line.invoiceId} is in ${balance.currency}`, 'currency_mismatch');
      }
      const previous = totals.get(line.invoiceId);
      if (previous && previous.currency !== line.amount.currency) {
        invalid(`${field}.currency`, `other lines for invoice ${line.invoiceId} are in ${previous.currency}`, 'currency_mismatch');
      }
      totals.set(line.invoiceId, { amountMinor: (previous?.amountMinor ?? 0) + Math.max(0, line.amount.amountMinor), currency: line.amount.currency });
    });
  });
  if (invoices !== undefined) {
    for (const [invoiceId, amount] of totals) {
      const balance = balances.get(invoiceId);
      if (balance) {
        totals.set(invoiceId, { amountMinor: Math.min(amount.amountMinor, Math.max(0, balance.amountMinor)), currency: amount.currency });
      }
    }
  }
  return totals;
}
