/**
 * The amount a strategy's bands compare: the account's collectable in the strategy's currency. ONE
 * rule for the panel and the worklist (decision 0028), so they cannot choose different segments:
 * each currency's collectable converted at the org's STATIC rates (the ones Salesforce itself applies
 * to currency fields outside opportunities: dated rates "are not used in … currency fields in other
 * objects", Salesforce Help on advanced currency management) and summed. The ranking's figures keep
 * the dated rates; only the bands use this.
 *
 * The org's rates are into its corporate currency, which need not be the strategy's (corporate EUR,
 * strategy USD). Each CurrencyType rate is "the conversion rate of the currency relative to the
 * corporate currency" (Object Reference; connector/salesforce/portfolio/rates.ts), so between two other
 * currencies the corporate one is the common term: X → P → S with P a currency both X and S have a
 * rate into, amount × r(X→P) ÷ r(S→P), exact, rounded once to S's minor unit (half-even, as `convert`).
 *
 * A currency with nothing collectable needs no rate (aging.ts converts zero without one). Any other
 * currency without a rate path gives null: the caller shows no next action, never a guessed segment.
 */
import type { CurrencyCode, IsoDate, Money } from '../model';
import { currencyExponent } from '../currencies';
import { findRate, moneyFromBigInt, parseDecimal, pow10, roundRational } from '../money';
import type { FxRate } from '../money';

/** An exact ratio numerator ÷ denominator. */
interface Ratio {
  numerator: bigint;
  denominator: bigint;
}

function ratioOf(rate: FxRate, field: string): Ratio {
  const { units, scale } = parseDecimal(rate.rate, field);
  return { numerator: units, denominator: pow10(scale) };
}

/** 1 unit of `from` in units of `to` through the rates (direct, or through a common currency), or null. */
function rateBetween(from: CurrencyCode, to: CurrencyCode, rates: readonly FxRate[], onDate: IsoDate): Ratio | null {
  const direct = findRate(rates, from, to, onDate);
  if (direct) {
    return ratioOf(direct, 'rates');
  }
  const pivots = new Set(rates.filter((rate) => rate.from === to).map((rate) => rate.to));
  for (const pivot of pivots) {
    const back = findRate(rates, to, pivot, onDate);
    const there = pivot === from ? { numerator: 1n, denominator: 1n } : findRate(rates, from, pivot, onDate);
    if (back && there) {
      const into = 'numerator' in there ? there : ratioOf(there, 'rates');
      const out = ratioOf(back, 'rates');
      if (out.numerator > 0n) {
        return { numerator: into.numerator * out.denominator, denominator: into.denominator * out.numerator };
      }
    }
  }
  return null;
}

/**
 * The sum of `collectables` (one per currency) in `currency`, each converted at `rates` as of
 * `onDate`; null when one with a non-zero amount has no rate path into `currency`.
 * @throws DomainValidationError for a malformed rate, an unknown currency or an amount out of range.
 */
export function collectableInStrategyCurrency(collectables: readonly Money[], currency: CurrencyCode, rates: readonly FxRate[], onDate: IsoDate): Money | null {
  const toExponent = currencyExponent(currency, 'currency');
  let total = 0n;
  for (const amount of collectables) {
    if (amount.currency === currency || amount.amountMinor === 0) {
      total += BigInt(amount.currency === currency ? amount.amountMinor : 0);
      continue;
    }
    const ratio = rateBetween(amount.currency, currency, rates, onDate);
    if (ratio === null) {
      return null;
    }
    const shift = toExponent - currencyExponent(amount.currency, 'collectables.currency');
    const numerator = BigInt(amount.amountMinor) * ratio.numerator * (shift > 0 ? pow10(shift) : 1n);
    const denominator = ratio.denominator * (shift < 0 ? pow10(-shift) : 1n);
    total += roundRational(numerator, denominator, 'half_even');
  }
  return moneyFromBigInt(total, currency, 'collectable');
}

/**
 * Why there is no next action when {@link collectableInStrategyCurrency} gave null, in words for the
 * collector: the currencies without a rate path (a single-currency org has none, and that is normal).
 */
export function noStrategyRateWords(collectables: readonly Money[], currency: CurrencyCode, rates: readonly FxRate[], onDate: IsoDate): string {
  const missing = [...new Set(collectables
    .filter((amount) => amount.currency !== currency && amount.amountMinor !== 0 && rateBetween(amount.currency, currency, rates, onDate) === null)
    .map((amount) => amount.currency))];
  const which = missing.length === 1 ? `exchange rate from ${missing[0]}` : `exchange rates from ${missing.join(' and ')}`;
  return `The collection strategy's amounts are in ${currency} and the org has no ${which}.`;
}
