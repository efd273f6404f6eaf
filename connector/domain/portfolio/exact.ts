/**
 * Exact integer arithmetic for the portfolio's hot paths (@internal). money.ts converts and
 * metrics round on BigInt rationals, which is exact but costs microseconds per call; here the same
 * results are computed with doubles while every intermediate is an integer below 2^52 (so exactly
 * representable), and anything larger falls back to money.ts itself. exact.test.ts proves the
 * fast paths equal `convert` and `roundedQuotient` on random inputs.
 */
import { currencyExponent } from '../currencies';
import { invalid } from '../errors';
import type { CurrencyCode, IsoDate } from '../model';
import { convert, findRate, type FxRate, parseDecimal, pow10, roundedQuotient } from '../money';

/** Largest integer for which n / d, floor and remainder below are exact in doubles. */
const EXACT_LIMIT = 2 ** 52;

/** floor(n / d) with its remainder, for integers 0 ≤ n ≤ 2^52 and 0 < d ≤ 2^52. */
function divide(n: number, d: number): { quotient: number; remainder: number } {
  // floor(n / d) in doubles is the true floor: the division is correctly rounded, so it never falls
  // below an integer k ≤ the true quotient; and a true quotient k − δ below the next integer is at
  // least 1/d away from it, more than half an ulp of k (≤ 2^52/d · 2^-53), so it never rounds up to k.
  const quotient = Math.floor(n / d);
  return { quotient, remainder: n - quotient * d };
}

/** n / d rounded half-even (money.ts `roundRational(…, 'half_even')`), for 0 ≤ n ≤ 2^52, 0 < d ≤ 2^52. */
export function divideHalfEven(n: number, d: number): number {
  const { quotient, remainder } = divide(n, d);
  const twice = remainder * 2;
  return twice > d || (twice === d && quotient % 2 === 1) ? quotient + 1 : quotient;
}

/** n / d rounded half-up, for 0 ≤ n ≤ 2^52, 0 < d ≤ 2^52. */
export function divideHalfUp(n: number, d: number): number {
  const { quotient, remainder } = divide(n, d);
  return remainder * 2 >= d ? quotient + 1 : quotient;
}

/**
 * `part ÷ whole × 100`, 2 decimals, half-up: exactly metrics.ts / aging.ts `roundedQuotient`
 * (e.g. utilisation 1/3 → 33.33). `null` when `whole` is 0. Inputs are non-negative safe integers.
 */
export function percentOf(part: number, whole: number): number | null {
  if (whole === 0) {
    return null;
  }
  const scaled = part * 10_000;
  if (scaled <= EXACT_LIMIT && whole <= EXACT_LIMIT) {
    // Division by 100 is correctly rounded, so it yields the double nearest to the 2-decimal value,
    // which is what roundedQuotient's Number("12.34") yields.
    return divideHalfUp(scaled, whole) / 100;
  }
  return roundedQuotient(BigInt(part) * 100n, BigInt(whole));
}

/** Converts non-negative minor amounts of one currency into another at one dated rate. @internal */
export interface FxConverter {
  readonly from: CurrencyCode;
  readonly to: CurrencyCode;
  /** The rate used; null when `from` is `to`. */
  readonly rate: FxRate | null;
  convert(amountMinor: number): number;
}

/**
 * The converter money.ts `convert(value, to, rates, onDate)` would apply: the latest explicit rate
 * `from → to` dated on or before `onDate` (findRate), exact product, one half-even rounding.
 * @throws DomainValidationError `missing_rate` naming `rates`, or naming the malformed rate.
 */
export function fxConverter(from: CurrencyCode, to: CurrencyCode, rates: readonly FxRate[], onDate: IsoDate): FxConverter {
  if (from === to) {
    return { from, to, rate: null, convert: (amountMinor) => amountMinor };
  }
  const rate = findRate(rates, from, to, onDate);
  if (!rate) {
    return invalid('rates', `no ${from}→${to} rate dated on or before ${onDate}`, 'missing_rate');
  }
  const field = `rates[${rates.indexOf(rate)}].rate`;
  const parsed = parseDecimal(rate.rate, field);
  if (parsed.units <= 0n) {
    invalid(field, 'must be positive');
  }
  // amount × units × 10^shift / 10^scale, as in money.ts convert.
  const shift = currencyExponent(to, 'to') - currencyExponent(from, 'from');
  const multiplier = parsed.units * pow10(Math.max(0, shift));
  const divisor = pow10(parsed.scale + Math.max(0, -shift));
  const fast = multiplier <= BigInt(EXACT_LIMIT) && divisor <= BigInt(EXACT_LIMIT);
  const multiplierNumber = Number(multiplier);
  const divisorNumber = Number(divisor);
  const exactly = (amountMinor: number): number => convert({ amountMinor, currency: from }, to, [rate], onDate).amountMinor;
  return {
    from,
    to,
    rate,
    convert(amountMinor: number): number {
      if (amountMinor === 0) {
        return 0;
      }
      const product = amountMinor * multiplierNumber;
      // A true product above 2^52 rounds to a double above it too, so this test is safe.
      return fast && amountMinor > 0 && product <= EXACT_LIMIT ? divideHalfEven(product, divisorNumber) : exactly(amountMinor);
    },
  };
}
