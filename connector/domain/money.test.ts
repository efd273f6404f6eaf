import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { currencyExponent, isKnownCurrency, listCurrencies } from './currencies';
import { expectDomainError } from './test-support';
import {
  add, allocate, compare, convert, findRate, formatMoney, fromDecimalString, isZero, max, min, money, negate,
  parseDecimal, roundRational, subtract, sum, sumByCurrency, toDecimalString, type FxRate,
} from './money';

describe('currencies (ISO 4217 List One 2024-06-25)', () => {
  it.each([
    ['JPY', 0], ['KRW', 0], ['ISK', 0], ['CLP', 0], ['XOF', 0], ['UYI', 0],
    ['INR', 2], ['USD', 2], ['EUR', 2], ['GBP', 2], ['ZWG', 2], ['SLE', 2],
    ['KWD', 3], ['BHD', 3], ['OMR', 3], ['JOD', 3], ['TND', 3], ['LYD', 3], ['IQD', 3],
    ['CLF', 4], ['UYW', 4],
  ])('%s has exponent %i', (code, exponent) => {
    expect(currencyExponent(code)).toBe(exponent);
  });

  it('rejects X-codes without minor units and withdrawn or unknown codes', () => {
    for (const code of ['XAU', 'XDR', 'XXX', 'XTS']) {
      expectDomainError(() => currencyExponent(code), 'unknown_currency', 'currency');
    }
    for (const code of ['HRK', 'SLL', 'ABC', 'usd', '', 42]) {
      expect(isKnownCurrency(code)).toBe(false);
    }
  });

  it('lists every active code once, sorted', () => {
    const codes = listCurrencies();
    expect(codes.length).toBe(167);
    expect(codes).toContain('XCG');
    expect([...codes].sort()).toEqual(codes);
    expect(new Set(codes).size).toBe(codes.length);
  });
});

describe('money constructor and arithmetic', () => {
  it('validates safe integers and known currencies', () => {
    expect(money(12345, 'USD')).toEqual({ amountMinor: 12345, currency: 'USD' });
    expectDomainError(() => money(1.5, 'USD'), 'invalid_input', 'money.amountMinor');
    expectDomainError(() => money(Number.NaN, 'USD'), 'invalid_input', 'money.amountMinor');
    expectDomainError(() => money(2 ** 53, 'USD'), 'invalid_input', 'money.amountMinor');
    expectDomainError(() => money(1, 'XAU'), 'unknown_currency', 'money.currency');
    expectDomainError(() => money(1, 'ZZZ'), 'unknown_currency', 'money.currency');
  });

  it('adds, subtracts, negates and compares within a currency', () => {
    expect(add(money(150, 'EUR'), money(250, 'EUR'))).toEqual(money(400, 'EUR'));
    expect(subtract(money(150, 'EUR'), money(250, 'EUR'))).toEqual(money(-100, 'EUR'));
    expect(negate(money(5, 'JPY'))).toEqual(money(-5, 'JPY'));
    expect(negate(money(0, 'JPY')).amountMinor).toBe(0);
    expect(Object.is(negate(money(0, 'JPY')).amountMinor, -0)).toBe(false);
    expect(compare(money(1, 'USD'), money(2, 'USD'))).toBe(-1);
    expect(compare(money(2, 'USD'), money(2, 'USD'))).toBe(0);
    expect(min(money(1, 'USD'), money(2, 'USD'))).toEqual(money(1, 'USD'));
    expect(max(money(1, 'USD'), money(2, 'USD'))).toEqual(money(2, 'USD'));
    expect(isZero(money(0, 'KWD'))).toBe(true);
  });

  it('refuses to mix currencies', () => {
    expectDomainError(() => add(money(1, 'USD'), money(1, 'EUR')), 'currency_mismatch', 'b.currency');
    expectDomainError(() => compare(money(1, 'USD'), money(1, 'EUR')), 'currency_mismatch');
    expectDomainError(() => sum([money(1, 'USD'), money(1, 'EUR')], 'USD'), 'currency_mismatch', 'items[1].currency');
  });

  it('detects overflow instead of losing precision', () => {
    expectDomainError(() => add(money(Number.MAX_SAFE_INTEGER, 'USD'), money(1, 'USD')), 'out_of_range');
  });

  it('sums an empty list to zero in the given currency and groups by currency', () => {
    expect(sum([], 'INR')).toEqual(money(0, 'INR'));
    expect(sumByCurrency([money(1, 'USD'), money(2, 'EUR'), money(3, 'USD')])).toEqual([money(2, 'EUR'), money(4, 'USD')]);
  });
});

describe('decimal strings', () => {
  it('parses exactly per exponent', () => {
    expect(fromDecimalString('1234.5', 'KWD')).toEqual(money(1_234_500, 'KWD'));
    expect(fromDecimalString('0.1', 'USD')).toEqual(money(10, 'USD'));
    expect(fromDecimalString('-12.34', 'EUR')).toEqual(money(-1234, 'EUR'));
    expect(fromDecimalString('100000', 'JPY')).toEqual(money(100000, 'JPY'));
    expect(fromDecimalString('1.2345', 'CLF')).toEqual(money(12345, 'CLF'));
    expect(fromDecimalString('1.500', 'USD')).toEqual(money(150, 'USD'));
  });

  it('rejects malformed input and amounts needing rounding', () => {
    expectDomainError(() => fromDecimalString('1.234', 'USD'), 'invalid_input', 'amount');
    expectDomainError(() => fromDecimalString('1.5', 'JPY'), 'invalid_input', 'amount');
    expectDomainError(() => fromDecimalString('1e3', 'USD'), 'invalid_input', 'amount');
    expectDomainError(() => fromDecimalString('1,000.00', 'USD'), 'invalid_input', 'amount');
    expectDomainError(() => fromDecimalString('', 'USD'), 'invalid_input', 'amount');
    expectDomainError(() => fromDecimalString('99999999999999999', 'USD'), 'out_of_range', 'amount');
    expectDomainError(() => fromDecimalString('1', 'XXX'), 'unknown_currency', 'currency');
  });

  it('prints exact decimal strings', () => {
    expect(toDecimalString(money(12345, 'USD'))).toBe('123.45');
    expect(toDecimalString(money(-1, 'KWD'))).toBe('-0.001');
    expect(toDecimalString(money(5, 'JPY'))).toBe('5');
    expect(toDecimalString(money(7, 'UYW'))).toBe('0.0007');
  });

  it('round-trips every safe amount in every exponent', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), fc.constantFrom('JPY', 'USD', 'KWD', 'CLF'), (amount, currency) => {
        const m = money(amount, currency);
        expect(fromDecimalString(toDecimalString(m), currency)).toEqual(m);
      }),
    );
  });
});

describe('formatMoney', () => {
  it('shows INR in lakh grouping for en-IN', () => {
    expect(formatMoney(money(10_000_000, 'INR'), 'en-IN')).toBe('₹1,00,000.00');
  });

  it('uses the ISO exponent, not CLDR digits', () => {
    expect(formatMoney(money(1_234_500, 'KWD'), 'en-US')).toMatch(/1,234\.500$/);
    expect(formatMoney(money(1_500, 'IQD'), 'en-US')).toMatch(/1\.500$/);
    expect(formatMoney(money(100000, 'JPY'), 'en-US')).toBe('¥100,000');
    expect(formatMoney(money(-12345, 'USD'), 'en-US')).toBe('-$123.45');
  });

  it('is exact for large safe amounts', () => {
    expect(formatMoney(money(Number.MAX_SAFE_INTEGER, 'USD'), 'en-US')).toBe('$90,071,992,547,409.91');
  });

  it('names the locale when it is invalid', () => {
    expectDomainError(() => formatMoney(money(1, 'USD'), 'not a locale!'), 'invalid_input', 'locale');
  });
});

describe('allocate (Convention A)', () => {
  it.each([
    [money(100_000, 'JPY'), 3, [33_333, 33_333, 33_334]],
    [money(1_000_000, 'KWD'), 3, [333_333, 333_333, 333_334]],
    [money(10_000_000, 'INR'), 3, [3_333_333, 3_333_333, 3_333_334]],
  ])('splits %o into %i', (total, parts, expected) => {
    expect(allocate(total, parts).map((m) => m.amountMinor)).toEqual(expected);
  });

  it('USD 100.00 / 12 → 8.33 × 11 and 8.37', () => {
    const parts = allocate(money(10_000, 'USD'), 12);
    expect(parts.slice(0, 11).every((m) => m.amountMinor === 833)).toBe(true);
    expect(parts[11]).toEqual(money(837, 'USD'));
  });

  it('always sums to the total, including negatives', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 1, max: 500 }), (amount, parts) => {
        const pieces = allocate(money(amount, 'EUR'), parts);
        expect(pieces).toHaveLength(parts);
        expect(sum(pieces, 'EUR').amountMinor).toBe(amount);
      }),
    );
  });

  it('rejects a bad part count', () => {
    expectDomainError(() => allocate(money(1, 'USD'), 0), 'out_of_range', 'parts');
    expectDomainError(() => allocate(money(1, 'USD'), 2.5), 'out_of_range', 'parts');
  });
});

describe('exact rationals', () => {
  it('rounds half-even and half-up', () => {
    expect(roundRational(5n, 2n, 'half_even')).toBe(2n);
    expect(roundRational(7n, 2n, 'half_even')).toBe(4n);
    expect(roundRational(5n, 2n, 'half_up')).toBe(3n);
    expect(roundRational(-5n, 2n, 'half_up')).toBe(-3n);
    expect(roundRational(-5n, 2n, 'half_even')).toBe(-2n);
    expect(roundRational(10n, -4n, 'half_up')).toBe(-3n);
  });

  it('parses decimals without floats', () => {
    expect(parseDecimal('13.25', 'rate')).toEqual({ units: 1325n, scale: 2 });
    expect(parseDecimal(0.1, 'rate')).toEqual({ units: 1n, scale: 1 });
    expectDomainError(() => parseDecimal('1e-7', 'rate'), 'invalid_input', 'rate');
    expectDomainError(() => parseDecimal(Number.POSITIVE_INFINITY, 'rate'), 'invalid_input', 'rate');
  });
});

describe('convert', () => {
  const rates: FxRate[] = [
    { from: 'USD', to: 'INR', rate: '83.00', asOf: '2026-01-01' },
    { from: 'USD', to: 'INR', rate: '84.125', asOf: '2026-03-01' },
    { from: 'USD', to: 'INR', rate: '90', asOf: '2026-06-01' },
    { from: 'KWD', to: 'USD', rate: '3.2525', asOf: '2026-01-01' },
    { from: 'USD', to: 'JPY', rate: '150.5', asOf: '2026-01-01' },
  ];

  it('picks the latest rate not after the date', () => {
    expect(findRate(rates, 'USD', 'INR', '2026-05-31')?.rate).toBe('84.125');
    expect(findRate(rates, 'USD', 'INR', '2026-03-01')?.rate).toBe('84.125');
    expect(findRate(rates, 'USD', 'INR', '2025-12-31')).toBeUndefined();
  });

  it('converts exactly between exponents', () => {
    // USD 100.00 × 84.125 = INR 8,412.50
    expect(convert(money(10_000, 'USD'), 'INR', rates, '2026-04-01')).toEqual(money(841_250, 'INR'));
    // KWD 1.000 × 3.2525 = USD 3.2525 = 325.25 cents → 325 (not a tie, either rule)
    expect(convert(money(1_000, 'KWD'), 'USD', rates, '2026-04-01')).toEqual(money(325, 'USD'));
    // USD 0.01 × 150.5 = JPY 1.505 → 2
    expect(convert(money(1, 'USD'), 'JPY', rates, '2026-04-01')).toEqual(money(2, 'JPY'));
  });

  it('documents the tie rule: half-even by default, half-up on request', () => {
    const tie: FxRate[] = [{ from: 'USD', to: 'EUR', rate: '0.5', asOf: '2026-01-01' }];
    expect(convert(money(5, 'USD'), 'EUR', tie, '2026-01-02')).toEqual(money(2, 'EUR'));
    expect(convert(money(5, 'USD'), 'EUR', tie, '2026-01-02', { rounding: 'half_up' })).toEqual(money(3, 'EUR'));
  });

  it('returns same-currency money untouched and refuses missing or bad rates', () => {
    expect(convert(money(5, 'USD'), 'USD', [], '2026-01-02')).toEqual(money(5, 'USD'));
    expectDomainError(() => convert(money(5, 'USD'), 'INR', rates, '2025-01-01'), 'missing_rate', 'rates');
    expectDomainError(() => convert(money(5, 'EUR'), 'USD', rates, '2026-01-01'), 'missing_rate', 'rates');
    expectDomainError(() => convert(money(5, 'USD'), 'INR', rates, '2026-02-30'), 'invalid_date', 'onDate');
    expectDomainError(
      () => convert(money(5, 'USD'), 'GBP', [{ from: 'USD', to: 'GBP', rate: '-1', asOf: '2026-01-01' }], '2026-01-02'),
      'invalid_input',
      'rates[0].rate',
    );
  });
});
