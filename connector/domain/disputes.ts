/**
 * Disputes: reason-code catalogue, SLA dates, disputed amounts and dunning holds
 * (domain-rules.md (e); consumer disputes: (f.11) US-14, UK-4).
 *
 * B2B: only the disputed line/amount is held; the rest of the invoice is still chased.
 * B2C: a dispute blocks the whole debt until verification (CONC 7.14.1R, Reg F / FDCPA §1692g(b)).
 */
import { addBusinessDays, parseIsoDate } from './dates';
import { type DomainValidationError, integerIn, invalid, parseInput } from './errors';
import * as guards from './guards';
import type { Dispute, DisputeLine, DisputeReason, Invoice, IsoDate, Money } from './model';
import { assertMoney, parseArray } from './money';
import { isDisputeActive, parseDisputes } from './dispute-holds';

// What the panel's first paint needs (active disputes, disputed amounts) lives in dispute-holds.ts, apart from
// the catalogue, SLA and line checks the forms use (a module shared with the forms lands whole in the panel's
// first chunk; issue 18). Re-exported: one import path for callers.
export { ACTIVE_DISPUTE_STATUSES, disputedAmountByInvoice, isDisputeActive } from './dispute-holds';

/** What a dispute holds from dunning: just the disputed amount, or the whole invoice until reissue. */
export type DunningHold = 'disputed_amount' | 'whole_invoice';

/** Catalogue entry for a dispute reason. */
export interface DisputeReasonInfo {
  reason: DisputeReason;
  label: string;
  /** Team the dispute is routed to. */
  routeTo: string;
  /** Evidence to request or attach. */
  evidence: readonly string[];
  dunningHold: DunningHold;
  /** Resolution target in business days ("resolve in 10 business days", finortal.com [S]). */
  slaBusinessDays: number;
}

/** Default resolution SLA in business days (domain-rules (e) Controls). */
export const DEFAULT_DISPUTE_SLA_BUSINESS_DAYS = 10;

/**
 * Reason-code catalogue (domain-rules (e) Routing table; X12 426 codes from stedi.com [V]).
 * Data, not law: a tenant may override routing and SLAs.
 */
export const DISPUTE_REASONS: Readonly<Record<DisputeReason, DisputeReasonInfo>> = /* @__PURE__ */ Object.freeze({
  pricing: {
    reason: 'pricing', label: 'Pricing error',
    routeTo: 'Sales owner + pricing', evidence: ['Purchase order', 'Contract', 'Price list'],
    dunningHold: 'disputed_amount', slaBusinessDays: DEFAULT_DISPUTE_SLA_BUSINESS_DAYS,
  },
  quantity: {
    reason: 'quantity', label: 'Quantity contested',
    routeTo: 'Logistics / warehouse', evidence: ['Proof of delivery', 'Packing list', 'Weight ticket'],
    dunningHold: 'disputed_amount', slaBusinessDays: DEFAULT_DISPUTE_SLA_BUSINESS_DAYS,
  },
  damaged_quality: {
    reason: 'damaged_quality', label: 'Damaged or quality issue',
    routeTo: 'Quality / customer service (RMA)', evidence: ['Photos', 'Inspection report', 'RMA number'],
    dunningHold: 'disputed_amount', slaBusinessDays: DEFAULT_DISPUTE_SLA_BUSINESS_DAYS,
  },
  not_received: {
    reason: 'not_received', label: 'Goods not received',
    routeTo: 'Logistics / carrier claims', evidence: ['Proof of delivery', 'Carrier tracking'],
    dunningHold: 'disputed_amount', slaBusinessDays: DEFAULT_DISPUTE_SLA_BUSINESS_DAYS,
  },
  wrong_item: {
    reason: 'wrong_item', label: 'Wrong or substituted item',
    routeTo: 'Customer service + sales', evidence: ['Order', 'Shipment record'],
    dunningHold: 'disputed_amount', slaBusinessDays: DEFAULT_DISPUTE_SLA_BUSINESS_DAYS,
  },
  duplicate_billing: {
    reason: 'duplicate_billing', label: 'Duplicate or billing error',
    routeTo: 'Billing / AR', evidence: ['Invoice history'],
    dunningHold: 'whole_invoice', slaBusinessDays: DEFAULT_DISPUTE_SLA_BUSINESS_DAYS,
  },
  tax: {
    reason: 'tax', label: 'Tax (e.g. GST rate, GSTIN, e-invoice IRN)',
    routeTo: 'Tax / billing', evidence: ['Tax invoice', 'IRN / e-invoice'],
    dunningHold: 'disputed_amount', slaBusinessDays: DEFAULT_DISPUTE_SLA_BUSINESS_DAYS,
  },
  po_missing: {
    reason: 'po_missing', label: 'PO or required data missing',
    routeTo: 'Billing (reissue)', evidence: ['Customer PO', 'Portal rules'],
    // Held until reissued; the due date may reset on reissue.
    dunningHold: 'whole_invoice', slaBusinessDays: DEFAULT_DISPUTE_SLA_BUSINESS_DAYS,
  },
  service_not_rendered: {
    reason: 'service_not_rendered', label: 'Service not rendered / SLA',
    routeTo: 'Service owner', evidence: ['Timesheets', 'SLA report'],
    dunningHold: 'disputed_amount', slaBusinessDays: DEFAULT_DISPUTE_SLA_BUSINESS_DAYS,
  },
  other: {
    reason: 'other', label: 'Other',
    routeTo: 'AR', evidence: [],
    dunningHold: 'disputed_amount', slaBusinessDays: DEFAULT_DISPUTE_SLA_BUSINESS_DAYS,
  },
});

/** Catalogue entry for `reason`. @throws naming `reason` for an unknown code. */
export function disputeReasonInfo(reason: DisputeReason): DisputeReasonInfo {
  return DISPUTE_REASONS[parseInput(guards.disputeReason, reason, 'reason')];
}

/**
 * ANSI X12 element 426 adjustment reason codes (820 remittance / 812 credit-debit adjustment) that map to
 * each reason. Apart from the catalogue: only EDI imports read it (`reasonForX12Code`), so it stays out
 * of the panel bundle.
 */
export const X12_CODES_BY_REASON: Readonly<Record<DisputeReason, readonly string[]>> = /* @__PURE__ */ Object.freeze({
  pricing: ['01', '02', '09', '23', '24', '43'], // pricing, allowance/charge, terms of sale, unauthorised charge, discount
  quantity: ['06', '22'], // quantity contested, weight error
  damaged_quality: ['04', '05', '11', '12'], // not accepted: damaged / quality; returns: damage / quality
  not_received: ['41', '42'], // not accepted: delay / loss
  wrong_item: ['07', '08'], // incorrect product, substitute product
  duplicate_billing: ['18', '19', '26'], // not company bill, duplicate billing, invoice cancelled
  tax: [],
  po_missing: ['17', '40', '44'], // required data missing, address incorrect, required documents missing
  service_not_rendered: [],
  other: [],
});

/**
 * Reverse lookup: our reason for an X12 426 code (e.g. `'19'` → `duplicate_billing`); undefined for a
 * code we do not map (the caller then asks for a reason).
 * @throws DomainValidationError `invalid_input` naming `code` when it is not a string.
 */
export function reasonForX12Code(code: string): DisputeReason | undefined {
  if (typeof code !== 'string') {
    invalid('code', 'must be an X12 426 code string such as "19"');
  }
  return (Object.keys(X12_CODES_BY_REASON) as DisputeReason[]).find((reason) => X12_CODES_BY_REASON[reason].includes(code));
}

/** Options for {@link slaDueDate}. */
export interface SlaOptions {
  /** Overrides the reason's SLA (default 10 business days). */
  businessDays?: number;
  holidays?: readonly IsoDate[];
}

/**
 * Resolution due date: `openedOn` + N business days (weekends and `holidays` skipped), N from the
 * option, else the reason's catalogue SLA, else 10.
 */
export function slaDueDate(openedOn: IsoDate, reason?: DisputeReason | null, options: SlaOptions = {}): IsoDate {
  const opened = parseIsoDate(openedOn, 'openedOn');
  const days = options.businessDays ?? (reason != null ? disputeReasonInfo(reason).slaBusinessDays : DEFAULT_DISPUTE_SLA_BUSINESS_DAYS);
  return addBusinessDays(opened, integerIn(days, 'businessDays', 1, 365), options.holidays ?? []);
}

/** Options for {@link isDunningHeld}. */
export interface DunningHoldOptions {
  /**
   * Consumer debt: any active dispute holds every invoice of the account (US-14, UK-4, f.11:
   * "Block debt until verification/outcome (B2B: disputed amount only)").
   */
  wholeDebt?: boolean;
}

/**
 * True when an active dispute holds `invoiceId` from dunning: "not dunned, neither by a run nor on
 * its own, until the block is removed" (jtl-software dunning blocks [V]). For B2B reasons with a
 * `disputed_amount` hold, the rest of the invoice may still be chased; use
 * {@link disputedAmountByInvoice} for the amount.
 */
export function isDunningHeld(invoiceId: string, disputes: readonly Dispute[], options: DunningHoldOptions = {}): boolean {
  if (typeof invoiceId !== 'string' || invoiceId.length === 0) {
    invalid('invoiceId', 'must be a non-empty id');
  }
  const active = parseDisputes(disputes).filter(isDisputeActive);
  if (options.wholeDebt && active.length > 0) {
    return true;
  }
  return active.some((dispute) => dispute.lines.some((line) => line.invoiceId === invoiceId));
}

/** One problem found by {@link validateDisputeLines}. */
export interface DisputeLineIssue {
  field: string;
  code: 'invalid_input' | 'out_of_range' | 'currency_mismatch' | 'unknown_invoice';
  message: string;
}

/**
 * Validate dispute lines against the open invoices for a dispute form: each amount > 0, in the
 * invoice currency, not more than the invoice balance; each invoice disputed once per dispute.
 * Returns every issue (empty = valid) so the form can show them all at once.
 */
export function validateDisputeLines(lines: readonly DisputeLine[], invoices: readonly Invoice[]): DisputeLineIssue[] {
  const issues: DisputeLineIssue[] = [];
  const byId = new Map<string, Invoice>();
  parseArray(invoices, 'invoices', (value, field) => parseInput(guards.invoice, value, field)).forEach((invoice) => byId.set(invoice.id, invoice));
  if (!Array.isArray(lines)) {
    return [{ field: 'lines', code: 'invalid_input', message: 'must be an array' }];
  }
  if (lines.length === 0) {
    issues.push({ field: 'lines', code: 'invalid_input', message: 'a dispute needs at least one line' });
  }
  const seen = new Set<string>();
  lines.forEach((line, index) => {
    const field = `lines[${index}]`;
    let amount: Money;
    try {
      amount = assertMoney(line?.amount, `${field}.amount`);
    } catch (error) {
      const e = error as DomainValidationError;
      issues.push({ field: e.field, code: 'invalid_input', message: e.message });
      return;
    }
    const invoice = byId.get(line.invoiceId);
    if (!invoice) {
      issues.push({ field: `${field}.invoiceId`, code: 'unknown_invoice', message: `invoice ${String(line.invoiceId)} is not among the account's invoices` });
      return;
    }
    if (seen.has(line.invoiceId)) {
      issues.push({ field: `${field}.invoiceId`, code: 'invalid_input', message: `invoice ${invoice.number} appears twice` });
    }
    seen.add(line.invoiceId);
    if (amount.currency !== invoice.balance.currency) {
      issues.push({ field: `${field}.amount.currency`, code: 'currency_mismatch', message: `invoice ${invoice.number} is in ${invoice.balance.currency}` });
      return;
    }
    if (amount.amountMinor <= 0) {
      issues.push({ field: `${field}.amount.amountMinor`, code: 'out_of_range', message: 'disputed amount must be greater than zero' });
    } else if (amount.amountMinor > invoice.balance.amountMinor) {
      issues.push({ field: `${field}.amount.amountMinor`, code: 'out_of_range', message: `disputed amount exceeds the open balance of invoice ${invoice.number}` });
    }
  });
  return issues;
}
