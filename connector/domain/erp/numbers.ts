/**
 * ERP amounts as written in exports → exact minor units by the currency's ISO 4217 exponent.
 * SAP lists from German-language systems write `1.234,56-` (dot groups, comma decimals, trailing
 * minus); English ones `1,234.56-`; Oracle writes `-1,234.56` or `(1,234.56)`. The caller says
 * which character is the decimal mark (a layout or mapping fact): `1.234` alone is ambiguous.
 */
import { fromDecimalString } from '../money';
import { DomainValidationError } from '../errors';

export type DecimalMark = ',' | '.';

/** Grouping characters besides the other mark: spaces (also no-break and narrow no-break) and the Swiss apostrophe. */
const SPACES = /[\s\u00a0\u202f']/g;

/**
 * `text` → canonical decimal text (`-1234.56`), or null when it is not a well-formed number:
 * one sign (leading `-`/`+`, trailing `-`, or parentheses), digit groups of three after the first.
 */
export function canonicalDecimal(text: string, mark: DecimalMark): string | null {
  let body = text.trim();
  let negative = false;
  if (/^\(.*\)$/.test(body)) {
    negative = true;
    body = body.slice(1, -1).trim();
  }
  if (body.endsWith('-')) {
    if (negative) {
      return null;
    }
    negative = true;
    body = body.slice(0, -1).trim();
  } else if (/^[-+]/.test(body)) {
    if (negative && body.startsWith('-')) {
      return null;
    }
    negative = negative || body.startsWith('-');
    body = body.slice(1).trim();
  }
  const group = mark === ',' ? '.' : ',';
  body = body.replace(SPACES, '');
  const parts = body.split(mark);
  if (parts.length > 2) {
    return null;
  }
  const [whole = '', fraction] = parts;
  const grouped = whole.includes(group);
  const wholeOk = grouped ? new RegExp(`^\\d{1,3}(\\${group}\\d{3})+$`).test(whole) : /^\d+$/.test(whole);
  if (!wholeOk || (fraction !== undefined && !/^\d+$/.test(fraction))) {
    return null;
  }
  const digits = whole.split(group).join('').replace(/^0+(?=\d)/, '');
  return `${negative ? '-' : ''}${digits}${fraction === undefined ? '' : `.${fraction}`}`;
}

/**
 * Signed minor units of `text` in `currency`. Throws DomainValidationError: `invalid_input`
 * (not a number, or more decimals than the currency has), `unknown_currency`, `out_of_range`.
 */
export function parseErpAmount(text: string, mark: DecimalMark, currency: string, field = 'amount'): number {
  const canonical = canonicalDecimal(text, mark);
  if (canonical === null) {
    throw new DomainValidationError('invalid_input', field, `${JSON.stringify(text)} is not a number written with "${mark}" as the decimal mark`);
  }
  try {
    return fromDecimalString(canonical, currency).amountMinor;
  } catch (error) {
    if (error instanceof DomainValidationError) {
      throw new DomainValidationError(error.code, error.field === 'currency' ? 'currency' : field, error.message.replace(/^[^:]*: /, ''));
    }
    throw error;
  }
}

/** A number cell from a spreadsheet (a double) → decimal text, exactly as the shortest round-trip form prints it. */
export function numberCellText(value: number): string | null {
  if (!Number.isFinite(value)) {
    return null;
  }
  const text = String(value);
  if (!/e/i.test(text)) {
    return text;
  }
  // 1e21 and beyond, or tiny values such as 1e-7: not an amount a ledger holds.
  return Math.abs(value) < 1e15 && Math.abs(value) >= 1e-4 ? value.toFixed(4) : null;
}
