/**
 * Promises to pay (PTP): evaluation against payments, kept rates, broken counts, reminders
 * (domain-rules.md (c), metrics (h) "PTP kept rate").
 *
 * "Kept" = payment ≥ promised amount (or ≥ the amount less a tolerance) by promise date + grace;
 * some payment but less = "partially kept"; none = "broken".
 */
import { addDays, compareDates, daysBetween, parseIsoDate } from './dates';
import { integerIn, invalid, parseInput } from './errors';
import * as guards from './guards';
import type { IsoDate, Money, Payment, PromiseStatus, PromiseToPay } from './model';
import { assertMoney, parseArray, parsePercent, pow10, roundedQuotient } from './money';
import { countBroken, parsePromise } from './promise-counts';
import type { BrokenCountOptions } from './promise-counts';

// The panel's first paint counts and picks promises by their stored statuses (promise-counts.ts), apart from
// the evaluation here, so its bundle carries no evaluation (a module shared with the forms lands whole in the
// panel's first chunk; issue 18). Re-exported: one import path for callers.
export { brokenPromiseCount, earliestPendingPromise } from './promise-counts';
export type { BrokenCountOptions } from './promise-counts';

/** Options for {@link evaluatePromise}. */
export interface PromiseEvaluationOptions {
  asOf: IsoDate;
  /** Days after the promise date still counted (SAP "tolerance days"). Default 0. */
  graceDays?: number;
  /** Allowed shortfall as a percentage of the promised amount, e.g. 5 → paying 95 % counts as kept. */
  tolerancePct?: number | string;
  /** Allowed shortfall in minor units. With both tolerances the more lenient applies. */
  toleranceMinor?: number;
}

/** Result of {@link evaluatePromise}. */
export interface PromiseEvaluation {
  status: PromiseStatus;
  /** Counted payments (same currency, in the promise window). */
  paid: Money;
  /** Minimum that counts as kept (amount less tolerance). */
  required: Money;
  /** max(0, amount − paid). */
  shortfall: Money;
  /** Promise date + grace: the last day a payment counts. */
  deadline: IsoDate;
  reason: string;
}

/** Grace days: 0 when absent, else an integer from 0 to 365 (out_of_range naming `field`). @internal */
export function graceDaysOf(value: unknown, field = 'graceDays'): number {
  return value === undefined ? 0 : integerIn(value, field, 0, 365);
}

function allowanceMinor(amountMinor: number, options: PromiseEvaluationOptions): number {
  let allowance = 0;
  if (options.tolerancePct !== undefined) {
    const pct = parsePercent(options.tolerancePct, 'tolerancePct');
    // floor: the allowance never exceeds the stated percentage.
    allowance = Number((BigInt(amountMinor) * pct.units) / (100n * pow10(pct.scale)));
  }
  if (options.toleranceMinor !== undefined) {
    allowance = Math.max(allowance, integerIn(options.toleranceMinor, 'toleranceMinor', 0));
  }
  return Math.min(allowance, amountMinor);
}

function parsePayments(payments: unknown): Payment[] {
  return parseArray(payments, 'payments', (value, field) => {
    const payment = parseInput(guards.payment, value, field);
    assertMoney(payment.amount, `${field}.amount`);
    parseIsoDate(payment.receivedOn, `${field}.receivedOn`);
    return payment;
  });
}

/**
 * @param unused - when given (keptRate), each payment's unconsumed minor units by index: a payment
 *   counted for one promise is not counted again for an overlapping one.
 */
function evaluateParsed(promise: PromiseToPay, payments: Payment[], options: PromiseEvaluationOptions, unused?: number[]): PromiseEvaluation {
  const asOf = parseIsoDate(options.asOf, 'asOf');
  const grace = graceDaysOf(options.graceDays);
  const deadline = addDays(promise.dueDate, grace);
  const currency = promise.amount.currency;
  const invoiceIds = new Set(promise.invoiceIds);
  const windowEnd = compareDates(asOf, deadline) < 0 ? asOf : deadline;
  // A payment counts when it is in the promise currency, received from the day the promise was
  // taken to the deadline (and not after asOf), and not allocated to an unrelated invoice.
  const amount = promise.amount.amountMinor;
  let paidMinor = 0;
  payments.forEach((p, index) => {
    const relevant =
      p.amount.currency === currency &&
      compareDates(p.receivedOn, promise.takenOn) >= 0 &&
      compareDates(p.receivedOn, windowEnd) <= 0 &&
      (p.invoiceId == null || invoiceIds.size === 0 || invoiceIds.has(p.invoiceId));
    if (!relevant) {
      return;
    }
    if (unused === undefined) {
      paidMinor += p.amount.amountMinor;
      return;
    }
    const take = Math.max(0, Math.min(unused[index] ?? 0, amount - paidMinor));
    unused[index] = (unused[index] ?? 0) - take;
    paidMinor += take;
  });
  const required = amount - allowanceMinor(amount, options);
  const base = {
    paid: { amountMinor: paidMinor, currency },
    required: { amountMinor: required, currency },
    shortfall: { amountMinor: Math.max(0, amount - paidMinor), currency },
    deadline,
  };
  if (promise.status === 'cancelled') {
    return { ...base, status: 'cancelled', reason: 'promise was cancelled' };
  }
  if (paidMinor >= required) {
    return { ...base, status: 'kept', reason: paidMinor >= amount ? 'paid in full by the deadline' : 'paid within tolerance by the deadline' };
  }
  if (compareDates(asOf, deadline) <= 0) {
    return { ...base, status: 'pending', reason: `due ${promise.dueDate}${grace > 0 ? ` (+${grace} grace days)` : ''}; ${paidMinor} of ${amount} minor units received so far` };
  }
  if (paidMinor > 0) {
    return { ...base, status: 'partially_kept', reason: `only ${paidMinor} of ${amount} minor units received by ${deadline}` };
  }
  return { ...base, status: 'broken', reason: `nothing received by ${deadline}` };
}

/**
 * Evaluate a promise as of `asOf`: `kept` as soon as enough has been paid; `pending` until the
 * promise date + grace; afterwards `partially_kept` or `broken`. A stored `cancelled` stays.
 * Every relevant payment counts for this promise alone; use {@link keptRate} for several
 * overlapping promises (it apportions payments).
 */
export function evaluatePromise(promise: PromiseToPay, payments: readonly Payment[], options: PromiseEvaluationOptions): PromiseEvaluation {
  if (options == null || typeof options !== 'object') {
    invalid('options', 'must be {asOf, graceDays?, tolerancePct?}');
  }
  return evaluateParsed(parsePromise(promise, 'promise'), parsePayments(payments), options);
}

/** Options for {@link keptRate}: evaluation options plus the window promises fell due in. */
export interface KeptRateOptions extends PromiseEvaluationOptions {
  /** First promise date in the window (inclusive). */
  from: IsoDate;
  /** Last promise date in the window (inclusive). */
  to: IsoDate;
}

/** Per-currency amount side of the kept rate. */
export interface KeptAmountRate {
  currency: string;
  promised: Money;
  /** Received by deadline, capped at each promise's amount (overpaying one promise does not hide another). */
  received: Money;
  /** received ÷ promised × 100, 2 dp half-up; null when nothing was promised. */
  ratePct: number | null;
}

/** Result of {@link keptRate}. */
export interface KeptRateResult {
  kept: number;
  partiallyKept: number;
  broken: number;
  /** Fell due in the window but still within grace: excluded from both rates. */
  pending: number;
  /** Decided promises: kept + partially kept + broken. */
  due: number;
  /** kept ÷ due × 100, 2 dp half-up; null when none were due. */
  byCountPct: number | null;
  byAmount: KeptAmountRate[];
}

/**
 * PTP kept rate over promises that fell due in [from, to] (domain-rules (h): count = kept ÷ PTPs
 * falling due; amount = received by date (+ grace) ÷ promised). Cancelled promises are excluded;
 * promises still inside their grace period are counted as `pending` and left out of the rates.
 * Overlapping promises share payments oldest-due first (each payment counts once).
 */
export function keptRate(promises: readonly PromiseToPay[], payments: readonly Payment[], options: KeptRateOptions): KeptRateResult {
  if (options == null || typeof options !== 'object') {
    invalid('options', 'must be {from, to, asOf, ...}');
  }
  const from = parseIsoDate(options.from, 'from');
  const to = parseIsoDate(options.to, 'to');
  if (compareDates(from, to) > 0) {
    invalid('to', 'must not be before from', 'out_of_range');
  }
  const parsedPayments = parsePayments(payments);
  const counts = { kept: 0, partiallyKept: 0, broken: 0, pending: 0 };
  const amounts = new Map<string, { promised: number; received: number }>();
  // Payments are consumed oldest promise first, so one payment never counts for two promises.
  const unused = parsedPayments.map((p) => p.amount.amountMinor);
  const ordered = parseArray(promises, 'promises', parsePromise).sort(
    (a, b) => compareDates(a.dueDate, b.dueDate) || compareDates(a.takenOn, b.takenOn) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  ordered.forEach((promise) => {
    if (promise.status === 'cancelled' || compareDates(promise.dueDate, from) < 0 || compareDates(promise.dueDate, to) > 0) {
      return;
    }
    const result = evaluateParsed(promise, parsedPayments, options, unused);
    if (result.status === 'pending') {
      counts.pending += 1;
      return;
    }
    if (result.status === 'kept') {
      counts.kept += 1;
    } else if (result.status === 'partially_kept') {
      counts.partiallyKept += 1;
    } else {
      counts.broken += 1;
    }
    const totals = amounts.get(promise.amount.currency) ?? { promised: 0, received: 0 };
    totals.promised += promise.amount.amountMinor;
    totals.received += Math.min(result.paid.amountMinor, promise.amount.amountMinor);
    amounts.set(promise.amount.currency, totals);
  });
  const due = counts.kept + counts.partiallyKept + counts.broken;
  return {
    ...counts,
    due,
    byCountPct: roundedQuotient(BigInt(counts.kept) * 100n, BigInt(due)),
    byAmount: [...amounts.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([currency, t]) => ({
        currency,
        promised: { amountMinor: t.promised, currency },
        received: { amountMinor: t.received, currency },
        ratePct: roundedQuotient(BigInt(t.received) * 100n, BigInt(t.promised)),
      })),
  };
}

/** Options for {@link brokenPromiseCount}. */
/**
 * {@link brokenPromiseCount} re-evaluated against payments instead of trusting stored statuses. Apart, so a
 * bundle counting stored statuses (the panel) does not carry the evaluation (issue 18).
 */
export function brokenPromiseCountEvaluated(promises: readonly PromiseToPay[], options: BrokenCountOptions & { evaluate: PromiseEvaluationOptions & { payments: readonly Payment[] } }): number {
  return countBroken(promises, options, () => {
    const payments = parsePayments(options.evaluate.payments);
    return (promise) => evaluateParsed(promise, payments, options.evaluate).status;
  });
}

/**
 * `'today'` / `'tomorrow'` for a pending promise due then (prompts a reminder, domain-rules (c)),
 * else null.
 */
export function promiseDueSoon(promise: PromiseToPay, asOf: IsoDate): 'today' | 'tomorrow' | null {
  const parsed = parsePromise(promise, 'promise');
  if (parsed.status !== 'pending') {
    return null;
  }
  const days = daysBetween(parseIsoDate(asOf, 'asOf'), parsed.dueDate);
  return days === 0 ? 'today' : days === 1 ? 'tomorrow' : null;
}

/**
 * True while a pending promise is in force (asOf ≤ promise date + grace): contact should be
 * suppressed until then, except a reminder on the due date (domain-rules (c), (g) modifiers).
 */
export function promiseInForce(promise: PromiseToPay, asOf: IsoDate, graceDays = 0): boolean {
  const parsed = parsePromise(promise, 'promise');
  const grace = graceDaysOf(graceDays);
  return parsed.status === 'pending' && compareDates(parseIsoDate(asOf, 'asOf'), addDays(parsed.dueDate, grace)) <= 0;
}
