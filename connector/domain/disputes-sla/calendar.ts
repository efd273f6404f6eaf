/**
 * Business days on the debtor's calendar: the weekend of the debtor's country and its public
 * holidays, plus the company's own closing days. Holidays are data the caller passes (a settings
 * record, a holiday feed): the domain does no I/O and ships no holiday table.
 *
 * Weekends by country as of 2026 (Wikipedia "Workweek and weekend", checked against the
 * governments' announcements): most of the world rests Saturday–Sunday; Saudi Arabia (since 2013),
 * Kuwait, Qatar, Bahrain, Oman, Egypt, Jordan, Iraq, Algeria, Libya, Sudan, Yemen, Syria, Bangladesh,
 * Israel and the Maldives rest Friday–Saturday; the UAE moved to Saturday–Sunday on 1 January 2022;
 * Iran and Djibouti rest Friday only; Nepal Saturday only; Afghanistan Thursday–Friday. A company
 * may override any country (`CompanyCalendar.weekends`).
 */
import type { BusinessDayOptions, IsoWeekday } from '../dates';
import { addDays, dayOfWeek, parseIsoDate, toEpochDay } from '../dates';
import { DomainValidationError } from '../errors';
import type { IsoDate } from '../model';

const FRI_SAT: readonly IsoWeekday[] = Object.freeze([5, 6]);
const SAT_SUN: readonly IsoWeekday[] = Object.freeze([6, 7]);

/** Weekends that are not Saturday–Sunday, by ISO 3166-1 alpha-2 country. */
export const WEEKEND_BY_COUNTRY: Readonly<Record<string, readonly IsoWeekday[]>> = Object.freeze({
  SA: FRI_SAT, KW: FRI_SAT, QA: FRI_SAT, BH: FRI_SAT, OM: FRI_SAT, EG: FRI_SAT, JO: FRI_SAT, IQ: FRI_SAT,
  DZ: FRI_SAT, LY: FRI_SAT, SD: FRI_SAT, YE: FRI_SAT, SY: FRI_SAT, BD: FRI_SAT, IL: FRI_SAT, MV: FRI_SAT,
  IR: Object.freeze([5]) as readonly IsoWeekday[],
  DJ: Object.freeze([5]) as readonly IsoWeekday[],
  NP: Object.freeze([6]) as readonly IsoWeekday[],
  AF: Object.freeze([4, 5]) as readonly IsoWeekday[],
});

/** The company's calendar, given as data. */
export interface CompanyCalendar {
  /** Days the company is closed everywhere (year-end shutdown). */
  companyHolidays?: readonly IsoDate[];
  /** Public holidays by ISO 3166-1 alpha-2 country of the debtor. */
  publicHolidays?: Readonly<Record<string, readonly IsoDate[]>>;
  /** Weekend overrides by country (ISO weekdays, 1 = Monday). */
  weekends?: Readonly<Record<string, readonly IsoWeekday[]>>;
}

function countryCode(country: string | null | undefined): string | null {
  if (country == null || country === '') {
    return null;
  }
  if (!/^[A-Z]{2}$/.test(country)) {
    throw new DomainValidationError('invalid_input', 'country', `'${country}' is not an ISO 3166-1 alpha-2 country code`);
  }
  return country;
}

/** The weekend of `country` (Saturday–Sunday when unknown or not given). */
export function weekendOf(country: string | null | undefined, calendar: CompanyCalendar = {}): readonly IsoWeekday[] {
  const code = countryCode(country);
  const weekend = (code && calendar.weekends?.[code]) || (code && WEEKEND_BY_COUNTRY[code]) || SAT_SUN;
  if (weekend.length >= 7 || weekend.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) {
    throw new DomainValidationError('out_of_range', `weekends.${code ?? ''}`, 'a weekend is ISO weekdays 1 to 7 and leaves at least one business day');
  }
  return weekend;
}

/** Weekend and closed days for a debtor in `country`: its public holidays plus the company's own. */
export function debtorCalendar(country: string | null | undefined, calendar: CompanyCalendar = {}): Required<BusinessDayOptions> {
  const code = countryCode(country);
  const holidays = [...(calendar.companyHolidays ?? []), ...((code && calendar.publicHolidays?.[code]) || [])];
  holidays.forEach((day, i) => parseIsoDate(day, `holidays[${i}]`));
  return { weekend: weekendOf(code, calendar), holidays };
}

/**
 * Business days after `from` up to and including `to` (Friday → next Monday = 1 on a Sat–Sun
 * calendar); negative when `to` is before `from` (business days in (to, from], negated); 0 when equal.
 */
export function businessDaysBetween(from: IsoDate, to: IsoDate, options: BusinessDayOptions): number {
  const start = parseIsoDate(from, 'from');
  const end = parseIsoDate(to, 'to');
  const a = toEpochDay(start);
  const b = toEpochDay(end);
  if (Math.abs(b - a) > 100_000) {
    throw new DomainValidationError('out_of_range', 'to', 'more than 100,000 days apart');
  }
  const weekend = options.weekend ?? SAT_SUN;
  const closed = new Set((options.holidays ?? []).map((d, i) => toEpochDay(parseIsoDate(d, `holidays[${i}]`))));
  const [low, high, sign] = a <= b ? [start, b, 1] : [end, a, -1];
  let count = 0;
  let day = low;
  for (let epoch = toEpochDay(low) + 1; epoch <= high; epoch += 1) {
    day = addDays(day, 1);
    if (!weekend.includes(dayOfWeek(day)) && !closed.has(epoch)) {
      count += 1;
    }
  }
  return count === 0 ? 0 : sign * count;
}
