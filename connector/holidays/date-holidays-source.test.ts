import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { STRESS_HOST_ZONES, underHostTimeZones } from '../domain/test-support';
import { createDateHolidaysSource, DATE_HOLIDAYS_VERSION } from './date-holidays-source';

const source = createDateHolidaysSource();

describe('createDateHolidaysSource (date-holidays)', () => {
  it('pins the installed version', () => {
    const pkg = createRequire(import.meta.url)('date-holidays/package.json') as { version: string };
    expect(pkg.version).toBe(DATE_HOLIDAYS_VERSION);
  });

  it("gives a US state's public holidays as local dates, observances left out, whatever the host zone", () => {
    const answers = underHostTimeZones(STRESS_HOST_ZONES, () => source({ country: 'US', region: 'MA', from: '2027-03-01', to: '2027-04-30' }));
    for (const answer of answers) {
      expect(answer).toEqual({
        holidays: [
          { date: '2027-03-17', name: 'Evacuation Day' },
          { date: '2027-04-19', name: "Patriots' Day" },
        ],
        source: 'date-holidays 3.37.0',
      });
    }
  });

  it('spreads a several-day holiday over its days (Eid al-Fitr in the UAE) and crosses a year end', () => {
    const eid = source({ country: 'AE', region: null, from: '2027-03-01', to: '2027-03-31' });
    expect(eid?.holidays.map((h) => h.date)).toEqual(['2027-03-09', '2027-03-10', '2027-03-11']);
    const yearEnd = source({ country: 'IE', region: null, from: '2026-12-20', to: '2027-01-10' });
    expect(yearEnd?.holidays.map((h) => h.date)).toEqual(['2026-12-25', '2026-12-26', '2026-12-28', '2027-01-01']); // St Stephen's Day falls on a Saturday: Monday off
  });

  it("reads a region by the CRM's state name (BillingState 'Massachusetts') as by its code", () => {
    const april = { country: 'US', from: '2027-04-01', to: '2027-04-30' };
    expect(source({ ...april, region: 'Massachusetts' })).toEqual(source({ ...april, region: 'MA' }));
    expect(source({ ...april, region: 'Massachusetts' })?.holidays.map((h) => h.date)).toEqual(['2027-04-19']);
  });

  it('says null for a country it has no data for (Kuwait), and national holidays for an unknown region', () => {
    expect(source({ country: 'KW', region: null, from: '2027-01-01', to: '2027-12-31' })).toBeNull();
    const national = source({ country: 'US', region: 'XX', from: '2027-07-01', to: '2027-07-31' });
    expect(national?.holidays.map((h) => h.date)).toEqual(['2027-07-04', '2027-07-05']);
  });
});
