/**
 * The org's reporting currency and dated exchange rates, in ONE composite request.
 *
 * Salesforce keeps them in `CurrencyType` (IsCorporate marks the corporate currency) and, with
 * advanced currency management, `DatedConversionRate` (IsoCode, ConversionRate, StartDate,
 * NextStartDate). ConversionRate is "the conversion rate of the currency relative to the corporate
 * currency": 1 corporate unit = ConversionRate units of IsoCode ("DatedConversionRate", Object
 * Reference). Converting INTO the corporate currency divides by it; the domain's rates multiply, so
 * each rate is inverted once, exactly, to 12 decimal places (half-even), more than the 6 Salesforce stores.
 * An org without multiple currencies has neither object: the caller then needs `--currency`/`--rates`.
 */
import type { FxRate } from '../../domain/money';
import { isKnownCurrency } from '../../domain/currencies';
import type { SalesforceClient } from '../client';

export interface OrgCurrencies {
  /** null when the org is not multi-currency (no CurrencyType). */
  corporateCurrency: string | null;
  /** Dated rates (advanced currency management), else the static ones: the ranking's figures. */
  rates: FxRate[];
  /**
   * The static CurrencyType rates, which Salesforce applies outside opportunities: the strategy's
   * amount bands compare the collectable converted at these, in the panel and the worklist alike
   * (decision 0028, connector/domain/strategy/collectable.ts).
   */
  staticRates: FxRate[];
  /** Why no rates were read, in words (for the CLI). */
  note: string | null;
}

const PLACES = 12n;

/** `1 / rate` as a decimal string with 12 places, half-even; exact on the decimal text. */
export function invertRate(rate: string): string {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(rate.trim());
  if (!match) {
    throw new TypeError(`Not a positive decimal rate: ${JSON.stringify(rate)}`);
  }
  const fraction = match[2] ?? '';
  const numerator = BigInt(`${match[1]}${fraction}`);
  if (numerator === 0n) {
    throw new TypeError('A conversion rate of 0 cannot be inverted');
  }
  // 1 / (numerator / 10^f) = 10^f / numerator, scaled by 10^12.
  const scaled = 10n ** (BigInt(fraction.length) + PLACES);
  let quotient = scaled / numerator;
  const remainder = scaled % numerator;
  if (remainder * 2n > numerator || (remainder * 2n === numerator && quotient % 2n === 1n)) {
    quotient += 1n;
  }
  const digits = quotient.toString().padStart(Number(PLACES) + 1, '0');
  return `${digits.slice(0, -Number(PLACES))}.${digits.slice(-Number(PLACES))}`.replace(/\.?0+$/, '') || '0';
}

function numberText(value: unknown): string | null {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? String(value) : typeof value === 'string' && value !== '' ? value : null;
}

/** The org's active currencies and the corporate one (also the panel's `rates` subrequest, decision 0028). */
export const CURRENCY_TYPES_SOQL = 'SELECT IsoCode, ConversionRate, IsCorporate FROM CurrencyType WHERE IsActive = true';
/** Dated rates (advanced currency management). */
export const DATED_RATES_SOQL = 'SELECT IsoCode, ConversionRate, StartDate FROM DatedConversionRate ORDER BY StartDate';

type Row = Record<string, unknown>;

/** The corporate currency among CurrencyType rows, or null when none is set (or it is not ISO 4217). */
function corporateOf(types: readonly Row[]): string | null {
  const corporate = types.find((t) => t.IsCorporate === true)?.IsoCode;
  return typeof corporate === 'string' && isKnownCurrency(corporate) ? corporate : null;
}

/**
 * Rates into the corporate currency from CurrencyType rows (static: in force at any date) or
 * DatedConversionRate rows (from their StartDate), each inverted once.
 */
function ratesInto(corporate: string, rows: readonly Row[], dated: boolean): FxRate[] {
  const rates: FxRate[] = [];
  for (const row of rows) {
    const rate = numberText(row.ConversionRate);
    const asOf = dated ? row.StartDate : '1900-01-01';
    if (typeof row.IsoCode === 'string' && row.IsoCode !== corporate && isKnownCurrency(row.IsoCode) && rate && typeof asOf === 'string') {
      rates.push({ from: row.IsoCode, to: corporate, rate: invertRate(rate), asOf });
    }
  }
  return rates;
}

/**
 * The org's currencies from the rows of the two queries above; `types` null when CurrencyType could
 * not be read (a single-currency org), `dated` null or empty when there are no dated rates (then the
 * static CurrencyType rates apply at any date). The worklist, the CLI and the reports read them so.
 */
export function orgCurrenciesFromRows(types: readonly Row[] | null, dated: readonly Row[] | null): OrgCurrencies {
  if (!types) {
    return { corporateCurrency: null, rates: [], staticRates: [], note: 'The org has no CurrencyType object (multiple currencies are not enabled).' };
  }
  const corporate = corporateOf(types);
  if (!corporate) {
    return { corporateCurrency: null, rates: [], staticRates: [], note: 'The org has no corporate currency set.' };
  }
  const rates = ratesInto(corporate, dated ?? [], true);
  const staticRates = staticRatesFromRows(types);
  // Without advanced currency management the static CurrencyType rate applies at any date.
  return { corporateCurrency: corporate, rates: rates.length > 0 ? rates : staticRates, staticRates, note: null };
}

/**
 * The org's static rates (CurrencyType): the panel's (its one request has room for this query only)
 * and {@link OrgCurrencies.staticRates}, which the worklist's next actions use (decision 0028).
 */
export function staticRatesFromRows(types: readonly Row[]): FxRate[] {
  const corporate = corporateOf(types);
  return corporate ? ratesInto(corporate, types, false) : [];
}

export async function readOrgCurrencies(client: SalesforceClient, signal?: AbortSignal): Promise<OrgCurrencies> {
  const q = (soql: string): string => `${client.dataPath}/query?q=${encodeURIComponent(soql)}`;
  const answer = await client.composite({
    allOrNone: false,
    compositeRequest: [
      { method: 'GET', referenceId: 'types', url: q(CURRENCY_TYPES_SOQL) },
      { method: 'GET', referenceId: 'dated', url: q(DATED_RATES_SOQL) },
    ],
  }, { signal });
  const body = (ref: string): { records?: Row[] } | null => {
    const sub = answer.compositeResponse.find((r) => r.referenceId === ref);
    return sub && sub.httpStatusCode < 400 ? (sub.body as { records?: Row[] }) : null;
  };
  return orgCurrenciesFromRows(body('types')?.records ?? null, body('dated')?.records ?? null);
}
