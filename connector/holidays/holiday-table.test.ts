import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderHolidayTable, TABLE_PATH } from '../../scripts/generate-holiday-table';
import { CALENDAR_DAYS } from '../snapshot-derived';
import { addDays } from '../domain/dates';
import { createDateHolidaysSource } from './date-holidays-source';
import { HOLIDAY_TABLE } from './holiday-table.generated';
import { createTableHolidaySource } from './table-source';

const table = createTableHolidaySource(HOLIDAY_TABLE);
const library = createDateHolidaysSource();
const dates = (answer: ReturnType<typeof table>) => answer?.holidays.map((h) => h.date);

describe('the generated holiday table (page-run connectors, decision 0021)', () => {
  it('is up to date with date-holidays for its years (regenerate: npx tsx scripts/generate-holiday-table.ts YEAR)', () => {
    expect(readFileSync(TABLE_PATH, 'utf8')).toBe(renderHolidayTable(HOLIDAY_TABLE.firstYear));
  });

  it("covers today's calendar window, so page-run panels keep checking holidays (else regenerate it)", () => {
    const today = new Date().toISOString().slice(0, 10);
    expect(Number(addDays(today, CALENDAR_DAYS).slice(0, 4))).toBeLessThanOrEqual(HOLIDAY_TABLE.lastYear);
  });

  it('answers as date-holidays does for a sample of countries and regions', () => {
    const from = `${HOLIDAY_TABLE.firstYear}-11-20`;
    const to = `${HOLIDAY_TABLE.firstYear + 1}-01-18`;
    for (const [country, region] of [['US', null], ['US', 'MA'], ['IE', null], ['GB', null], ['IN', 'MH'], ['AE', null], ['JP', null], ['DE', 'BY']] as const) {
      expect(dates(table({ country, region, from, to })), `${country} ${region ?? ''}`).toEqual(dates(library({ country, region, from, to })));
    }
  });

  it("reads a region by the CRM's state name or code", () => {
    const april = { country: 'US', from: '2027-04-01', to: '2027-04-30' };
    expect(dates(table({ ...april, region: 'Massachusetts' }))).toEqual(['2027-04-19']);
    expect(dates(table({ ...april, region: 'ma' }))).toEqual(['2027-04-19']);
    expect(table({ ...april, region: 'Massachusetts' })?.source).toBe('date-holidays 3.37.0');
  });

  it('says null (not checked) past its last year, before its first, for a country without data, and for a region it left out', () => {
    const last = HOLIDAY_TABLE.lastYear;
    expect(table({ country: 'US', region: null, from: `${last}-12-01`, to: `${last + 1}-01-29` })).toBeNull();
    expect(table({ country: 'US', region: null, from: `${HOLIDAY_TABLE.firstYear - 1}-12-01`, to: `${HOLIDAY_TABLE.firstYear}-01-29` })).toBeNull();
    expect(table({ country: 'KW', region: null, from: '2027-01-01', to: '2027-02-28' })).toBeNull();
    // Washington has state holidays in date-holidays, not in the table: never the federal list in their place.
    expect(table({ country: 'US', region: 'Washington', from: '2027-01-01', to: '2027-02-28' })).toBeNull();
  });

  it("gives national holidays for a region date-holidays does not know (a UK county), like createDateHolidaysSource", () => {
    const request = { country: 'GB', region: 'Greater London', from: '2027-04-01', to: '2027-05-31' };
    expect(dates(table(request))).toEqual(dates(library(request)));
    expect(dates(table(request))?.length).toBeGreaterThan(0);
  });
});
