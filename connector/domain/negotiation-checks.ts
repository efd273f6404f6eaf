/**
 * Negotiations checked against the money and the calendar (issue 17): one implementation for the
 * panel's forms and the ports' write rules (connector/writes/validate.ts), so an API caller is refused
 * what the form would not let a collector save.
 *
 * - A plan may not ask for more than the collectable balance of its invoices (open balance less any
 *   amount under an active dispute: Reg F 1006.18(b)(2)(i), no misrepresenting the amount owed).
 * - A promise date, a plan's first payment and a settlement's expiry are not in the past and not
 *   beyond a policy bound (promise: 90 days by default; settlement validity: 30 days; the plan's
 *   first payment: 90 days; its term: months from today, checkPlanPolicy's rule).
 * - Choosing an invoice that is already in a plan, disputed or not yet due warns (not an error: a
 *   collector may fold a current invoice into a plan on purpose).
 * Every message says what is wrong, the limit and what to do, in words for the collector.
 */
import { addDays, addMonthsClamped, compareDates, daysBetween } from './dates';
import { disputedAmountByInvoice, isDisputeActive } from './disputes';
import type { Dispute, Invoice, IsoDate, Money, PaymentPlan } from './model';

/** Bounds on negotiated dates; a panel policy may tighten them, never widen them past the ceilings. */
export interface NegotiationLimits {
  /** A promise to pay falls due within this many days of today. */
  promiseMaxDays: number;
  /** A settlement offer stays valid at most this many days. */
  settlementMaxValidityDays: number;
  /** A plan's first payment (down payment or first instalment) within this many days. */
  planFirstPaymentMaxDays: number;
  /** A plan's last instalment within this many months of today. */
  planMaxTermMonths: number;
}

/** The defaults a panel uses without a policy. */
export const DEFAULT_NEGOTIATION_LIMITS: NegotiationLimits = { promiseMaxDays: 90, settlementMaxValidityDays: 30, planFirstPaymentMaxDays: 90, planMaxTermMonths: 12 };

/**
 * The widest any policy may set, and what the ports enforce (they do not know the panel's policy):
 * a promise beyond a quarter is not a promise; a 5-year plan is the longest commercial term we model.
 */
export const NEGOTIATION_CEILINGS: NegotiationLimits = { promiseMaxDays: 90, settlementMaxValidityDays: 90, planFirstPaymentMaxDays: 90, planMaxTermMonths: 60 };

/** Limits from a policy's optional values, each clamped to the ceilings. */
export function negotiationLimits(policy: Partial<NegotiationLimits> = {}): NegotiationLimits {
  const pick = (key: keyof NegotiationLimits): number => {
    const wanted = policy[key];
    const value = typeof wanted === 'number' && Number.isSafeInteger(wanted) && wanted > 0 ? wanted : DEFAULT_NEGOTIATION_LIMITS[key];
    return Math.min(value, NEGOTIATION_CEILINGS[key]);
  };
  return { promiseMaxDays: pick('promiseMaxDays'), settlementMaxValidityDays: pick('settlementMaxValidityDays'), planFirstPaymentMaxDays: pick('planFirstPaymentMaxDays'), planMaxTermMonths: pick('planMaxTermMonths') };
}

/** One problem with a negotiation: the field and a sentence saying what is wrong, the limit and what to do. */
export interface NegotiationIssue {
  field: string;
  message: string;
}

function plural(n: number, one: string): string {
  return `${n} ${one}${n === 1 ? '' : 's'}`;
}

/**
 * Today, and the days of slack a port allows on both sides (its clock's "today" may be a day off the
 * collector's zone); forms use none.
 */
export interface NegotiationDay {
  today: IsoDate;
  slackDays?: number;
}

function dayOf(day: IsoDate | NegotiationDay): Required<NegotiationDay> {
  return typeof day === 'string' ? { today: day, slackDays: 0 } : { today: day.today, slackDays: day.slackDays ?? 0 };
}

/** `date` must be on or after today and at most `maxDays` after it (give or take the slack). */
function checkDateWithin(issues: NegotiationIssue[], field: string, what: string, date: IsoDate | null | undefined, day: Required<NegotiationDay>, maxDays: number): void {
  if (!date) {
    return;
  }
  const { today, slackDays } = day;
  if (daysBetween(date, today) > slackDays) {
    issues.push({ field, message: `${what} is in the past: choose today or a later date.` });
  } else if (daysBetween(today, date) > maxDays + slackDays) {
    issues.push({ field, message: `${what} is more than ${plural(maxDays, 'day')} away: choose a date within ${plural(maxDays, 'day')} of today.` });
  }
}

/** A promise's date: from today to `promiseMaxDays` ahead. */
export function checkPromiseTerms(promise: { dueDate: IsoDate }, today: IsoDate | NegotiationDay, limits: NegotiationLimits = DEFAULT_NEGOTIATION_LIMITS): NegotiationIssue[] {
  const issues: NegotiationIssue[] = [];
  checkDateWithin(issues, 'dueDate', 'The promised date', promise.dueDate, dayOf(today), limits.promiseMaxDays);
  return issues;
}

/** A settlement's expiry: from today to `settlementMaxValidityDays` ahead. */
export function checkSettlementTerms(offer: { expiresOn: IsoDate }, today: IsoDate | NegotiationDay, limits: NegotiationLimits = DEFAULT_NEGOTIATION_LIMITS): NegotiationIssue[] {
  const issues: NegotiationIssue[] = [];
  checkDateWithin(issues, 'expiresOn', 'The offer’s expiry', offer.expiresOn, dayOf(today), limits.settlementMaxValidityDays);
  return issues;
}

/** A new plan's dates: every payment from today, the first within its bound, the last within the term. */
export function checkPlanTerms(plan: { instalments: readonly { dueDate: IsoDate }[] }, when: IsoDate | NegotiationDay, limits: NegotiationLimits = DEFAULT_NEGOTIATION_LIMITS): NegotiationIssue[] {
  const issues: NegotiationIssue[] = [];
  const day = dayOf(when);
  const today = day.today;
  const dates = plan.instalments.map((i) => i.dueDate);
  const past = dates.findIndex((d) => daysBetween(d, today) > day.slackDays);
  if (past >= 0) {
    issues.push({ field: `instalments.${past}.dueDate`, message: 'A payment of the plan falls in the past: start the plan today or later.' });
  }
  const first = [...dates].sort()[0];
  if (first && past < 0) {
    checkDateWithin(issues, 'instalments.0.dueDate', 'The first payment', first, day, limits.planFirstPaymentMaxDays);
  }
  const last = [...dates].sort().at(-1);
  const termEnd = addDays(addMonthsClamped(today, limits.planMaxTermMonths), day.slackDays);
  if (last && compareDates(last, termEnd) > 0) {
    issues.push({ field: `instalments.${dates.length - 1}.dueDate`, message: `The plan runs longer than ${plural(limits.planMaxTermMonths, 'month')}: use fewer or more frequent payments, or a larger down payment.` });
  }
  return issues;
}

/** Open balance less amounts under active dispute, per invoice, in the invoice's currency. */
export function collectableBalance(invoices: readonly Invoice[], disputes: readonly Dispute[] = []): Money[] {
  const open = invoices.filter((i) => i.status !== 'paid' && i.status !== 'cancelled' && i.balance.amountMinor > 0);
  const disputed = disputedAmountByInvoice(disputes, open);
  const totals = new Map<string, number>();
  for (const invoice of open) {
    const collectable = invoice.balance.amountMinor - Math.min(invoice.balance.amountMinor, disputed.get(invoice.id)?.amountMinor ?? 0);
    totals.set(invoice.balance.currency, (totals.get(invoice.balance.currency) ?? 0) + collectable);
  }
  return [...totals].map(([currency, amountMinor]) => ({ currency, amountMinor }));
}

/**
 * A plan total no larger than the collectable balance of the invoices it names (`invoices` = the
 * account's, or at least those named). `limit` is that balance, for a form to show in money.
 */
export function checkPlanAgainstInvoices(plan: { total: Money; invoiceIds: readonly string[] }, invoices: readonly Invoice[], disputes: readonly Dispute[] = []): (NegotiationIssue & { limit: Money }) | null {
  const named = invoices.filter((i) => plan.invoiceIds.includes(i.id));
  const collectable = collectableBalance(named, disputes).find((m) => m.currency === plan.total.currency) ?? { amountMinor: 0, currency: plan.total.currency };
  if (plan.invoiceIds.length === 0 || plan.total.amountMinor <= collectable.amountMinor) {
    return null;
  }
  return {
    field: 'total.amountMinor',
    limit: collectable,
    message: collectable.amountMinor === 0
      ? 'The plan’s invoices have nothing left to collect: choose invoices with an open balance.'
      : 'The plan total is more than its invoices’ collectable balance (open, not disputed): lower the total to that balance or add invoices.',
  };
}

/** Why choosing this invoice deserves a second look, or none. */
export type InvoiceSelectionWarning = { invoiceId: string; number: string; reason: 'in_plan' | 'disputed' | 'not_due' };

/** Warn about chosen invoices already in an active or proposed plan, under active dispute, or not yet due. */
export function invoiceSelectionWarnings(invoiceIds: readonly string[], context: { invoices: readonly Invoice[]; plans?: readonly PaymentPlan[]; disputes?: readonly Dispute[]; asOf: IsoDate }): InvoiceSelectionWarning[] {
  const warnings: InvoiceSelectionWarning[] = [];
  const planned = new Set((context.plans ?? []).filter((p) => p.status === 'active' || p.status === 'proposed').flatMap((p) => p.invoiceIds));
  const disputed = new Set((context.disputes ?? []).filter(isDisputeActive).flatMap((d) => d.lines.map((l) => l.invoiceId)));
  for (const invoice of context.invoices.filter((i) => invoiceIds.includes(i.id))) {
    const reason = planned.has(invoice.id) ? 'in_plan' : disputed.has(invoice.id) ? 'disputed' : compareDates(invoice.dueDate, context.asOf) > 0 ? 'not_due' : null;
    if (reason) {
      warnings.push({ invoiceId: invoice.id, number: invoice.number, reason });
    }
  }
  return warnings;
}

/** "INV-1 is already in a payment plan." etc., one sentence per warning. */
export function invoiceWarningText(warning: InvoiceSelectionWarning): string {
  const what = { in_plan: 'is already in a payment plan', disputed: 'is under dispute', not_due: 'is not due yet' }[warning.reason];
  return `${warning.number} ${what}.`;
}
