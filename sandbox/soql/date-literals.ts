/**
 * SOQL date literals (TODAY, LAST_N_DAYS:n, THIS_MONTH ...) as half-open date ranges
 * [start, end) of ISO dates. The sandbox org's time zone is UTC and weeks start on Sunday
 * (en_US locale); fiscal periods equal calendar periods (the org has no custom fiscal year).
 */

/** A half-open range of ISO dates: start inclusive, end exclusive. */
export interface DateRange {
  start: string;
  end: string;
}

const DAY_MS = 86_400_000;

function parse(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
}
function fmt(date: Date): string {
  return date.toISOString().slice(0, 10);
}
/** ISO date `days` after `iso` (negative to go back). */
export function addDays(iso: string, days: number): string {
  return fmt(new Date(parse(iso).getTime() + days * DAY_MS));
}
/** First day of the month `months` after the month of `iso`. */
function monthStart(iso: string, months: number): string {
  const d = parse(iso);
  return fmt(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1)));
}
function quarterStart(iso: string, quarters: number): string {
  const d = parse(iso);
  const q = Math.floor(d.getUTCMonth() / 3);
  return fmt(new Date(Date.UTC(d.getUTCFullYear(), (q + quarters) * 3, 1)));
}
function yearStart(iso: string, years: number): string {
  return `${String(parse(iso).getUTCFullYear() + years).padStart(4, '0')}-01-01`;
}
function weekStart(iso: string, weeks: number): string {
  const d = parse(iso);
  return addDays(iso, -d.getUTCDay() + weeks * 7);
}

const range = (start: string, end: string): DateRange => ({ start, end });

/**
 * Resolves a date literal against `today` (ISO date). `n` is the number of a `_N_` literal.
 * Returns null for an unknown literal.
 */
export function resolveDateLiteral(literal: string, today: string, n = 0): DateRange | null {
  const name = literal.toUpperCase().split(':')[0] ?? '';
  switch (name) {
    case 'TODAY': return range(today, addDays(today, 1));
    case 'YESTERDAY': return range(addDays(today, -1), today);
    case 'TOMORROW': return range(addDays(today, 1), addDays(today, 2));
    case 'THIS_WEEK': return range(weekStart(today, 0), weekStart(today, 1));
    case 'LAST_WEEK': return range(weekStart(today, -1), weekStart(today, 0));
    case 'NEXT_WEEK': return range(weekStart(today, 1), weekStart(today, 2));
    case 'THIS_MONTH': return range(monthStart(today, 0), monthStart(today, 1));
    case 'LAST_MONTH': return range(monthStart(today, -1), monthStart(today, 0));
    case 'NEXT_MONTH': return range(monthStart(today, 1), monthStart(today, 2));
    case 'THIS_QUARTER': case 'THIS_FISCAL_QUARTER': return range(quarterStart(today, 0), quarterStart(today, 1));
    case 'LAST_QUARTER': case 'LAST_FISCAL_QUARTER': return range(quarterStart(today, -1), quarterStart(today, 0));
    case 'NEXT_QUARTER': case 'NEXT_FISCAL_QUARTER': return range(quarterStart(today, 1), quarterStart(today, 2));
    case 'THIS_YEAR': case 'THIS_FISCAL_YEAR': return range(yearStart(today, 0), yearStart(today, 1));
    case 'LAST_YEAR': case 'LAST_FISCAL_YEAR': return range(yearStart(today, -1), yearStart(today, 0));
    case 'NEXT_YEAR': case 'NEXT_FISCAL_YEAR': return range(yearStart(today, 1), yearStart(today, 2));
    // "Starts 00:00:00 of the current day and continues for the past n days" (today included).
    case 'LAST_90_DAYS': return range(addDays(today, -90), addDays(today, 1));
    case 'LAST_N_DAYS': return range(addDays(today, -n), addDays(today, 1));
    // "Starts 00:00:00 of the next day and continues for the next n days".
    case 'NEXT_90_DAYS': return range(addDays(today, 1), addDays(today, 91));
    case 'NEXT_N_DAYS': return range(addDays(today, 1), addDays(today, n + 1));
    case 'N_DAYS_AGO': return range(addDays(today, -n), addDays(today, -n + 1));
    case 'LAST_N_WEEKS': return range(weekStart(today, -n), weekStart(today, 0));
    case 'NEXT_N_WEEKS': return range(weekStart(today, 1), weekStart(today, n + 1));
    case 'N_WEEKS_AGO': return range(weekStart(today, -n), weekStart(today, -n + 1));
    case 'LAST_N_MONTHS': return range(monthStart(today, -n), monthStart(today, 0));
    case 'NEXT_N_MONTHS': return range(monthStart(today, 1), monthStart(today, n + 1));
    case 'N_MONTHS_AGO': return range(monthStart(today, -n), monthStart(today, -n + 1));
    case 'LAST_N_QUARTERS': case 'LAST_N_FISCAL_QUARTERS': return range(quarterStart(today, -n), quarterStart(today, 0));
    case 'NEXT_N_QUARTERS': case 'NEXT_N_FISCAL_QUARTERS': return range(quarterStart(today, 1), quarterStart(today, n + 1));
    case 'N_QUARTERS_AGO': case 'N_FISCAL_QUARTERS_AGO': return range(quarterStart(today, -n), quarterStart(today, -n + 1));
    case 'LAST_N_YEARS': case 'LAST_N_FISCAL_YEARS': return range(yearStart(today, -n), yearStart(today, 0));
    case 'NEXT_N_YEARS': case 'NEXT_N_FISCAL_YEARS': return range(yearStart(today, 1), yearStart(today, n + 1));
    case 'N_YEARS_AGO': case 'N_FISCAL_YEARS_AGO': return range(yearStart(today, -n), yearStart(today, -n + 1));
    default: return null;
  }
}
