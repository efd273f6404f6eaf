import { describe, expect, it } from 'vitest';
import { convert } from '../money';
import type { FxRate } from '../money';
import { collectableInStrategyCurrency, noStrategyRateWords } from './collectable';

const ON = '2026-11-20';
/** An org with corporate currency EUR, as portfolio/rates.ts reads CurrencyType: every rate into EUR. */
const EUR_CORPORATE: FxRate[] = [
  { from: 'USD', to: 'EUR', rate: '0.8', asOf: '1900-01-01' }, // ConversionRate 1.25
  { from: 'INR', to: 'EUR', rate: '0.01', asOf: '1900-01-01' }, // ConversionRate 100
  { from: 'JPY', to: 'EUR', rate: '0.00625', asOf: '1900-01-01' }, // ConversionRate 160
];

describe("the collectable in the strategy's currency (decision 0028)", () => {
  it('adds amounts already in it and converts with a direct rate exactly as convert does', () => {
    const rates: FxRate[] = [{ from: 'INR', to: 'USD', rate: '0.012012012012', asOf: '1900-01-01' }];
    const rupees = { amountMinor: 2_100_000_00, currency: 'INR' };
    const expected = convert(rupees, 'USD', rates, ON).amountMinor + 1_000_00;
    expect(collectableInStrategyCurrency([rupees, { amountMinor: 1_000_00, currency: 'USD' }], 'USD', rates, ON)).toEqual({ amountMinor: expected, currency: 'USD' });
  });

  it('goes through the corporate currency when it is not the strategy\'s (corporate EUR, strategy USD)', () => {
    // EUR 20,000 ÷ 0.8 = USD 25,000.00; INR 100,000 → EUR 1,000 → USD 1,250.00; JPY 160,000 → EUR 1,000 → USD 1,250.00.
    expect(collectableInStrategyCurrency([{ amountMinor: 20_000_00, currency: 'EUR' }], 'USD', EUR_CORPORATE, ON)).toEqual({ amountMinor: 25_000_00, currency: 'USD' });
    expect(collectableInStrategyCurrency([{ amountMinor: 100_000_00, currency: 'INR' }], 'USD', EUR_CORPORATE, ON)).toEqual({ amountMinor: 1_250_00, currency: 'USD' });
    expect(collectableInStrategyCurrency([{ amountMinor: 160_000, currency: 'JPY' }], 'USD', EUR_CORPORATE, ON)).toEqual({ amountMinor: 1_250_00, currency: 'USD' });
    // Rounded once per currency (half-even), not per leg: INR 0.01 → EUR 0.0001 → USD 0.000125 → 0.
    expect(collectableInStrategyCurrency([{ amountMinor: 1, currency: 'INR' }], 'USD', EUR_CORPORATE, ON)).toEqual({ amountMinor: 0, currency: 'USD' });
    expect(collectableInStrategyCurrency([{ amountMinor: 3, currency: 'EUR' }], 'USD', [{ from: 'USD', to: 'EUR', rate: '0.8', asOf: '1900-01-01' }], ON)).toEqual({ amountMinor: 4, currency: 'USD' });
  });

  it('null when a currency with something collectable has no rate path; nothing to convert needs no rate', () => {
    expect(collectableInStrategyCurrency([{ amountMinor: 1_000_00, currency: 'INR' }], 'USD', [], ON)).toBeNull();
    expect(collectableInStrategyCurrency([{ amountMinor: 1_000_00, currency: 'GBP' }], 'USD', EUR_CORPORATE, ON)).toBeNull();
    expect(collectableInStrategyCurrency([{ amountMinor: 0, currency: 'INR' }, { amountMinor: 5_00, currency: 'USD' }], 'USD', [], ON)).toEqual({ amountMinor: 5_00, currency: 'USD' });
    // A rate dated after the day does not apply.
    expect(collectableInStrategyCurrency([{ amountMinor: 1_00, currency: 'INR' }], 'USD', [{ from: 'INR', to: 'USD', rate: '0.012', asOf: '2026-12-01' }], ON)).toBeNull();
  });

  it('says in plain words which currencies have no exchange rate, naming only those', () => {
    expect(noStrategyRateWords([{ amountMinor: 1_000_00, currency: 'INR' }, { amountMinor: 1_00, currency: 'USD' }], 'USD', [], ON)).toBe("The collection strategy's amounts are in USD and the org has no exchange rate from INR.");
    // INR has a path through EUR, GBP has none: only GBP is named.
    const mixed = [{ amountMinor: 1_00, currency: 'INR' }, { amountMinor: 1_00, currency: 'GBP' }];
    expect(noStrategyRateWords(mixed, 'USD', EUR_CORPORATE, ON)).toBe("The collection strategy's amounts are in USD and the org has no exchange rate from GBP.");
    expect(noStrategyRateWords([...mixed, { amountMinor: 0, currency: 'KWD' }], 'USD', [], ON)).toBe("The collection strategy's amounts are in USD and the org has no exchange rates from INR and GBP.");
  });
});
