import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { convert, type FxRate, roundedQuotient, roundRational } from '../money';
import { expectDomainError } from '../test-support';
import { divideHalfEven, divideHalfUp, fxConverter, percentOf } from './exact';

const LIMIT = 2 ** 52;

describe('exact arithmetic in doubles', () => {
  it('divides and rounds exactly as the BigInt rationals of money.ts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: LIMIT }), fc.integer({ min: 1, max: LIMIT }), (n, d) => {
        expect(divideHalfEven(n, d)).toBe(Number(roundRational(BigInt(n), BigInt(d), 'half_even')));
        expect(divideHalfUp(n, d)).toBe(Number(roundRational(BigInt(n), BigInt(d), 'half_up')));
      }),
      { numRuns: 2_000 },
    );
    // Exact ties, both ways.
    expect([divideHalfEven(5, 2), divideHalfEven(7, 2), divideHalfUp(5, 2)]).toEqual([2, 4, 3]);
  });

  it('gives the percentage roundedQuotient gives, fast path and BigInt path alike', () => {
    fc.assert(
      fc.property(fc.oneof(fc.nat(1_000_000), fc.maxSafeNat()), fc.oneof(fc.integer({ min: 1, max: 1_000_000 }), fc.maxSafeNat()), (part, whole) => {
        expect(percentOf(part, whole)).toBe(roundedQuotient(BigInt(part) * 100n, BigInt(whole)));
      }),
      { numRuns: 2_000 },
    );
    expect(percentOf(1, 3)).toBe(33.33);
    expect(percentOf(1, 0)).toBeNull();
  });

  it('converts exactly as money.ts convert, for every exponent pair and rate precision', () => {
    const codes = ['USD', 'JPY', 'KWD', 'CLF', 'INR'] as const;
    const rateText = fc
      .tuple(fc.integer({ min: 1, max: 99_999_999 }), fc.integer({ min: 0, max: 9 }))
      .map(([units, scale]) => (scale === 0 ? String(units) : `${String(units).padStart(scale + 1, '0').slice(0, -scale)}.${String(units).padStart(scale + 1, '0').slice(-scale)}`));
    fc.assert(
      fc.property(
        fc.constantFrom(...codes),
        fc.constantFrom(...codes),
        rateText,
        fc.oneof(fc.nat(10_000), fc.nat(10_000_000_000), fc.maxSafeNat()),
        (from, to, rate, amountMinor) => {
          const rates: FxRate[] = [{ from, to, rate, asOf: '2026-01-01' }];
          const converter = fxConverter(from, to, rates, '2026-03-01');
          let expected: number | string;
          try {
            expected = convert({ amountMinor, currency: from }, to, rates, '2026-03-01').amountMinor;
          } catch (error) {
            expected = String(error);
          }
          let actual: number | string;
          try {
            actual = converter.convert(amountMinor);
          } catch (error) {
            actual = String(error);
          }
          expect(actual).toBe(expected);
        },
      ),
      { numRuns: 3_000 },
    );
  });

  it('uses the latest rate dated on or before the day, and refuses to guess one', () => {
    const rates: FxRate[] = [
      { from: 'EUR', to: 'USD', rate: '1.10', asOf: '2026-01-01' },
      { from: 'EUR', to: 'USD', rate: '1.20', asOf: '2026-03-02' },
    ];
    expect(fxConverter('EUR', 'USD', rates, '2026-03-01').convert(100)).toBe(110);
    expect(fxConverter('EUR', 'USD', rates, '2026-03-02').convert(100)).toBe(120);
    expectDomainError(() => fxConverter('USD', 'EUR', rates, '2026-03-02'), 'missing_rate', 'rates');
    expectDomainError(() => fxConverter('EUR', 'USD', [{ from: 'EUR', to: 'USD', rate: '-1', asOf: '2026-01-01' }], '2026-03-02'), 'invalid_input', 'rates[0].rate');
  });
});
