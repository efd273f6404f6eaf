/**
 * Public holidays from date-holidays (https://github.com/commenthol/date-holidays: maintained
 * per-country rules, 200+ countries, states and regions), for `withDerivedData`'s calendar.
 *
 * Node and the extension's service worker only (decision 0021): the library carries every country's
 * rules (~800 KB) plus moment-timezone and astronomy code, so it never enters a page bundle
 * (widget, demo connector IIFE, LWC resource); ESLint's page-bundle rules and the bundle ceilings keep it out.
 */
import Holidays from 'date-holidays';
import { addDays } from '../domain/dates';
import type { HolidaySource } from '../snapshot-derived';

/** The pinned version (package.json); `date-holidays-source.test.ts` checks it against the installed one. */
export const DATE_HOLIDAYS_VERSION = '3.37.0';

/** Holiday kinds that close offices: date-holidays' 'public' and 'bank' (not observances, optional or school days). */
const CLOSING_TYPES = new Set(['public', 'bank']);
const DAY_MS = 86_400_000;
const MAX_CACHED = 64;

/**
 * A {@link HolidaySource} over date-holidays: holidays as local dates of the country (its own
 * zone rules, so the host zone never matters); a holiday spanning several days gives each day.
 * An unknown country gives null (the engine then says holidays were not checked); an unknown
 * region falls back to the country's national holidays.
 */
export function createDateHolidaysSource(options: { language?: string } = {}): HolidaySource {
  const language = options.language ?? 'en';
  const calendars = new Map<string, Holidays | null>();
  const calendarFor = (country: string, region: string | null): Holidays | null => {
    const key = `${country}|${region ?? ''}`;
    if (!calendars.has(key)) {
      if (calendars.size >= MAX_CACHED) {
        calendars.delete(calendars.keys().next().value as string);
      }
      const known = new Holidays().getCountries(language)[country] !== undefined;
      const states = known && region ? new Holidays().getStates(country, language) : undefined;
      // The CRM's BillingState carries a code ('MA') or a name ('Massachusetts'): match either.
      const state = region ? Object.entries(states ?? {}).find(([code, name]) => code === region || name.toUpperCase() === region)?.[0] : undefined;
      calendars.set(key, !known ? null : state ? new Holidays(country, state, { languages: [language] }) : new Holidays(country, { languages: [language] }));
    }
    return calendars.get(key) ?? null;
  };

  return ({ country, region, from, to }) => {
    const calendar = calendarFor(country.toUpperCase(), region ? region.trim().toUpperCase() : null);
    if (!calendar) {
      return null;
    }
    const holidays: { date: string; name: string }[] = [];
    const seen = new Set<string>();
    for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year += 1) {
      for (const holiday of calendar.getHolidays(year, language)) {
        if (!CLOSING_TYPES.has(holiday.type)) {
          continue;
        }
        // `date` is the local start date ('2027-03-09 00:00:00 -0600': begins the evening before).
        const first = holiday.date.slice(0, 10);
        const days = Math.max(1, Math.round((holiday.end.getTime() - holiday.start.getTime()) / DAY_MS));
        for (let offset = 0; offset < days; offset += 1) {
          const date = addDays(first, offset);
          if (date >= from && date <= to && !seen.has(date)) {
            seen.add(date);
            holidays.push({ date, name: holiday.name });
          }
        }
      }
    }
    holidays.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    return { holidays, source: `date-holidays ${DATE_HOLIDAYS_VERSION}` };
  };
}
