/**
 * A {@link HolidaySource} over the generated holiday table (holiday-table.generated.ts, written by
 * scripts/generate-holiday-table.ts from date-holidays): what page-run connectors use, since
 * date-holidays itself (~800 KB of rules) never enters a page (decision 0021).
 *
 * It answers only what the table knows: a country outside it, a date outside its years, or a region
 * date-holidays knows but the table left out gives null, so the engine says public holidays were not
 * checked, never a silent pass. A region date-holidays does not know (e.g. 'Greater London') gets the
 * national holidays, as `createDateHolidaysSource` does. Regions match by code ('MA') or name ('Massachusetts'):
 * the CRM's BillingState carries either.
 */
import type { HolidaySource } from '../snapshot-derived';

/**
 * The table carries dates only: the engine needs the days, nothing on screen shows a holiday's name, and the
 * names would double the table's gzip cost (measured: ~1.2 KB of 4.1 KB).
 */
export const TABLE_HOLIDAY_NAME = 'Public holiday';

export interface HolidayTable {
  /** Where the dates come from, e.g. 'date-holidays 3.37.0'. */
  source: string;
  firstYear: number;
  lastYear: number;
  countries: Record<string, {
    /** Per year from `firstYear`: its holidays' 'MMDD', concatenated. */
    days: string[];
    /** Region code → [name, ...years]; just [name] when the table does not carry its holidays. */
    regions?: Record<string, string[]>;
  }>;
}

export function createTableHolidaySource(table: HolidayTable): HolidaySource {
  return ({ country, region, from, to }) => {
    const entry = table.countries[country.toUpperCase()];
    if (!entry || Number(from.slice(0, 4)) < table.firstYear || Number(to.slice(0, 4)) > table.lastYear) {
      return null;
    }
    let days = entry.days;
    const wanted = region?.trim().toUpperCase();
    const match = wanted ? Object.entries(entry.regions ?? {}).find(([code, [name]]) => code === wanted || name?.toUpperCase() === wanted) : undefined;
    if (match) {
      if (match[1].length === 1) {
        return null; // date-holidays has this region's holidays, the table does not: not checked.
      }
      days = match[1].slice(1);
    }
    const holidays: { date: string; name: string }[] = [];
    for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year += 1) {
      const encoded = days[year - table.firstYear] ?? '';
      for (let i = 0; i + 4 <= encoded.length; i += 4) {
        const date = `${year}-${encoded.slice(i, i + 2)}-${encoded.slice(i + 2, i + 4)}`;
        if (date >= from && date <= to) {
          holidays.push({ date, name: TABLE_HOLIDAY_NAME });
        }
      }
    }
    return { holidays, source: table.source };
  };
}
