/**
 * What a payment reminder may ask the customer to pay, and in which conventions it is written.
 *
 * A reminder asks only for what is due now (domain-rules.md (b), (c); Reg F 1006.18 forbids
 * misrepresenting the amount of a debt, and CONC 7.3.4R requires treating a customer in an
 * arrangement with forbearance):
 * - a disputed amount (active dispute lines, capped at the invoice balance) is not asked for while the
 *   dispute is open; it is stated apart;
 * - an invoice under an active payment plan is not asked for; only plan instalments already due and
 *   unpaid are;
 * - an invoice named by a promise to pay that is still in force (pending, due date + grace not passed)
 *   is not asked for; it is stated apart with the promised date.
 * When nothing is left, `nothingDue` tells the collector not to send a reminder.
 */
import { compareDates, parseIsoDate } from './dates';
import { disputedAmountByInvoice } from './disputes';
import type { Account, Dispute, Invoice, IsoDate, Money, PaymentPlan, PromiseToPay } from './model';
import { invalid, parseInput } from './errors';
import * as guards from './guards';
import { parseArray, sumByCurrency } from './money';
import { promiseInForce } from './promises';

/** One invoice line of a reminder: the part of its balance the reminder asks for. */
export interface ReminderLine {
  invoiceId: string;
  number: string;
  dueDate: IsoDate;
  requested: Money;
}

/** An amount left out of the request, and why. */
export interface ReminderSetAside {
  reason: 'disputed' | 'on_plan' | 'promised';
  amount: Money;
  invoiceNumbers: string[];
  /** Promised: the date the customer promised to pay by. */
  until: IsoDate | null;
}

export interface ReminderAmounts {
  lines: ReminderLine[];
  /** Plan instalments due on or before `asOf` and not fully paid. */
  instalmentsDue: { planId: string; dueDate: IsoDate; amount: Money }[];
  /** What is asked for in all, per currency (lines + instalments due). */
  total: Money[];
  setAside: ReminderSetAside[];
  /** Nothing can be asked for: do not send a reminder. */
  nothingDue: boolean;
}

export interface ReminderAmountsInput {
  /** The invoices the collector chose. */
  invoices: readonly Invoice[];
  disputes?: readonly Dispute[];
  promises?: readonly PromiseToPay[];
  plans?: readonly PaymentPlan[];
  asOf: IsoDate;
  /** Days after a promise's date before it stops being "in force" (default 0). */
  promiseGraceDays?: number;
}

const OPEN_STATUSES: ReadonlySet<Invoice['status']> = new Set(['open', 'partially_paid']);

/** The amounts a reminder asks for and those it states apart (see the module comment). */
export function reminderAmounts(input: ReminderAmountsInput): ReminderAmounts {
  if (input == null || typeof input !== 'object') {
    invalid('input', 'must be an object');
  }
  const asOf = parseIsoDate(input.asOf, 'asOf');
  const invoices = parseArray(input.invoices, 'invoices', (value, field) => parseInput(guards.invoice, value, field));
  const plans = parseArray(input.plans ?? [], 'plans', (value, field) => parseInput(guards.paymentPlan, value, field));
  const open = invoices.filter((i) => OPEN_STATUSES.has(i.status) && i.balance.amountMinor > 0);
  const disputed = disputedAmountByInvoice(input.disputes ?? [], open);
  const activePlans = plans.filter((p) => p.status === 'active');
  const promisesInForce = (input.promises ?? []).filter((p) => promiseInForce(p, asOf, input.promiseGraceDays ?? 0));

  const lines: ReminderLine[] = [];
  const setAside: ReminderSetAside[] = [];
  const aside = (reason: ReminderSetAside['reason'], amount: Money, number: string, until: IsoDate | null): void => {
    const same = setAside.find((s) => s.reason === reason && s.amount.currency === amount.currency && s.until === until);
    if (same) {
      same.amount = { amountMinor: same.amount.amountMinor + amount.amountMinor, currency: amount.currency };
      same.invoiceNumbers.push(number);
    } else {
      setAside.push({ reason, amount, invoiceNumbers: [number], until });
    }
  };
  const plansDue = new Set<PaymentPlan>();
  for (const invoice of open) {
    const plan = activePlans.find((p) => p.invoiceIds.includes(invoice.id));
    const promise = promisesInForce.find((p) => p.invoiceIds.includes(invoice.id));
    const disputedMinor = disputed.get(invoice.id)?.amountMinor ?? 0;
    if (plan) {
      plansDue.add(plan);
      aside('on_plan', invoice.balance, invoice.number, null);
    } else if (promise) {
      aside('promised', invoice.balance, invoice.number, promise.dueDate);
    } else {
      if (disputedMinor > 0) {
        aside('disputed', { amountMinor: disputedMinor, currency: invoice.balance.currency }, invoice.number, null);
      }
      if (invoice.balance.amountMinor > disputedMinor) {
        lines.push({ invoiceId: invoice.id, number: invoice.number, dueDate: invoice.dueDate, requested: { amountMinor: invoice.balance.amountMinor - disputedMinor, currency: invoice.balance.currency } });
      }
    }
  }
  const instalmentsDue = [...plansDue].flatMap((plan) => plan.instalments
    .filter((i) => compareDates(i.dueDate, asOf) <= 0 && i.amount.amountMinor > i.paidAmount.amountMinor)
    .map((i) => ({ planId: plan.id, dueDate: i.dueDate, amount: { amountMinor: i.amount.amountMinor - i.paidAmount.amountMinor, currency: i.amount.currency } })));
  const total = sumByCurrency([...lines.map((l) => l.requested), ...instalmentsDue.map((i) => i.amount)]);
  return { lines, instalmentsDue, total, setAside, nothingDue: total.every((m) => m.amountMinor <= 0) };
}

/**
 * The locale customer-facing text is written in: English in the customer's country conventions
 * (`en-US` writes $196,353.58, `en-IN` ₹1,96,353.58, `en-JP` ¥1,850,000), whatever the collector's own
 * locale; the collector's locale when the account has no country the runtime knows.
 */
export function customerLocale(account: Pick<Account, 'country'>, fallback: string): string {
  const country = account.country?.toUpperCase() ?? '';
  if (/^[A-Z]{2}$/.test(country)) {
    const candidate = `en-${country}`;
    if (Intl.NumberFormat.supportedLocalesOf([candidate]).length > 0) {
      return candidate;
    }
  }
  return fallback;
}
