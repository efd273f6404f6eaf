import { describe, expect, it } from 'vitest';
import { invertRate, orgCurrenciesFromRows, staticRatesFromRows } from './rates';

describe('invertRate', () => {
  it('inverts a Salesforce conversion rate exactly to 12 places, half-even', () => {
    expect(invertRate('83.125')).toBe('0.012030075188');
    expect(invertRate('0.8')).toBe('1.25');
    expect(invertRate('1')).toBe('1');
    expect(invertRate('3')).toBe('0.333333333333');
    expect(invertRate('0.3075')).toBe('3.252032520325');
    // Below half a unit of the 12th place rounds down; above it, up.
    expect(invertRate('8000000000000')).toBe('0');
    expect(invertRate('1600000000000')).toBe('0.000000000001');
  });
  it('refuses what is not a positive decimal', () => {
    expect(() => invertRate('0')).toThrow(/cannot be inverted/);
    expect(() => invertRate('-2')).toThrow(/positive decimal/);
    expect(() => invertRate('1e3')).toThrow(/positive decimal/);
  });
});

describe('the org currencies from CurrencyType / DatedConversionRate rows', () => {
  const types = [
    { IsoCode: 'USD', ConversionRate: 1, IsCorporate: true },
    { IsoCode: 'INR', ConversionRate: 83.25, IsCorporate: false },
    { IsoCode: 'XXQ', ConversionRate: 2, IsCorporate: false },
  ];
  it("the panel's static rates are the worklist's when the org has no dated rates (one mapping, decision 0028)", () => {
    const org = orgCurrenciesFromRows(types, null);
    const statics = [{ from: 'INR', to: 'USD', rate: invertRate('83.25'), asOf: '1900-01-01' }];
    expect(org).toEqual({ corporateCurrency: 'USD', rates: statics, staticRates: statics, note: null });
    expect(staticRatesFromRows(types)).toEqual(org.rates);
    // With dated rates the figures use them and the strategy's bands keep the static ones (the panel's).
    const dated = orgCurrenciesFromRows(types, [{ IsoCode: 'INR', ConversionRate: 85, StartDate: '2026-11-01' }]);
    expect(dated.rates).toEqual([{ from: 'INR', to: 'USD', rate: invertRate('85'), asOf: '2026-11-01' }]);
    expect(dated.staticRates).toEqual(staticRatesFromRows(types));
  });
  it('no CurrencyType or no corporate currency: no rates', () => {
    expect(orgCurrenciesFromRows(null, null)).toMatchObject({ corporateCurrency: null, rates: [], staticRates: [] });
    expect(staticRatesFromRows(types.map((t) => ({ ...t, IsCorporate: false })))).toEqual([]);
  });
});
