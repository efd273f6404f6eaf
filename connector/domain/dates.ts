/**
 * Calendar-date arithmetic on `YYYY-MM-DD` strings.
 *
 * A due date is a date, not an instant: everything here works on epoch-day numbers computed with
 * `Date.UTC`, so results never depend on the host's time zone or DST. Years 0001-9999 only.
 */
import { integerIn, invalid } from './errors';
import type { IsoDate } from './model';

const ISO_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

interface DateParts {
  year: number;
  month: number;
  day: number;
}

/** Days in `month` (1-12) of `year`, Gregorian. */
export function daysInMonth(year: number, month: number): number {
  if (!Number.isInteger(year) || !Number.isInteger(month) || month < 1 || month > 12) {
    invalid('month', `invalid year/month ${year}-${month}`, 'invalid_date');
  }
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : (DAYS_IN_MONTH[month - 1] as number);
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function parts(value: unknown, field: string): DateParts {
  const match = typeof value === 'string' ? ISO_DATE_PATTERN.exec(value) : null;
  if (!match) {
    invalid(field, `must be a YYYY-MM-DD date, got ${typeof value === 'string' ? JSON.stringify(value) : typeof value}`, 'invalid_date');
  }
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    invalid(field, `${value} is not a real calendar date`, 'invalid_date');
  }
  return { year, month, day };
}

/**
 * Validate a calendar date and return it unchanged (`2026-02-30` and `2026-13-01` are rejected).
 * @throws DomainValidationError `invalid_date` naming `field`.
 */
export function parseIsoDate(value: unknown, field = 'date'): IsoDate {
  parts(value, field);
  return value as IsoDate;
}

function epochDayOf({ year, month, day }: DateParts): number {
  const ms = new Date(0).setUTCFullYear(year, month - 1, day);
  return Math.round(ms / MS_PER_DAY);
}

/** Days since 1970-01-01 (negative before). */
export function toEpochDay(date: IsoDate, field = 'date'): number {
  return epochDayOf(parts(date, field));
}

/** Inverse of {@link toEpochDay}. */
export function fromEpochDay(epochDay: number, field = 'epochDay'): IsoDate {
  assertInteger(epochDay, field);
  const d = new Date(epochDay * MS_PER_DAY);
  const year = d.getUTCFullYear();
  if (!(year >= 1 && year <= 9999)) {
    invalid(field, 'date outside years 0001-9999', 'out_of_range');
  }
  return formatParts({ year, month: d.getUTCMonth() + 1, day: d.getUTCDate() });
}

function formatParts({ year, month, day }: DateParts): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function assertInteger(value: unknown, field: string): number {
  return integerIn(value, field, undefined, undefined, 'invalid_input');
}

/** `date` + `days` (may be negative). */
export function addDays(date: IsoDate, days: number): IsoDate {
  return fromEpochDay(toEpochDay(date, 'date') + assertInteger(days, 'days'), 'days');
}

/**
 * Add calendar months, clamping to the month end: 2026-01-31 + 1 month = 2026-02-28
 * (2028-02-29 in a leap year). Pass `anchorDay` to keep the ORIGINAL day-of-month across a
 * series: always compute the k-th date from the first one (or pass its day), so 31 Jan → 28 Feb →
 * 31 Mar rather than drifting to the 28th (domain-rules.md (d): due day 29-31 → last day of
 * shorter months).
 */
export function addMonthsClamped(date: IsoDate, months: number, anchorDay?: number): IsoDate {
  const start = parts(date, 'date');
  const count = assertInteger(months, 'months');
  const day = anchorDay === undefined ? start.day : integerIn(assertInteger(anchorDay, 'anchorDay'), 'anchorDay', 1, 31);
  const monthIndex = start.year * 12 + (start.month - 1) + count;
  const year = Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  if (year < 1 || year > 9999) {
    invalid('months', 'date outside years 0001-9999', 'out_of_range');
  }
  return formatParts({ year, month, day: Math.min(day, daysInMonth(year, month)) });
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toEpochDay(to, 'to') - toEpochDay(from, 'from');
}

/** −1, 0, 1 as a is before, equal to, after b. Validates both. */
export function compareDates(a: IsoDate, b: IsoDate): -1 | 0 | 1 {
  const x = toEpochDay(a, 'a');
  const y = toEpochDay(b, 'b');
  return x < y ? -1 : x > y ? 1 : 0;
}

/** ISO weekday of `date`: 1 = Monday … 7 = Sunday. */
export function dayOfWeek(date: IsoDate): IsoWeekday {
  // 1970-01-01 was a Thursday (ISO 4).
  const epochDay = toEpochDay(date, 'date');
  return ((((epochDay + 3) % 7) + 7) % 7 + 1) as IsoWeekday;
}

/** Saturday/Sunday are weekends by default; pass `weekend` for other calendars (e.g. [5, 6]). */
export interface BusinessDayOptions {
  holidays?: readonly IsoDate[];
  weekend?: readonly IsoWeekday[];
}

function holidaySet(holidays: readonly IsoDate[] | undefined): Set<number> {
  const set = new Set<number>();
  (holidays ?? []).forEach((holiday, index) => set.add(toEpochDay(holiday, `holidays[${index}]`)));
  return set;
}

/** True when `date` is neither a weekend day nor a listed holiday. */
export function isBusinessDay(date: IsoDate, options: BusinessDayOptions = {}): boolean {
  const weekend = options.weekend ?? [6, 7];
  return !weekend.includes(dayOfWeek(date)) && !holidaySet(options.holidays).has(toEpochDay(date));
}

/**
 * Move `n` business days from `date`, skipping weekends and `holidays` (negative `n` moves back).
 * `n = 0` returns `date` unchanged, even on a weekend. Friday + 1 = Monday.
 */
export function addBusinessDays(date: IsoDate, n: number, holidays: readonly IsoDate[] = [], weekend: readonly IsoWeekday[] = [6, 7]): IsoDate {
  let day = toEpochDay(date, 'date');
  let remaining = integerIn(assertInteger(n, 'n'), 'n', -100_000, 100_000);
  if (weekend.length >= 7) {
    invalid('weekend', 'a week needs at least one business day', 'out_of_range');
  }
  const closed = holidaySet(holidays);
  const step = remaining < 0 ? -1 : 1;
  while (remaining !== 0) {
    day += step;
    const weekday = ((((day + 3) % 7) + 7) % 7 + 1) as IsoWeekday;
    if (!weekend.includes(weekday) && !closed.has(day)) {
      remaining -= step;
    }
  }
  return fromEpochDay(day);
}

/** Last day of `date`'s month. */
export function endOfMonth(date: IsoDate): IsoDate {
  const p = parts(date, 'date');
  return formatParts({ ...p, day: daysInMonth(p.year, p.month) });
}

/** The later of two dates. */
export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return compareDates(a, b) >= 0 ? a : b;
}

/** The earlier of two dates. */
export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return compareDates(a, b) <= 0 ? a : b;
}
