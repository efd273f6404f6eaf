/**
 * Display formatting. Money goes through the domain's formatMoney (Intl, ISO exponents, en-IN
 * lakh grouping); calendar dates are formatted in UTC so a date never shifts with the host zone.
 */
import { formatMoney, fromDecimalString, toDecimalString } from '../../connector/domain/money';
import type { Money } from '../../connector/domain/model';

/** Money for display; falls back to the ISO code + decimal string for unknown codes rather than blanking the panel. */
export function money(value: Money, locale: string): string {
  try {
    return formatMoney(value, locale);
  } catch (_error) {
    return `${value.currency} ${value.amountMinor}`;
  }
}

/** A `YYYY-MM-DD` calendar date in the user's locale, e.g. '5 Nov 2026'. */
export function date(iso: string, locale: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  if (y === undefined || m === undefined || d === undefined || Number.isNaN(y + m + d)) {
    return iso;
  }
  let formatter = dateFormats.get(locale);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
    dateFormats.set(locale, formatter);
  }
  return formatter.format(new Date(Date.UTC(y, m - 1, d)));
}

/** Building an Intl.DateTimeFormat costs ~0.2 ms; lists format a date per row. One per locale (a page has one or two). */
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** An instant in the collector's own zone, e.g. '5 Nov 2026, 14:05'. */
export function instant(value: string, locale: string, zone: string): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) {
    return value;
  }
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: zone }).format(new Date(ms));
}

/** A status or code for display: 'pending_approval' → 'pending approval'. */
export function words(code: string): string {
  return code.replace(/_/g, ' ');
}

/** Whole percentage for display, e.g. 0.8234 → '82%'. */
export function percent(ratio: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(ratio);
}

/** Integer in the user's locale. */
export function integer(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value);
}

/**
 * Parse what a collector typed in their locale ('1,00,000.50' en-IN, '1.000,5' de-DE) into exact
 * minor units via the domain's decimal parser. Returns null for empty or unparseable input.
 */
export function parseAmount(text: string, currency: string, locale: string): Money | null {
  const parts = new Intl.NumberFormat(locale).formatToParts(12345.6);
  const group = parts.find((p) => p.type === 'group')?.value ?? ',';
  const decimal = parts.find((p) => p.type === 'decimal')?.value ?? '.';
  const cleaned = text
    .trim()
    .replace(/[\s\u00a0\u202f]/g, '')
    .split(group)
    .join('')
    .replace(decimal, '.')
    .replace(/^[^\d.-]+|[^\d.]+$/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(cleaned)) {
    return null;
  }
  try {
    return fromDecimalString(cleaned, currency);
  } catch (_error) {
    // More fraction digits than the currency has (e.g. JPY 10.5): not a valid amount.
    return null;
  }
}

/** Minor units back to an editable decimal string in the user's locale, without grouping (exact). */
export function editableAmount(value: Money, locale: string): string {
  const decimal = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
  return toDecimalString(value).replace('.', decimal);
}
