import { describe, expect, it } from 'vitest';
import { checkContact } from './check-contact';
import { debtorAccount, debtorContact } from './fixtures';
import { NON_DEFAULT_WEEKEND_COUNTRIES, weekendOf } from './working-week';
import { STRESS_HOST_ZONES, underHostTimeZones } from '../test-support';

const KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

describe('weekendOf (CLDR weekData)', () => {
  it('knows the Gulf rests Friday-Saturday, the UAE Saturday-Sunday since 2022, India on Sunday', () => {
    expect(weekendOf('KW')).toEqual(['fri', 'sat']);
    expect(weekendOf('sa')).toEqual(['fri', 'sat']);
    expect(weekendOf('AE')).toEqual(['sat', 'sun']);
    expect(weekendOf('IN')).toEqual(['sun']);
    expect(weekendOf('US')).toEqual(['sat', 'sun']);
  });

  it("agrees with the runtime's CLDR where the runtime has getWeekInfo", () => {
    const localeProto = Intl.Locale.prototype as unknown as { getWeekInfo?: () => { weekend: number[] }; weekInfo?: { weekend: number[] } };
    if (!localeProto.getWeekInfo && !('weekInfo' in localeProto)) {
      return;
    }
    for (const country of [...NON_DEFAULT_WEEKEND_COUNTRIES, 'AE', 'US', 'GB', 'DE', 'IE', 'JP']) {
      const locale = new Intl.Locale(`und-${country}`) as unknown as { getWeekInfo?: () => { weekend: number[] }; weekInfo?: { weekend: number[] } };
      const info = locale.getWeekInfo ? locale.getWeekInfo() : locale.weekInfo;
      expect(weekendOf(country), country).toEqual((info?.weekend ?? []).map((day) => KEYS[day - 1]));
    }
  });
});

describe('B2B business days follow the debtor country working week (issue 17)', () => {
  const contact = debtorContact({ timeZone: 'Asia/Kuwait', phones: [{ number: '+965 2222 0000', kind: 'work', timeZone: 'Asia/Kuwait' }], role: 'accounts_payable' });
  const kuwait = debtorAccount({ segment: 'b2b', country: 'KW', region: null, timeZone: 'Asia/Kuwait', complianceProfile: 'b2b-default', currency: 'KWD' });
  const run = (at: string, account = kuwait) => checkContact({ profile: 'b2b-default', channel: 'call', at, contact, account, history: [] });

  it('allows a Kuwaiti Sunday at 10:00 and blocks Friday as the weekend in KW, under every host zone', () => {
    const answers = underHostTimeZones(STRESS_HOST_ZONES, () => {
      const sunday = run('2026-12-06T07:00:00Z'); // Sun 10:00 Asia/Kuwait
      const friday = run('2026-12-04T07:00:00Z'); // Fri 10:00
      return { sunday: sunday.allowed, friday: friday.allowed, why: friday.reasons.find((r) => r.code === 'excluded_day')?.message, next: friday.nextAllowedAt };
    });
    for (const answer of answers) {
      expect(answer).toEqual({
        sunday: true,
        friday: false,
        why: expect.stringContaining('the weekend in KW'),
        next: '2026-12-06T06:00:00.000Z', // Sunday 09:00 in Kuwait
      });
    }
  });

  it('keeps Saturday-Sunday weekends where the country has them (UAE since 2022)', () => {
    const dubai = { ...kuwait, country: 'AE', timeZone: 'Asia/Dubai' };
    const dubaiContact = { ...contact, timeZone: 'Asia/Dubai', phones: [] };
    const at = (iso: string) => checkContact({ profile: 'b2b-default', channel: 'call', at: iso, contact: dubaiContact, account: dubai, history: [] }).allowed;
    expect(at('2026-12-04T06:00:00Z')).toBe(true); // Fri 10:00 Dubai
    expect(at('2026-12-06T06:00:00Z')).toBe(false); // Sun 10:00 Dubai
  });

  it('leaves literal (statutory) schedules alone: Irish Sundays stay excluded whatever the country', () => {
    const ie = debtorAccount({ country: 'KW', complianceProfile: 'ie-cca', timeZone: 'Europe/Dublin' });
    const ieContact = debtorContact({ timeZone: 'Europe/Dublin', phones: [] });
    const result = checkContact({ profile: 'ie-cca', channel: 'call', at: '2026-12-06T11:00:00Z', contact: ieContact, account: ie, history: [] });
    expect(result.reasons.some((r) => r.code === 'excluded_day')).toBe(true);
  });
});
