import { describe, expect, it } from 'vitest';
import { checkContactWithRules } from './domain/compliance/engine';
import { createDateHolidaysSource } from './holidays/date-holidays-source';
import { withDerivedData, type MappedSnapshot } from './snapshot-derived';
import { mappedSnapshot } from './test-support';

// Sunday 2026-12-06 10:00 in Kuwait; Friday 2026-12-04 10:00 in Kuwait.
const SUNDAY = new Date('2026-12-06T07:00:00Z');

function kuwait(country = 'KW', region: string | null = null, zone = 'Asia/Kuwait'): MappedSnapshot {
  return mappedSnapshot({
    account: { id: '001000000000009AAA', name: 'Al Noor Trading', owner: { id: '005000000000001AAA', name: 'Priya' }, segment: 'b2b', country, region, currency: 'KWD', timeZone: zone, complianceProfile: 'b2b-default', flags: [] },
    contacts: [{ id: '003000000000009AAA', name: 'Faisal', email: null, phones: [], timeZone: zone, role: 'accounts_payable', optOuts: [], primary: true }],
    fetchedAt: SUNDAY.toISOString(),
  });
}

describe("the snapshot's working calendar (issue 17, decision 0021)", () => {
  const holidays = createDateHolidaysSource();

  it("carries the debtor country's weekend and its next 60 days of public holidays from the injected source", () => {
    const snapshot = withDerivedData(kuwait('US', 'MA', 'America/New_York'), { now: new Date('2027-03-01T15:00:00Z'), holidays });
    expect(snapshot.calendar).toEqual({
      country: 'US', region: 'MA', weekend: ['sat', 'sun'], from: '2027-03-01', to: '2027-04-29',
      holidays: [{ date: '2027-03-17', name: 'Evacuation Day' }, { date: '2027-04-19', name: "Patriots' Day" }],
      source: 'date-holidays 3.37.0',
    });
  });

  it('keeps the weekend without a source (page bundles) and says nothing about holidays', () => {
    const snapshot = withDerivedData(kuwait(), { now: SUNDAY });
    expect(snapshot.calendar).toMatchObject({ country: 'KW', weekend: ['fri', 'sat'], from: '2026-12-06', to: '2027-02-03', holidays: null, source: null });
  });

  it('turns a failing source into a data-quality note, never a lost snapshot', () => {
    const snapshot = withDerivedData(kuwait(), { now: SUNDAY, holidays: () => { throw new Error('data file unreadable'); } });
    expect(snapshot.calendar?.holidays).toBeNull();
    expect(snapshot.dataQuality.map((n) => n.message)).toContain('Public holidays for KW could not be read (data file unreadable): they are not checked.');
  });

  it('lets the engine check holidays: "holiday calendar missing" goes for a supported country, stays for one without data', () => {
    const checkWith = (m: MappedSnapshot, at: Date) => {
      const s = withDerivedData(m, { now: at, holidays });
      const supplied = s.calendar?.holidays ? { holidays: { [s.calendar.country]: s.calendar.holidays.map((h) => h.date) } } : {};
      return checkContactWithRules({ profile: s.complianceRules!, channel: 'call', at: at.toISOString(), contact: s.contacts[0]!, account: s.account, history: [], ...supplied });
    };
    const patriots = checkWith(kuwait('US', 'MA', 'America/New_York'), new Date('2027-04-19T15:00:00Z')); // Mon 11:00 Boston
    expect(patriots.allowed).toBe(false);
    expect(patriots.reasons.map((r) => r.code)).toEqual(['public_holiday']);
    const ordinary = checkWith(kuwait('US', 'MA', 'America/New_York'), new Date('2027-04-20T15:00:00Z'));
    expect(ordinary).toMatchObject({ allowed: true, reasons: [] });
    const kuwaitSunday = checkWith(kuwait(), SUNDAY);
    expect(kuwaitSunday.allowed).toBe(true);
    expect(kuwaitSunday.reasons.map((r) => r.code)).toEqual(['holiday_calendar_missing']);
  });
});
