/**
 * Receivables KPIs (domain-rules.md (h); CRF definitions where they exist).
 *
 * Inputs are money in minor units (one currency per call: convert first with dated rates and say
 * which FX date you used). Each ratio is computed exactly as a BigInt rational and rounded once,
 * half-up, to `decimals` places (default 2). A zero denominator gives `null` ("no data"), never
 * NaN or Infinity. Disputed amounts: pass them in or leave them out consistently and say which.
 */
import { DomainValidationError, requireObject } from './errors';
import type { Money } from './model';
import { assertMoney, roundedQuotient } from './money';

/** Rounding option shared by every metric. */
export interface MetricOptions {
  /** Decimal places, half-up. Default 2. */
  decimals?: number;
}

function sameCurrency<K extends string>(values: Record<K, unknown>): Record<K, Money> {
  const out = {} as Record<K, Money>;
  let currency: string | undefined;
  for (const [field, value] of Object.entries(values) as [K, unknown][]) {
    const m = assertMoney(value, field);
    if (currency !== undefined && m.currency !== currency) {
      throw new DomainValidationError('currency_mismatch', `${field}.currency`, `expected ${currency}; convert to one reporting currency first`);
    }
    currency = m.currency;
    out[field] = m;
  }
  return out;
}

function nonNegative(m: Money, field: string): bigint {
  if (m.amountMinor < 0) {
    throw new DomainValidationError('out_of_range', `${field}.amountMinor`, 'must not be negative');
  }
  return BigInt(m.amountMinor);
}

function periodDays(days: unknown, field = 'days'): bigint {
  if (typeof days !== 'number' || !Number.isSafeInteger(days) || days < 1 || days > 3660) {
    throw new DomainValidationError('out_of_range', field, `must be a whole number of days from 1 to 3660, got ${String(days)}`);
  }
  return BigInt(days);
}

/**
 * DSO, simple: A/R ÷ credit sales × days (ending or average A/R; 30, 90, 360 or 365 days).
 * Examples: avg A/R $18,000, sales $20,000, 30 days → 27; $50,000 / $200,000 × 365 → 91.25.
 */
export function dsoSimple(input: { receivables: Money; creditSales: Money; days: number } & MetricOptions): number | null {
  requireObject(input);
  const { receivables, creditSales } = sameCurrency({ receivables: input.receivables, creditSales: input.creditSales });
  return roundedQuotient(nonNegative(receivables, 'receivables') * periodDays(input.days), nonNegative(creditSales, 'creditSales'), input.decimals);
}

/** One month (or period) of sales for {@link dsoCountBack}, latest first. */
export interface SalesPeriod {
  sales: Money;
  /** Days in the period: calendar days or a fixed 30. */
  days: number;
}

/**
 * DSO, count-back: from period-end A/R subtract the latest period's sales and add its days; repeat
 * while the remaining A/R covers that period's sales; the partial period adds
 * remaining ÷ its sales × its days.
 * Example: A/R $212,000; sales $100,000, $80,000, $70,000 (latest first), 30-day months →
 * 30 + 30 + 32,000/70,000 × 30 = 73.71 (73.7 at one decimal).
 * @throws DomainValidationError naming `periods` when the history is too short to absorb the A/R.
 */
export function dsoCountBack(input: { receivables: Money; periods: readonly SalesPeriod[] } & MetricOptions): number {
  if (input == null || typeof input !== 'object' || !Array.isArray(input.periods)) {
    throw new DomainValidationError('invalid_input', 'periods', 'must be an array of {sales, days}, latest first');
  }
  const receivables = assertMoney(input.receivables, 'receivables');
  let remaining = nonNegative(receivables, 'receivables');
  // total days = whole + partialNumerator / partialDenominator
  let whole = 0n;
  let partialNumerator = 0n;
  let partialDenominator = 1n;
  for (const [index, period] of input.periods.entries()) {
    if (remaining === 0n) {
      break;
    }
    const sales = sameCurrency({ receivables, [`periods[${index}].sales`]: period?.sales })[`periods[${index}].sales`] as Money;
    const salesMinor = nonNegative(sales, `periods[${index}].sales`);
    const days = periodDays(period.days, `periods[${index}].days`);
    if (remaining >= salesMinor) {
      whole += days;
      remaining -= salesMinor;
    } else {
      partialNumerator = remaining * days;
      partialDenominator = salesMinor;
      remaining = 0n;
    }
  }
  if (remaining > 0n) {
    throw new DomainValidationError('out_of_range', 'periods', 'sales history is too short to count back the whole receivables balance');
  }
  return roundedQuotient(whole * partialDenominator + partialNumerator, partialDenominator, input.decimals) as number;
}

/**
 * Best possible DSO: current (not yet due) A/R ÷ credit sales × days.
 * Example: $4,000 / $10,000 × 30 → 12.
 */
export function bestPossibleDso(input: { currentReceivables: Money; creditSales: Money; days: number } & MetricOptions): number | null {
  requireObject(input);
  const { currentReceivables, creditSales } = sameCurrency({ currentReceivables: input.currentReceivables, creditSales: input.creditSales });
  return roundedQuotient(nonNegative(currentReceivables, 'currentReceivables') * periodDays(input.days), nonNegative(creditSales, 'creditSales'), input.decimals);
}

/**
 * Average days delinquent: DSO − BPDSO = (A/R − current A/R) ÷ credit sales × days, computed in
 * one exact step. Example: 15,000/10,000 × 30 = 45 − 12 → 33. (CRF medians are independent:
 * median ADD ≠ median DSO − median BPDSO.)
 */
export function averageDaysDelinquent(
  input: { receivables: Money; currentReceivables: Money; creditSales: Money; days: number } & MetricOptions,
): number | null {
  requireObject(input);
  const values = sameCurrency({ receivables: input.receivables, currentReceivables: input.currentReceivables, creditSales: input.creditSales });
  const total = nonNegative(values.receivables as Money, 'receivables');
  const current = nonNegative(values.currentReceivables as Money, 'currentReceivables');
  if (current > total) {
    throw new DomainValidationError('out_of_range', 'currentReceivables.amountMinor', 'cannot exceed total receivables');
  }
  return roundedQuotient((total - current) * periodDays(input.days), nonNegative(values.creditSales as Money, 'creditSales'), input.decimals);
}

/**
 * Collection effectiveness index (CRF), in percent:
 * (begin A/R + sales/N − end total A/R) ÷ (begin A/R + sales/N − end current A/R) × 100,
 * N = months in the period (for one year with all sales, N = 1). Computed as
 * (N·B + S − N·E) ÷ (N·B + S − N·Ec) to stay exact.
 * Example: 6,200; 10,890/3; 6,340; 3,590 → 3,490 / 6,240 → 55.93 (55.9 at one decimal).
 */
export function collectionEffectivenessIndex(
  input: { beginningReceivables: Money; creditSales: Money; months: number; endingReceivables: Money; endingCurrentReceivables: Money } & MetricOptions,
): number | null {
  requireObject(input);
  const v = sameCurrency({
    beginningReceivables: input.beginningReceivables,
    creditSales: input.creditSales,
    endingReceivables: input.endingReceivables,
    endingCurrentReceivables: input.endingCurrentReceivables,
  });
  const months = input.months;
  if (!Number.isSafeInteger(months) || months < 1 || months > 120) {
    throw new DomainValidationError('out_of_range', 'months', 'must be a whole number of months from 1 to 120 (not days)');
  }
  const n = BigInt(months);
  const begin = nonNegative(v.beginningReceivables as Money, 'beginningReceivables');
  const sales = nonNegative(v.creditSales as Money, 'creditSales');
  const end = nonNegative(v.endingReceivables as Money, 'endingReceivables');
  const endCurrent = nonNegative(v.endingCurrentReceivables as Money, 'endingCurrentReceivables');
  return roundedQuotient((n * begin + sales - n * end) * 100n, n * begin + sales - n * endCurrent, input.decimals);
}

function share(part: Money, whole: Money, partField: string, wholeField: string, decimals?: number): number | null {
  const v = sameCurrency({ [partField]: part, [wholeField]: whole });
  const p = nonNegative(v[partField] as Money, partField);
  const w = nonNegative(v[wholeField] as Money, wholeField);
  if (p > w) {
    throw new DomainValidationError('out_of_range', `${partField}.amountMinor`, `cannot exceed ${wholeField}`);
  }
  return roundedQuotient(p * 100n, w, decimals);
}

/** % current: current (not yet due) A/R ÷ total A/R × 100 (CRF median Q1 2021: 90.56). */
export function percentCurrent(input: { current: Money; total: Money } & MetricOptions): number | null {
  requireObject(input);
  return share(input.current, input.total, 'current', 'total', input.decimals);
}

/** % over 90: A/R more than 90 days past due ÷ total A/R × 100 (CRF: "over 91 days past due"; median 0.56). */
export function percentOver90(input: { over90: Money; total: Money } & MetricOptions): number | null {
  requireObject(input);
  return share(input.over90, input.total, 'over90', 'total', input.decimals);
}

/**
 * Roll rate: balance that moved from bucket n (at t−1) to bucket n+1 (at t) ÷ bucket n at t−1,
 * same cohort, in percent. Example: $200,000 of $1,000,000 (30-59 DPD, Jan) in 60-89 in Feb → 20.
 */
export function rollRate(input: { bucketAtStart: Money; rolledForward: Money } & MetricOptions): number | null {
  requireObject(input);
  return share(input.rolledForward, input.bucketAtStart, 'rolledForward', 'bucketAtStart', input.decimals);
}

/** Bad-debt ratio: write-offs ÷ credit sales × 100. Example: $1,000 / $100,000 → 1. */
export function badDebtRatio(input: { writeOffs: Money; creditSales: Money } & MetricOptions): number | null {
  requireObject(input);
  const v = sameCurrency({ writeOffs: input.writeOffs, creditSales: input.creditSales });
  return roundedQuotient(nonNegative(v.writeOffs as Money, 'writeOffs') * 100n, nonNegative(v.creditSales as Money, 'creditSales'), input.decimals);
}

/** PTP kept rate by count: kept ÷ promises that fell due × 100 (see promises.ts `keptRate`). */
export function ptpKeptRateByCount(input: { kept: number; due: number } & MetricOptions): number | null {
  requireObject(input);
  const { kept, due } = input;
  if (!Number.isSafeInteger(kept) || !Number.isSafeInteger(due) || kept < 0 || due < 0 || kept > due) {
    throw new DomainValidationError('out_of_range', 'kept', 'kept and due must be integers with 0 ≤ kept ≤ due');
  }
  return roundedQuotient(BigInt(kept) * 100n, BigInt(due), input.decimals);
}

/** PTP kept rate by amount: received by promise date (+ grace) ÷ promised × 100. */
export function ptpKeptRateByAmount(input: { received: Money; promised: Money } & MetricOptions): number | null {
  requireObject(input);
  const v = sameCurrency({ received: input.received, promised: input.promised });
  return roundedQuotient(nonNegative(v.received as Money, 'received') * 100n, nonNegative(v.promised as Money, 'promised'), input.decimals);
}
