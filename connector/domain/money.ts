/**
 * Exact money: integer minor units + ISO 4217 code (domain-rules.md (a)).
 *
 * No floats touch an amount: arithmetic is on safe integers, parsing and conversion use BigInt
 * rationals, display goes through `Intl.NumberFormat` with a decimal *string* (exact). Mixing
 * currencies throws `currency_mismatch` instead of producing a meaningless number.
 */
import { currencyExponent } from './currencies';
import { integerIn, invalid } from './errors';
import type { CurrencyCode, IsoDate, Money } from './model';
import { parseIsoDate } from './dates';

/** Re-exported so callers can import the money type alongside its functions. */
export type { Money } from './model';

/** Rounding rule for exact rationals: `half_even` (banker's) or `half_up` (ties away from zero). */
export type RoundingMode = 'half_even' | 'half_up';

// ---------------------------------------------------------------------------------------------
// Validation

function assertSafeMinor(value: unknown, field: string): number {
  const minor = integerIn(value, field, undefined, undefined, 'invalid_input');
  // -0 would print as "0" but compare oddly; normalise.
  return minor === 0 ? 0 : minor;
}

/**
 * Validate an untrusted money value (`{amountMinor, currency}`) and return a clean copy.
 * @throws DomainValidationError naming `field.amountMinor` / `field.currency`.
 */
export function assertMoney(value: unknown, field = 'money'): Money {
  if (value == null || typeof value !== 'object') {
    invalid(field, 'must be an object {amountMinor, currency}');
  }
  const record = value as Record<string, unknown>;
  currencyExponent(record.currency, `${field}.currency`);
  return { amountMinor: assertSafeMinor(record.amountMinor, `${field}.amountMinor`), currency: record.currency as string };
}

/**
 * Construct money from integer minor units, e.g. `money(12345, 'USD')` is USD 123.45.
 * @throws DomainValidationError for non-integers, unsafe integers or unknown currencies.
 */
export function money(amountMinor: number, currency: CurrencyCode): Money {
  return assertMoney({ amountMinor, currency }, 'money');
}

/** Validate a currency code for money and return it. @throws `unknown_currency` naming `field`. */
export function currencyCodeOf(code: unknown, field = 'currency'): CurrencyCode {
  currencyExponent(code, field);
  return code as CurrencyCode;
}

/** Zero in `currency`. */
export function zero(currency: CurrencyCode): Money {
  return money(0, currency);
}

function checkedResult(value: number, currency: string, field: string): Money {
  if (!Number.isSafeInteger(value)) {
    invalid(field, 'result exceeds the safe integer range of minor units', 'out_of_range');
  }
  return { amountMinor: value === 0 ? 0 : value, currency };
}

function sameCurrency(a: Money, b: Money, field: string): void {
  if (a.currency !== b.currency) {
    invalid(field, `cannot combine ${a.currency} with ${b.currency}`, 'currency_mismatch');
  }
}

/** a + b (same currency). @throws `currency_mismatch`, `out_of_range`. */
export function add(a: Money, b: Money): Money {
  const x = assertMoney(a, 'a');
  const y = assertMoney(b, 'b');
  sameCurrency(x, y, 'b.currency');
  return checkedResult(x.amountMinor + y.amountMinor, x.currency, 'add');
}

/** a − b (same currency). @throws `currency_mismatch`, `out_of_range`. */
export function subtract(a: Money, b: Money): Money {
  const x = assertMoney(a, 'a');
  const y = assertMoney(b, 'b');
  sameCurrency(x, y, 'b.currency');
  return checkedResult(x.amountMinor - y.amountMinor, x.currency, 'subtract');
}

/** −a. */
export function negate(a: Money): Money {
  const x = assertMoney(a, 'a');
  return checkedResult(-x.amountMinor, x.currency, 'negate');
}

/**
 * Sum of `items`, all in `currency` (needed so an empty list still has a currency).
 * @throws `currency_mismatch` naming `items[i].currency`.
 */
export function sum(items: readonly Money[], currency: CurrencyCode): Money {
  currencyExponent(currency, 'currency');
  return { amountMinor: totalsByCurrency(items, currency).get(currency) ?? 0, currency };
}

/** −1, 0 or 1 as a <, =, > b (same currency). */
export function compare(a: Money, b: Money): -1 | 0 | 1 {
  const x = assertMoney(a, 'a');
  const y = assertMoney(b, 'b');
  sameCurrency(x, y, 'b.currency');
  return x.amountMinor < y.amountMinor ? -1 : x.amountMinor > y.amountMinor ? 1 : 0;
}

/** True when the amount is exactly zero. */
export function isZero(a: Money): boolean {
  return assertMoney(a, 'a').amountMinor === 0;
}

/** True when the amount is below zero. */
export function isNegative(a: Money): boolean {
  return assertMoney(a, 'a').amountMinor < 0;
}

/** The smaller of a and b (same currency). */
export function min(a: Money, b: Money): Money {
  return compare(a, b) <= 0 ? assertMoney(a, 'a') : assertMoney(b, 'b');
}

/** The larger of a and b (same currency). */
export function max(a: Money, b: Money): Money {
  return compare(a, b) >= 0 ? assertMoney(a, 'a') : assertMoney(b, 'b');
}

/**
 * Per-currency totals, sorted by currency code. Never mixes currencies.
 * `sumByCurrency([USD 1, EUR 2, USD 3])` → `[EUR 2, USD 4]`.
 */
export function sumByCurrency(items: readonly Money[]): Money[] {
  return [...totalsByCurrency(items).entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([currency, amountMinor]) => ({ amountMinor, currency }));
}

/**
 * Validated per-currency totals of `items` (-0 normalised); with `only`, any other currency is a
 * `currency_mismatch` naming `items[i].currency`.
 */
function totalsByCurrency(items: readonly Money[], only?: CurrencyCode): Map<string, number> {
  if (!Array.isArray(items)) {
    invalid('items', 'must be an array of money');
  }
  const totals = new Map<string, number>();
  items.forEach((item, index) => {
    const m = assertMoney(item, `items[${index}]`);
    if (only !== undefined && m.currency !== only) {
      invalid(`items[${index}].currency`, `expected ${only}, got ${m.currency}`, 'currency_mismatch');
    }
    totals.set(m.currency, checkedResult((totals.get(m.currency) ?? 0) + m.amountMinor, m.currency, `items[${index}]`).amountMinor);
  });
  return totals;
}

/**
 * Validate every element of an untrusted array with `parse`, naming failures `root[i]...`.
 * @throws DomainValidationError naming `root` when `value` is not an array.
 * @internal
 */
export function parseArray<T>(value: unknown, root: string, parse: (item: unknown, field: string) => T): T[] {
  if (!Array.isArray(value)) {
    invalid(root, 'must be an array');
  }
  return value.map((item, index) => parse(item, `${root}[${index}]`));
}

// ---------------------------------------------------------------------------------------------
// Exact decimals (shared by conversion, interest, settlements and metrics)
//
// parseArray (above), parseDecimal, pow10, roundRational, roundedQuotient and moneyFromBigInt are
// domain-internal building blocks (`@internal`): exported for the domain's own modules only and
// deliberately left out of the public barrel (index.ts). Nothing outside connector/domain uses them.

/** An exact non-repeating decimal as `units / 10^scale`. @internal */
export interface ExactDecimal {
  readonly units: bigint;
  readonly scale: number;
}

const DECIMAL_PATTERN = /^([+-])?(\d+)(?:\.(\d+))?$/;

/**
 * Parse a plain decimal (`"13.25"`, `"-0.5"`, or a finite JS number such as `13.25`) exactly.
 * Exponent notation, NaN and Infinity are rejected: rates and percentages must be written out.
 * @throws DomainValidationError `invalid_input` naming `field`.
 * @internal
 */
export function parseDecimal(value: string | number, field: string): ExactDecimal {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : null;
  // NaN, Infinity and exponent forms print as text the pattern rejects, so one check covers them.
  const match = text === null ? null : DECIMAL_PATTERN.exec(text);
  if (!match) {
    invalid(field, `must be a plain decimal such as "13.25", got ${text === null ? typeof value : JSON.stringify(text)}`);
  }
  const [, sign, whole, fraction = ''] = match;
  const magnitude = BigInt(`${whole}${fraction}`);
  return { units: sign === '-' ? -magnitude : magnitude, scale: fraction.length };
}

/** 10^n as BigInt. @internal */
export function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

/**
 * A percentage from 0 to 100 (`12.5` or `"12.5"`) as an exact decimal: tolerances, minimum down
 * payments and settlement discount limits.
 * @throws DomainValidationError `invalid_input` (not a plain decimal) or `out_of_range` naming `field`.
 * @internal
 */
export function parsePercent(value: unknown, field: string): ExactDecimal {
  const pct = parseDecimal(value as string | number, field);
  if (pct.units < 0n || pct.units > 100n * pow10(pct.scale)) {
    invalid(field, 'must be a percentage from 0 to 100', 'out_of_range');
  }
  return pct;
}

/**
 * Round the rational `numerator / denominator` to an integer.
 * `half_even`: ties go to the even neighbour (banker's rounding, no drift across many roundings).
 * `half_up`: ties go away from zero (what invoices and statutory-interest statements usually show).
 * @internal
 */
export function roundRational(numerator: bigint, denominator: bigint, mode: RoundingMode = 'half_up'): bigint {
  if (denominator === 0n) {
    invalid('denominator', 'division by zero', 'out_of_range');
  }
  if (denominator < 0n) {
    numerator = -numerator;
    denominator = -denominator;
  }
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  let quotient = magnitude / denominator;
  const twiceRemainder = (magnitude % denominator) * 2n;
  if (twiceRemainder > denominator || (twiceRemainder === denominator && (mode === 'half_up' || quotient % 2n === 1n))) {
    quotient += 1n;
  }
  return negative ? -quotient : quotient;
}

/**
 * `numerator / denominator` rounded half-up to `decimals` places, as a JS number (exact decimal
 * rounding first, so 3490/6240 at 1 dp is exactly 0.6, never 0.59999). `null` when the
 * denominator is zero: an undefined ratio is reported as "no data", never NaN or Infinity.
 * @internal
 */
export function roundedQuotient(numerator: bigint, denominator: bigint, decimals = 2): number | null {
  integerIn(decimals, 'decimals', 0, 12);
  if (denominator === 0n) {
    return null;
  }
  const scaled = roundRational(numerator * pow10(decimals), denominator, 'half_up');
  const negative = scaled < 0n;
  return Number(withDecimalPoint((negative ? -scaled : scaled).toString(), decimals, negative));
}

/** Decimal text of an integer magnitude scaled by 10^-decimals: ('5', 3, true) → '-0.005', ('12', 0, false) → '12'. */
function withDecimalPoint(digits: string, decimals: number, negative: boolean): string {
  const padded = digits.padStart(decimals + 1, '0');
  const point = padded.length - decimals;
  return `${negative ? '-' : ''}${padded.slice(0, point)}${decimals > 0 ? `.${padded.slice(point)}` : ''}`;
}

/** Convert a BigInt minor amount back to a checked `Money`. @internal */
export function moneyFromBigInt(amountMinor: bigint, currency: CurrencyCode, field: string): Money {
  if (amountMinor > BigInt(Number.MAX_SAFE_INTEGER) || amountMinor < BigInt(Number.MIN_SAFE_INTEGER)) {
    invalid(field, 'result exceeds the safe integer range of minor units', 'out_of_range');
  }
  return checkedResult(Number(amountMinor), currency, field);
}

// ---------------------------------------------------------------------------------------------
// Parsing and display

/**
 * Parse a decimal string in major units exactly: `fromDecimalString('1234.5', 'KWD')` →
 * 1,234,500 fils. Extra fraction digits are accepted only if they are zeros (no silent rounding).
 * @throws DomainValidationError naming `amount` (bad syntax, too many decimals) or `currency`.
 */
export function fromDecimalString(amount: string, currency: CurrencyCode): Money {
  const exponent = currencyExponent(currency, 'currency');
  if (typeof amount !== 'string') {
    invalid('amount', 'must be a decimal string');
  }
  const { units, scale } = parseDecimal(amount, 'amount');
  // Digits beyond the exponent must all be zeros (they divide out exactly).
  const excess = pow10(Math.max(0, scale - exponent));
  if (units % excess !== 0n) {
    invalid('amount', `${currency} has ${exponent} decimal place(s); ${JSON.stringify(amount)} would need rounding`);
  }
  return moneyFromBigInt((units * pow10(Math.max(0, exponent - scale))) / excess, currency, 'amount');
}

/** Exact major-unit decimal string: USD 12345 → `"123.45"`, JPY 5 → `"5"`, KWD −1 → `"-0.001"`. */
export function toDecimalString(value: Money): string {
  const m = assertMoney(value, 'money');
  return withDecimalPoint(String(Math.abs(m.amountMinor)), currencyExponent(m.currency, 'money.currency'), m.amountMinor < 0);
}

/**
 * Locale display via `Intl.NumberFormat`, always with the ISO exponent's fraction digits (CLDR
 * disagrees for e.g. IQD). en-IN groups lakhs: INR 10000000 minor → `₹1,00,000.00`.
 * The amount is passed as a decimal string, so formatting is exact for every safe integer.
 * @throws DomainValidationError naming `locale` for an invalid BCP 47 tag.
 */
export function formatMoney(value: Money, locale: string): string {
  const m = assertMoney(value, 'money');
  const exponent = currencyExponent(m.currency, 'money.currency');
  const key = `${locale}|${m.currency}`;
  let formatter = moneyFormats.get(key);
  if (formatter === undefined) {
    try {
      formatter = new Intl.NumberFormat(locale, {
        style: 'currency',
        currency: m.currency,
        minimumFractionDigits: exponent,
        maximumFractionDigits: exponent,
      });
    } catch (error) {
      invalid('locale', `not a valid locale: ${error instanceof Error ? error.message : String(error)}`);
    }
    // Bounded: a page formats a handful of locale × currency pairs; a stream of odd locales cannot grow it past the cap.
    if (moneyFormats.size >= MONEY_FORMATS_MAX) {
      moneyFormats.clear();
    }
    moneyFormats.set(key, formatter);
  }
  return formatter.format(toDecimalString(m) as Intl.StringNumericLiteral);
}

/** Building an Intl.NumberFormat costs ~0.2 ms; a worklist formats thousands of amounts in a few currencies. */
const moneyFormats = new Map<string, Intl.NumberFormat>();
const MONEY_FORMATS_MAX = 64;

// ---------------------------------------------------------------------------------------------
// Allocation

/**
 * Split `total` into `parts` amounts that sum exactly to it, Convention A (domain-rules.md (d)):
 * every part is floor(total ÷ parts) and the last also takes the remainder.
 * USD 100.00 / 12 → 8.33 × 11, then 8.37. A negative total is split symmetrically (the last part
 * takes the negative remainder).
 * @throws DomainValidationError naming `parts` unless it is an integer ≥ 1.
 */
export function allocate(total: Money, parts: number): Money[] {
  const t = assertMoney(total, 'total');
  integerIn(parts, 'parts', 1);
  const sign = t.amountMinor < 0 ? -1 : 1;
  const magnitude = Math.abs(t.amountMinor);
  const base = Math.floor(magnitude / parts);
  const remainder = magnitude - base * parts;
  return Array.from({ length: parts }, (_, index) =>
    checkedResult(sign * (index === parts - 1 ? base + remainder : base), t.currency, 'allocate'),
  );
}

// ---------------------------------------------------------------------------------------------
// Currency conversion

/** A dated exchange rate: 1 unit of `from` = `rate` units of `to`, valid from `asOf`. */
export interface FxRate {
  from: CurrencyCode;
  to: CurrencyCode;
  /** Decimal string, e.g. `"83.1250"`. Strings keep the quoted precision exact. */
  rate: string;
  asOf: IsoDate;
}

/** Options for {@link convert}. */
export interface ConvertOptions {
  /** Default `half_even` (banker's) so that converting many items does not drift upwards. */
  rounding?: RoundingMode;
}

/**
 * The latest rate for `from → to` whose `asOf` is not after `onDate`; no inverse or cross rates
 * are derived (an explicit, dated rate is the audit trail). Returns `undefined` when none.
 */
export function findRate(rates: readonly FxRate[], from: CurrencyCode, to: CurrencyCode, onDate: IsoDate): FxRate | undefined {
  const day = parseIsoDate(onDate, 'onDate');
  let best: FxRate | undefined;
  rates.forEach((rate, index) => {
    if (rate == null || typeof rate !== 'object') {
      invalid(`rates[${index}]`, 'must be {from, to, rate, asOf}');
    }
    if (rate.from !== from || rate.to !== to) {
      return;
    }
    const asOf = parseIsoDate(rate.asOf, `rates[${index}].asOf`);
    if (asOf <= day && (best === undefined || asOf > best.asOf)) {
      best = rate;
    }
  });
  return best;
}

/**
 * Convert `value` into `to` using the latest explicit rate not after `onDate`.
 * Exact: amount × rate × 10^(exp(to) − exp(from)) is a BigInt rational, rounded once to the
 * target's minor unit (default half-even; pass `{rounding: 'half_up'}` for ties away from zero).
 * Same currency returns the value unchanged.
 * @throws DomainValidationError `missing_rate` naming `rates` when no usable rate exists;
 *   `invalid_input` for a non-positive or malformed rate.
 */
export function convert(value: Money, to: CurrencyCode, rates: readonly FxRate[], onDate: IsoDate, options: ConvertOptions = {}): Money {
  const m = assertMoney(value, 'money');
  const toExponent = currencyExponent(to, 'to');
  const fromExponent = currencyExponent(m.currency, 'money.currency');
  parseIsoDate(onDate, 'onDate');
  if (!Array.isArray(rates)) {
    invalid('rates', 'must be an array of dated rates');
  }
  if (m.currency === to) {
    return m;
  }
  const rate = findRate(rates, m.currency, to, onDate);
  if (!rate) {
    invalid('rates', `no ${m.currency}→${to} rate dated on or before ${onDate}`, 'missing_rate');
  }
  const index = rates.indexOf(rate);
  const parsed = parseDecimal(rate.rate, `rates[${index}].rate`);
  if (parsed.units <= 0n) {
    invalid(`rates[${index}].rate`, 'must be positive');
  }
  let numerator = BigInt(m.amountMinor) * parsed.units;
  let denominator = pow10(parsed.scale);
  const shift = toExponent - fromExponent;
  if (shift >= 0) {
    numerator *= pow10(shift);
  } else {
    denominator *= pow10(-shift);
  }
  return moneyFromBigInt(roundRational(numerator, denominator, options.rounding ?? 'half_even'), to, 'convert');
}
