/**
 * Salesforce field values → domain values, exactly: decimals → integer minor units by string math
 * (never float arithmetic), dates checked as real calendar dates, instants normalised to UTC ISO,
 * calendar days of instants computed with Intl in an explicit zone.
 */
import { currencyExponent, isKnownCurrency } from '../domain/currencies';
import { ConnectorError } from '../errors';
import type { Money } from '../domain/model';

/** A value that failed conversion; the message is plain enough to show in data-quality notes. */
export class ValueError extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
    this.name = 'ValueError';
  }
}

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/**
 * Exact minor units of a decimal amount in `currency`.
 * JSON numbers are read through `String(n)` (the shortest text that round-trips, i.e. the decimal
 * Salesforce sent), then converted digit by digit.
 * @throws ValueError for unknown currencies, exponent notation, or more decimals than the currency has.
 */
export function toMinorUnits(value: unknown, currency: unknown, field: string): Money {
  if (!isKnownCurrency(currency)) {
    throw new ValueError(field, `is in an unknown currency ${JSON.stringify(currency ?? null)}`);
  }
  const exponent = currencyExponent(currency);
  if (typeof value !== 'number' && typeof value !== 'string') {
    throw new ValueError(field, 'is missing');
  }
  const text = typeof value === 'number' ? String(value) : value.trim();
  const match = DECIMAL.exec(text);
  if (!match) {
    throw new ValueError(field, `${JSON.stringify(text)} is not a plain decimal number`);
  }
  const [, sign, whole = '0', rawFraction = ''] = match;
  const fraction = rawFraction.replace(/0+$/, '');
  if (fraction.length > exponent) {
    throw new ValueError(field, `${text} has more decimals than ${currency} allows (${exponent})`);
  }
  const minor = BigInt(`${whole}${fraction.padEnd(exponent, '0')}`) * (sign === '-' ? -1n : 1n);
  if (minor > BigInt(Number.MAX_SAFE_INTEGER) || minor < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new ValueError(field, `${text} is too large`);
  }
  const amountMinor = Number(minor);
  return { amountMinor: amountMinor === 0 ? 0 : amountMinor, currency };
}

/** Decimal text for minor units (for writing amounts back): 12345 INR → "123.45". */
export function fromMinorUnits(money: Money): string {
  const exponent = currencyExponent(money.currency);
  const negative = money.amountMinor < 0;
  const digits = String(Math.abs(money.amountMinor)).padStart(exponent + 1, '0');
  const text = exponent === 0 ? digits : `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
  return negative ? `-${text}` : text;
}

/** Number for a Salesforce Number(18,4) field. Exact: the decimal text parses to the nearest double, which prints back identically. */
export function amountForSalesforce(money: Money): number {
  return Number(fromMinorUnits(money));
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date `YYYY-MM-DD`, or throws. */
export function toIsoDate(value: unknown, field: string): string {
  if (typeof value !== 'string') {
    throw new ValueError(field, 'is missing');
  }
  const match = ISO_DATE.exec(value);
  if (!match) {
    throw new ValueError(field, `${JSON.stringify(value)} is not a date (YYYY-MM-DD)`);
  }
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0-99 as 1900-1999 and would reject 0050-06-01.
  const check = new Date(0);
  check.setUTCFullYear(y, m - 1, d);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) {
    throw new ValueError(field, `${value} is not a real calendar date`);
  }
  return value;
}

/** Optional date: null/undefined → null, otherwise validated. */
export function toOptionalIsoDate(value: unknown, field: string): string | null {
  return value == null ? null : toIsoDate(value, field);
}

/** Salesforce datetime (`2026-11-20T10:15:00.000+0000`) → UTC ISO instant. */
export function toInstant(value: unknown, field: string): string {
  if (typeof value !== 'string') {
    throw new ValueError(field, 'is missing');
  }
  const normalised = value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const ms = Date.parse(normalised);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(ms)) {
    throw new ValueError(field, `${JSON.stringify(value)} is not an ISO 8601 date-time`);
  }
  const instant = new Date(ms).toISOString();
  // The domain's instants and days have four-digit years (model.ts InstantSchema, IsoDateSchema): an offset can
  // push 9999-12-31T23:00-05:00 into the year 10000; a day's margin keeps its calendar day in any zone (±14 h) too.
  if (!/^\d{4}-/.test(instant) || instant < INSTANT_MIN || instant >= INSTANT_END) {
    throw new ValueError(field, `${JSON.stringify(value)} is outside the years 0001 to 9999`);
  }
  return instant;
}

const INSTANT_MIN = '0001-01-02';
const INSTANT_END = '9999-12-31';

const DAY_FORMATTERS = new Map<string, Intl.DateTimeFormat>();

function dayFormatter(zone: string): Intl.DateTimeFormat | null {
  let formatter = DAY_FORMATTERS.get(zone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
    } catch {
      return null;
    }
    DAY_FORMATTERS.set(zone, formatter);
  }
  return formatter;
}

/** Whether `zone` is an IANA time zone this runtime knows (e.g. 'Asia/Kolkata'). */
export function isKnownTimeZone(zone: string): boolean {
  return dayFormatter(zone) !== null;
}

/**
 * Calendar day of an instant in an explicit IANA zone (null/undefined → UTC).
 * @throws ConnectorError 'invalid_input' naming the zone when it is unknown: a silent UTC fallback
 *   would put calls made late in the evening in Asia on the wrong day.
 */
export function dayInZone(instant: string | Date, timeZone: string | null | undefined): string {
  const zone = timeZone ?? 'UTC';
  const formatter = dayFormatter(zone);
  if (!formatter) {
    throw new ConnectorError({ kind: 'invalid_input', fields: ['timeZone'], userMessage: `Unknown time zone ${JSON.stringify(zone)}.`, detail: `unknown IANA time zone ${JSON.stringify(zone)}` });
  }
  const parts = formatter.formatToParts(typeof instant === 'string' ? new Date(instant) : instant);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  // Intl writes the years 1-999 without leading zeros; a calendar date has four digits (IsoDateSchema).
  return `${get('year').padStart(4, '0')}-${get('month')}-${get('day')}`;
}

/**
 * Calendar-date arithmetic is the domain's (connector/domain/dates.ts: epoch days, years 0001-9999);
 * re-exported for existing importers (salesforce/scripts/apex-queries.ts).
 */
export { addDays } from '../domain/dates';

/** Trimmed string or null. */
export function text(value: unknown): string | null {
  if (typeof value !== 'string') {
    return null;
  }
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** Split a comma/semicolon/whitespace-separated id list. */
export function splitList(value: unknown): string[] {
  return typeof value === 'string' ? value.split(/[\s,;]+/).filter((s) => s.length > 0) : [];
}

/** Read a possibly dotted path (`Owner.Name`) from a record. */
export function readPath(record: Record<string, unknown> | null | undefined, path: string): unknown {
  let current: unknown = record;
  for (const part of path.split('.')) {
    if (current == null || typeof current !== 'object') {
      return undefined;
    }
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** Relationship name of a lookup field: `Collector__c` → `Collector__r`, `OwnerId` → `Owner`. */
export function relationshipOf(lookupField: string): string {
  if (lookupField.endsWith('__c')) {
    return `${lookupField.slice(0, -3)}__r`;
  }
  if (lookupField.endsWith('Id')) {
    return lookupField.slice(0, -2);
  }
  return lookupField;
}
