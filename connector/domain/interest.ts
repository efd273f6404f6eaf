/**
 * Statutory late-payment interest for B2B debts (domain-rules.md (d) "Statutory late-payment
 * interest"). Rates are decimal strings (or plain numbers) in percent per annum; all arithmetic is
 * exact BigInt rational arithmetic, rounded once to minor units at the end (half-up, as on a
 * statement; pass `rounding` to change it).
 *
 * Not legal advice: the rate tables are dated data supplied by the caller, re-checked with the
 * central bank (RBI Bank Rate, Bank of England base rate, ECB main refinancing rate).
 */
import { addDays, addMonthsClamped, compareDates, daysBetween, parseIsoDate } from './dates';
import { DomainValidationError } from './errors';
import type { IsoDate, Money } from './model';
import { assertMoney, compare, fromDecimalString, type ExactDecimal, moneyFromBigInt, parseArray, parseDecimal, pow10, roundRational, type RoundingMode } from './money';

/** A central-bank rate in force from `effectiveFrom` until the next entry. */
export interface RateEntry {
  effectiveFrom: IsoDate;
  /** Percent per annum, e.g. "5.75". Basis points: use {@link basisPointsToPct}. */
  ratePct: string | number;
}

/** Convert basis points to a percent decimal string: 575 → "5.75". */
export function basisPointsToPct(basisPoints: number): string {
  if (!Number.isSafeInteger(basisPoints)) {
    throw new DomainValidationError('invalid_input', 'basisPoints', 'must be an integer');
  }
  const negative = basisPoints < 0;
  const digits = String(Math.abs(basisPoints)).padStart(3, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

interface ParsedRate {
  effectiveFrom: IsoDate;
  text: string;
  rate: ExactDecimal;
}

function parseRateTable(value: unknown, field: string): ParsedRate[] {
  const table = parseArray(value, field, (entry, entryField) => {
    if (entry == null || typeof entry !== 'object') {
      throw new DomainValidationError('invalid_input', entryField, 'must be {effectiveFrom, ratePct}');
    }
    const { effectiveFrom, ratePct } = entry as RateEntry;
    const rate = parseDecimal(ratePct, `${entryField}.ratePct`);
    if (rate.units < 0n) {
      throw new DomainValidationError('out_of_range', `${entryField}.ratePct`, 'must not be negative');
    }
    return { effectiveFrom: parseIsoDate(effectiveFrom, `${entryField}.effectiveFrom`), text: String(ratePct), rate };
  });
  if (table.length === 0) {
    throw new DomainValidationError('missing_rate', field, 'at least one rate is required');
  }
  return table.sort((a, b) => compareDates(a.effectiveFrom, b.effectiveFrom));
}

function rateOn(table: ParsedRate[], date: IsoDate, field: string): ParsedRate {
  let found: ParsedRate | undefined;
  for (const entry of table) {
    if (compareDates(entry.effectiveFrom, date) <= 0) {
      found = entry;
    }
  }
  if (!found) {
    throw new DomainValidationError('missing_rate', field, `no rate in force on ${date}`);
  }
  return found;
}

/** a + b for exact decimals. */
function addDecimals(a: ExactDecimal, b: ExactDecimal): ExactDecimal {
  const scale = Math.max(a.scale, b.scale);
  return { units: a.units * pow10(scale - a.scale) + b.units * pow10(scale - b.scale), scale };
}

function decimalText(d: ExactDecimal): string {
  const negative = d.units < 0n;
  const digits = (negative ? -d.units : d.units).toString().padStart(d.scale + 1, '0');
  const text = d.scale > 0 ? `${digits.slice(0, -d.scale)}.${digits.slice(-d.scale)}`.replace(/\.?0+$/, '') : digits;
  return `${negative ? '-' : ''}${text}`;
}

function positiveDebt(value: unknown, field: string): Money {
  const debt = assertMoney(value, field);
  if (debt.amountMinor <= 0) {
    throw new DomainValidationError('out_of_range', `${field}.amountMinor`, 'must be positive');
  }
  return debt;
}

// ---------------------------------------------------------------------------------------------
// India: MSMED Act 2006 s.16

/** Input of {@link msmedInterest}. */
export interface MsmedInterestInput {
  principal: Money;
  /** First day interest runs: the appointed day (s.2(b)) or the day after the agreed date (s.15). */
  from: IsoDate;
  /** Number of monthly rests to compound; or give `until`. */
  rests?: number;
  /** Compound every complete month from `from` up to this date; leftover days are reported, not charged. */
  until?: IsoDate;
  /** RBI Bank Rate table (percent p.a.), e.g. [{effectiveFrom: '2025-06-06', ratePct: '5.75'}]. */
  bankRates: readonly RateEntry[];
  /** s.16: "three times the bank rate". Override only for what-if analysis. Default 3. */
  multiplier?: number;
  rounding?: RoundingMode;
}

/** One monthly rest of an MSMED computation. */
export interface MsmedRest {
  restDate: IsoDate;
  bankRatePct: string;
  /** multiplier × bank rate, percent p.a. */
  annualRatePct: string;
  /** Balance after compounding at this rest, rounded for display only. */
  balance: Money;
}

/** Result of {@link msmedInterest}. */
export interface MsmedInterestResult {
  interest: Money;
  rests: MsmedRest[];
  /** Days after the last complete rest up to `until` (not compounded or charged here). */
  uncompoundedDays: number;
}

/** Maximum rests (50 years of months) to keep the rational arithmetic bounded. */
const MAX_RESTS = 600;

/**
 * MSMED Act 2006 s.16: "compound interest with monthly rests … at three times the bank rate
 * notified by the Reserve Bank", notwithstanding any agreement. Per Calcutta HC 2024
 * (2024 (8) TMI 652) the RBI rate is taken *at each monthly rest* (here: the rate in force on the
 * rest date), and the monthly rate is the annual rate ÷ 12 (practice, not statute: [U], ask counsel).
 * Example: ₹1,00,000, 3 rests at Bank Rate 5.75 % → 17.25 % p.a. → 1.4375 %/month → ₹4,374.79.
 */
export function msmedInterest(input: MsmedInterestInput): MsmedInterestResult {
  if (input == null || typeof input !== 'object') {
    throw new DomainValidationError('invalid_input', 'input', 'must be an object');
  }
  const principal = positiveDebt(input.principal, 'principal');
  const from = parseIsoDate(input.from, 'from');
  const multiplier = input.multiplier ?? 3;
  if (!Number.isSafeInteger(multiplier) || multiplier < 1) {
    throw new DomainValidationError('out_of_range', 'multiplier', 'must be an integer ≥ 1');
  }
  let rests: number;
  let uncompoundedDays = 0;
  if (input.rests !== undefined && input.until !== undefined) {
    throw new DomainValidationError('invalid_input', 'rests', 'give either rests or until, not both');
  }
  if (input.until !== undefined) {
    const until = parseIsoDate(input.until, 'until');
    if (compareDates(until, from) < 0) {
      throw new DomainValidationError('out_of_range', 'until', 'must not be before from');
    }
    rests = 0;
    while (rests < MAX_RESTS && compareDates(addMonthsClamped(from, rests + 1), until) <= 0) {
      rests += 1;
    }
    uncompoundedDays = daysBetween(addMonthsClamped(from, rests), until);
  } else {
    rests = input.rests as number;
  }
  if (!Number.isSafeInteger(rests) || rests < 0 || rests > MAX_RESTS) {
    throw new DomainValidationError('out_of_range', 'rests', `must be an integer from 0 to ${MAX_RESTS}`);
  }
  const table = parseRateTable(input.bankRates, 'bankRates');

  // balance = principal × Π (1 + r_k / 1200), kept as numerator/denominator.
  let numerator = BigInt(principal.amountMinor);
  let denominator = 1n;
  const restRows: MsmedRest[] = [];
  for (let k = 1; k <= rests; k += 1) {
    const restDate = addMonthsClamped(from, k);
    const bank = rateOn(table, restDate, 'bankRates');
    const annual: ExactDecimal = { units: bank.rate.units * BigInt(multiplier), scale: bank.rate.scale };
    const scaleFactor = 1200n * pow10(annual.scale);
    numerator *= scaleFactor + annual.units;
    denominator *= scaleFactor;
    restRows.push({
      restDate,
      bankRatePct: decimalText(bank.rate),
      annualRatePct: decimalText(annual),
      balance: moneyFromBigInt(roundRational(numerator, denominator, input.rounding ?? 'half_up'), principal.currency, 'balance'),
    });
  }
  const interestMinor = roundRational(numerator - BigInt(principal.amountMinor) * denominator, denominator, input.rounding ?? 'half_up');
  return { interest: moneyFromBigInt(interestMinor, principal.currency, 'interest'), rests: restRows, uncompoundedDays };
}

// ---------------------------------------------------------------------------------------------
// Simple statutory interest (UK Late Payment Act, EU Directive 2011/7/EU)

/** Input shared by {@link ukLatePaymentInterest} and {@link euLatePaymentInterest}. */
export interface SimpleStatutoryInput {
  debt: Money;
  /** Last day for payment; interest runs from the next day. */
  dueDate: IsoDate;
  /** Day of payment (or of the calculation); counted inclusive. */
  until: IsoDate;
  /** Fixed reference rate for the whole period (percent p.a.)... */
  referenceRatePct?: string | number;
  /** ...or the central-bank rate table, from which the half-yearly reference rate is derived. */
  referenceRates?: readonly RateEntry[];
  /** Day-count denominator. Default 365 (as in the worked examples). */
  daysInYear?: 360 | 365 | 366;
  rounding?: RoundingMode;
}

/** One period of a simple-interest computation at a single rate. */
export interface InterestSegment {
  from: IsoDate;
  to: IsoDate;
  days: number;
  referenceRatePct: string;
  annualRatePct: string;
}

/** Result of the simple statutory computations. */
export interface StatutoryInterestResult {
  interest: Money;
  /** Fixed compensation per debt (UK bands; EU minimum €40). */
  fixedCompensation: Money;
  /** interest + fixed compensation. */
  totalClaim: Money;
  daysLate: number;
  segments: InterestSegment[];
}

type ReferenceDateRule = (halfYearStart: IsoDate) => IsoDate;

function simpleStatutory(input: SimpleStatutoryInput, marginPct: ExactDecimal, referenceDate: ReferenceDateRule, compensation: (debt: Money) => Money): StatutoryInterestResult {
  if (input == null || typeof input !== 'object') {
    throw new DomainValidationError('invalid_input', 'input', 'must be an object');
  }
  const debt = positiveDebt(input.debt, 'debt');
  const dueDate = parseIsoDate(input.dueDate, 'dueDate');
  const until = parseIsoDate(input.until, 'until');
  const daysInYear = input.daysInYear ?? 365;
  if (daysInYear !== 360 && daysInYear !== 365 && daysInYear !== 366) {
    throw new DomainValidationError('out_of_range', 'daysInYear', 'must be 360, 365 or 366');
  }
  const hasFixed = input.referenceRatePct !== undefined;
  const hasTable = input.referenceRates !== undefined;
  if (hasFixed === hasTable) {
    throw new DomainValidationError('missing_rate', 'referenceRatePct', 'give exactly one of referenceRatePct or referenceRates');
  }
  const fixed = hasFixed ? parseDecimal(input.referenceRatePct as string | number, 'referenceRatePct') : undefined;
  if (fixed && fixed.units < 0n) {
    throw new DomainValidationError('out_of_range', 'referenceRatePct', 'must not be negative');
  }
  const table = hasTable ? parseRateTable(input.referenceRates, 'referenceRates') : [];

  const daysLate = Math.max(0, daysBetween(dueDate, until));
  const segments: InterestSegment[] = [];
  let numerator = 0n;
  let denominator = 1n;
  let start = addDays(dueDate, 1);
  while (compareDates(start, until) <= 0) {
    const [year, month] = start.split('-').map(Number) as [number, number];
    const halfYearStart = `${String(year).padStart(4, '0')}-${month <= 6 ? '01' : '07'}-01`;
    const halfYearEnd = `${String(year).padStart(4, '0')}-${month <= 6 ? '06-30' : '12-31'}`;
    const end = compareDates(halfYearEnd, until) < 0 ? halfYearEnd : until;
    const reference = fixed ?? rateOn(table, referenceDate(halfYearStart), 'referenceRates').rate;
    const annual = addDecimals(reference, marginPct);
    const days = daysBetween(start, end) + 1;
    // Σ debt × annual% × days / daysInYear, over a common denominator.
    const segmentDenominator = 100n * pow10(annual.scale) * BigInt(daysInYear);
    const segmentNumerator = BigInt(debt.amountMinor) * annual.units * BigInt(days);
    numerator = numerator * segmentDenominator + segmentNumerator * denominator;
    denominator *= segmentDenominator;
    segments.push({ from: start, to: end, days, referenceRatePct: decimalText(reference), annualRatePct: decimalText(annual) });
    start = addDays(end, 1);
  }
  const interest = moneyFromBigInt(roundRational(numerator, denominator, input.rounding ?? 'half_up'), debt.currency, 'interest');
  const fixedCompensation = compensation(debt);
  return {
    interest,
    fixedCompensation,
    totalClaim: moneyFromBigInt(BigInt(interest.amountMinor) + BigInt(fixedCompensation.amountMinor), debt.currency, 'totalClaim'),
    daysLate,
    segments,
  };
}

/**
 * UK fixed compensation per debt (Late Payment of Commercial Debts (Interest) Act 1998 s.5A, as
 * amended 2013): £40 below £1,000; £70 from £1,000 to £9,999.99; £100 from £10,000.
 */
export function ukFixedCompensation(debt: Money): Money {
  const d = positiveDebt(debt, 'debt');
  if (d.currency !== 'GBP') {
    throw new DomainValidationError('currency_mismatch', 'debt.currency', 'the Late Payment Act bands are in GBP');
  }
  // Bands and amounts as exact GBP decimals, converted through the exponent table (no hard-coded ×100).
  const band = compare(d, fromDecimalString('1000', 'GBP')) < 0 ? '40' : compare(d, fromDecimalString('10000', 'GBP')) < 0 ? '70' : '100';
  return fromDecimalString(band, 'GBP');
}

/**
 * UK Late Payment of Commercial Debts (Interest) Act 1998: simple interest at the reference rate
 * + 8 % ("8 per cent over the official dealing rate", SI 1998/2480) from the day after the due
 * date, plus fixed compensation. The reference rate is fixed per half-year: the base rate in force
 * on 31 December applies 1 January-30 June, on 30 June applies 1 July-31 December.
 * Example: £5,000, 30 days, H1 2024 reference 5.25 % → 13.25 % → £54.45 + £70.
 * Applies only if the contract has no "substantial remedy" for late payment.
 */
export function ukLatePaymentInterest(input: SimpleStatutoryInput): StatutoryInterestResult {
  if (input?.debt?.currency !== undefined && input.debt.currency !== 'GBP') {
    throw new DomainValidationError('currency_mismatch', 'debt.currency', 'the Late Payment Act applies to sterling debts');
  }
  return simpleStatutory(input, { units: 8n, scale: 0 }, (halfYearStart) => addDays(halfYearStart, -1), ukFixedCompensation);
}

/** Options for {@link euLatePaymentInterest}. */
export interface EuLatePaymentInput extends SimpleStatutoryInput {
  /** Margin over the ECB reference rate, at least 8 points (Directive 2011/7/EU). Default "8". */
  marginPct?: string | number;
  /** Fixed compensation; required outside the euro (the Directive's €40 in national currency). */
  fixedCompensation?: Money;
}

/**
 * EU Late Payment Directive 2011/7/EU (B2B, B2G): simple interest at the ECB reference rate
 * (main refinancing rate in force on 1 January / 1 July for each half-year) + at least 8 points
 * from the day after the due date, no reminder needed, plus at least €40 fixed compensation.
 * National transpositions can differ (rounding, add-ons): pass their rate table and margin.
 * Example: €10,000, 45 days, reference 2.15 % → 10.15 % → €125.14 + €40.
 */
export function euLatePaymentInterest(input: EuLatePaymentInput): StatutoryInterestResult {
  const margin = parseDecimal(input?.marginPct ?? '8', 'marginPct');
  if (margin.units < 8n * pow10(margin.scale)) {
    throw new DomainValidationError('out_of_range', 'marginPct', 'the Directive requires at least 8 percentage points');
  }
  return simpleStatutory(input, margin, (halfYearStart) => halfYearStart, (debt) => {
    if (input.fixedCompensation !== undefined) {
      const fixed = assertMoney(input.fixedCompensation, 'fixedCompensation');
      if (fixed.currency !== debt.currency) {
        throw new DomainValidationError('currency_mismatch', 'fixedCompensation.currency', `debt is in ${debt.currency}`);
      }
      if (debt.currency === 'EUR' && fixed.amountMinor < 4_000) {
        throw new DomainValidationError('out_of_range', 'fixedCompensation.amountMinor', 'the Directive sets a minimum of €40');
      }
      return fixed;
    }
    if (debt.currency !== 'EUR') {
      throw new DomainValidationError('invalid_input', 'fixedCompensation', `state the €40 equivalent in ${debt.currency}`);
    }
    return { amountMinor: 4_000, currency: 'EUR' };
  });
}
