/**
 * ERP dates → ISO calendar dates (`YYYY-MM-DD`), zone-free. Each layout names its format: SAP German
 * `31.12.2026`, SAP English per user settings (`12/31/2026` or `31.12.2026`), Oracle `31-DEC-2026`
 * (NLS_DATE_FORMAT DD-MON-YYYY, also DD-MON-YY) or `2026/12/31`. No format guessing between
 * day-first and month-first: `03/04/2026` is refused unless the layout or mapping says which.
 */
import { parseIsoDate } from '../dates';
import { DomainValidationError } from '../errors';

export const ERP_DATE_FORMATS = ['DD.MM.YYYY', 'YYYY-MM-DD', 'MM/DD/YYYY', 'DD/MM/YYYY', 'YYYY/MM/DD', 'DD-MON-YYYY'] as const;
export type ErpDateFormat = (typeof ERP_DATE_FORMATS)[number];

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

const PATTERNS: Record<ErpDateFormat, RegExp> = {
  'DD.MM.YYYY': /^(?<d>\d{1,2})\.(?<m>\d{1,2})\.(?<y>\d{4})$/,
  'YYYY-MM-DD': /^(?<y>\d{4})-(?<m>\d{2})-(?<d>\d{2})$/,
  'MM/DD/YYYY': /^(?<m>\d{1,2})\/(?<d>\d{1,2})\/(?<y>\d{4})$/,
  'DD/MM/YYYY': /^(?<d>\d{1,2})\/(?<m>\d{1,2})\/(?<y>\d{4})$/,
  'YYYY/MM/DD': /^(?<y>\d{4})\/(?<m>\d{1,2})\/(?<d>\d{1,2})$/,
  'DD-MON-YYYY': /^(?<d>\d{1,2})-(?<mon>[A-Za-z]{3})-(?<y>\d{4}|\d{2})$/,
};

/** `text` in one of `formats` (first match wins) → IsoDate; DomainValidationError `invalid_date` otherwise. */
export function parseErpDate(text: string, formats: readonly ErpDateFormat[], field = 'date'): string {
  const value = text.trim();
  for (const format of formats) {
    const match = PATTERNS[format].exec(value)?.groups;
    if (!match) {
      continue;
    }
    let month = match.m === undefined ? MONTHS.indexOf((match.mon ?? '').toUpperCase()) + 1 : Number(match.m);
    // Oracle's RR/YY two-digit years: this product's data is 21st century.
    const year = (match.y ?? '').length === 2 ? 2000 + Number(match.y) : Number(match.y);
    if (month < 1) {
      month = 0;
    }
    const iso = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Number(match.d)).padStart(2, '0')}`;
    try {
      return parseIsoDate(iso, field);
    } catch {
      throw new DomainValidationError('invalid_date', field, `${JSON.stringify(text)} is not a calendar date`);
    }
  }
  throw new DomainValidationError('invalid_date', field, `${JSON.stringify(text)} is not a date like ${formats.map(example).join(' or ')}`);
}

function example(format: ErpDateFormat): string {
  return { 'DD.MM.YYYY': '31.12.2026', 'YYYY-MM-DD': '2026-12-31', 'MM/DD/YYYY': '12/31/2026', 'DD/MM/YYYY': '31/12/2026', 'YYYY/MM/DD': '2026/12/31', 'DD-MON-YYYY': '31-DEC-2026' }[format];
}
