import { describe, expect, it } from 'vitest';
import { DomainValidationError } from '../errors';
import { formatLocalTimeWithZone } from '../time';
import type { AccountFlagEntry } from '../model';
import { checkContact } from './check-contact';
import { checkContactWithRules } from './engine';
import type { CheckContactInput } from './engine';
import { IE_PUBLIC_HOLIDAYS_2026, call, conversation, debtorAccount, debtorContact } from './fixtures';
import { getProfile, getProfileRules, PROFILES } from './profiles';
import type { PolicyProfile } from './profile';

function check(overrides: Partial<CheckContactInput> & { at: string }): ReturnType<typeof checkContact> {
  return checkContact({
    profile: 'us-fdcpa',
    channel: 'call',
    contact: debtorContact(),
    account: debtorAccount(),
    history: [],
    ...overrides,
  });
}

const codes = (result: ReturnType<typeof checkContact>): string[] => result.reasons.map((reason) => reason.code);
const blockingCodes = (result: ReturnType<typeof checkContact>): string[] =>
  result.reasons.filter((reason) => reason.severity !== 'info').map((reason) => reason.code);

describe('US-6 Reg F 1006.14(b)(2) 7-in-7 (us-fdcpa)', () => {
  // One unanswered call a day at 10:00 EDT, Mon 1 Jun - Sun 7 Jun 2026.
  const sevenCalls = ['01', '02', '03', '04', '05', '06', '07'].map((day) => call(`2026-06-${day}T14:00:00Z`));

  it('allows the 7th call, blocks the 8th, reopens when the first call leaves the 7-day window', () => {
    expect(check({ at: '2026-06-07T13:00:00Z', history: sevenCalls.slice(0, 6) }).allowed).toBe(true);

    const eighth = check({ at: '2026-06-07T19:00:00Z', history: sevenCalls });
    expect(eighth.allowed).toBe(false);
    expect(blockingCodes(eighth)).toEqual(['frequency_cap']);
    expect(eighth.reasons[0]?.rule).toContain('1006.14(b)(2)');
    // Day 1 (1 Jun) falls out on 8 Jun: first allowed instant is 08:00 EDT on 8 Jun.
    expect(eighth.nextAllowedAt).toBe('2026-06-08T12:00:00.000Z');
    expect(eighth.overridable).toBe(true);

    expect(check({ at: '2026-06-08T12:00:00Z', history: sevenCalls }).allowed).toBe(true);
  });

  it('counts placed calls across all numbers, voicemails included, but not inbound calls or other people', () => {
    const mixed = [
      ...sevenCalls.slice(0, 5),
      call('2026-06-06T14:00:00Z', { disposition: 'left_voicemail' }),
      call('2026-06-07T13:00:00Z', { disposition: 'wrong_number' }),
    ];
    expect(check({ at: '2026-06-07T19:00:00Z', history: mixed }).allowed).toBe(false);

    const inboundAndOthers = [
      ...sevenCalls.slice(0, 5),
      call('2026-06-06T14:00:00Z', { direction: 'inbound', disposition: 'reached' }),
      call('2026-06-07T13:00:00Z', { contactId: '003R000000Zz99AIAB' }),
    ];
    expect(check({ at: '2026-06-07T19:00:00Z', history: inboundAndOthers }).allowed).toBe(true);
  });

  it('is per debt: calls about another debt do not count, untagged calls count for every debt (US-6c)', () => {
    const otherDebt = sevenCalls.map((activity) => ({ ...activity, debtRefs: ['LOAN-2'] }));
    expect(check({ at: '2026-06-07T19:00:00Z', history: otherDebt, debtRef: 'LOAN-1' }).allowed).toBe(true);
    expect(check({ at: '2026-06-07T19:00:00Z', history: sevenCalls, debtRef: 'LOAN-1' }).allowed).toBe(false);
  });

  it('a conversation on day D blocks calls through D+6; calls resume on D+7', () => {
    const history = [conversation('2026-06-10T15:00:00Z')]; // Wed 10 Jun, 11:00 EDT = day 1
    const during = check({ at: '2026-06-16T16:00:00Z', history });
    expect(during.allowed).toBe(false);
    expect(blockingCodes(during)).toEqual(['conversation_pause']);
    expect(during.nextAllowedAt).toBe('2026-06-17T12:00:00.000Z');
    expect(check({ at: '2026-06-17T12:00:00Z', history }).allowed).toBe(true);
    // The pause is about calls: e-mail is still possible.
    expect(check({ at: '2026-06-16T16:00:00Z', history, channel: 'email' }).allowed).toBe(true);
  });

  it('an inbound conversation starts the clock too (US-6b)', () => {
    const history = [conversation('2026-06-10T15:00:00Z', { direction: 'inbound' })];
    expect(check({ at: '2026-06-12T15:00:00Z', history }).allowed).toBe(false);
  });

  it('reports both the cap and the pause when both apply', () => {
    const history = [...sevenCalls.slice(0, 6), conversation('2026-06-07T15:00:00Z')];
    const result = check({ at: '2026-06-07T19:00:00Z', history });
    expect(blockingCodes(result).sort()).toEqual(['conversation_pause', 'frequency_cap']);
    expect(result.nextAllowedAt).toBe('2026-06-14T12:00:00.000Z');
  });
});

describe('MA-1 940 CMR 7.04(1)(f) 2-in-7 (us-ma)', () => {
  const account = debtorAccount({ region: 'MA', complianceProfile: 'us-ma' });

  it('blocks a third call or text in 7 days and reopens when the first leaves the window', () => {
    const history = [call('2026-06-01T14:00:00Z', { disposition: 'left_voicemail' }), call('2026-06-02T14:00:00Z', { kind: 'sms', disposition: null })];
    const third = check({ profile: 'us-ma', account, at: '2026-06-03T14:00:00Z', history });
    expect(third.allowed).toBe(false);
    expect(third.reasons.find((reason) => reason.code === 'frequency_cap')?.capId).toBe('ma-2-in-7');
    expect(third.reasons.find((reason) => reason.code === 'frequency_cap')?.rule).toContain('940 CMR 7.04(1)(f)');
    expect(third.nextAllowedAt).toBe('2026-06-08T12:00:00.000Z');
    // MA-1 has no consent exception: not overridable.
    expect(third.overridable).toBe(false);
    // Federal-only profile would allow it.
    expect(check({ at: '2026-06-03T14:00:00Z', history }).allowed).toBe(true);
    // SMS shares the MA budget.
    expect(check({ profile: 'us-ma', account, channel: 'sms', at: '2026-06-03T14:00:00Z', history }).allowed).toBe(false);
  });

  it('does not count attempts that neither reached the debtor nor left a message', () => {
    const history = [call('2026-06-01T14:00:00Z'), call('2026-06-02T14:00:00Z')];
    expect(check({ profile: 'us-ma', account, at: '2026-06-03T14:00:00Z', history }).allowed).toBe(true);
  });
});

describe('US-2 candidate zones: mobile Eastern + address Pacific', () => {
  const contact = debtorContact({ timeZone: 'America/Los_Angeles' }); // phone stays America/New_York

  it('blocks before 11:00 ET (08:00 PT) and says which zone fails', () => {
    const result = check({ contact, at: '2026-06-03T14:30:00Z' }); // 10:30 ET / 07:30 PT
    expect(result.allowed).toBe(false);
    expect(result.zones).toEqual(['America/Los_Angeles', 'America/New_York']);
    expect(result.reasons.map((reason) => [reason.code, reason.zone])).toEqual([['outside_window', 'America/Los_Angeles']]);
    expect(result.nextAllowedAt).toBe('2026-06-03T15:00:00.000Z'); // 11:00 ET
  });

  it('allows from 11:00 ET until 21:00 ET (18:00 PT)', () => {
    const result = check({ contact, at: '2026-06-03T15:00:00Z' });
    expect(result.allowed).toBe(true);
    expect(result.window).toEqual({ until: '2026-06-04T01:00:00.000Z', zone: 'America/New_York' });
    expect(formatLocalTimeWithZone(result.window?.until ?? '', 'America/Los_Angeles')).toBe('18:00 PDT');
  });

  it('blocks at 21:00 ET and reopens at 11:00 ET the next day', () => {
    const result = check({ contact, at: '2026-06-04T01:00:00Z' });
    expect(result.allowed).toBe(false);
    expect(result.reasons.map((reason) => reason.zone)).toEqual(['America/New_York']);
    expect(result.nextAllowedAt).toBe('2026-06-04T15:00:00.000Z');
  });

  it('uses the account address zone too, and dedupes aliases', () => {
    const result = check({
      contact: debtorContact({ timeZone: 'US/Eastern' }), // phone: America/New_York, same zone
      account: debtorAccount({ timeZone: 'America/Chicago' }),
      at: '2026-06-03T12:30:00Z', // 08:30 ET, 07:30 CT
    });
    expect(result.zones).toEqual(['US/Eastern', 'America/Chicago']);
    expect(result.allowed).toBe(false);
    expect(result.nextAllowedAt).toBe('2026-06-03T13:00:00.000Z');
  });

  it('falls back to the profile zone when none is known, and says so', () => {
    const result = check({ contact: debtorContact({ timeZone: null, phones: [{ number: '+1 555 0100', kind: 'home' }] }), at: '2026-06-03T16:00:00Z' });
    expect(result.allowed).toBe(true);
    expect(result.zones).toEqual(['America/New_York']);
    expect(result.reasons.map((reason) => [reason.code, reason.severity])).toEqual([['default_zone_used', 'info']]);
  });
});

describe('IN-1 RBI/2022-23/108 08:00-19:00 IST (in-rbi)', () => {
  const contact = debtorContact({
    name: 'Rohan Mehta',
    timeZone: 'Asia/Kolkata',
    phones: [{ number: '+91 98290 12345', kind: 'mobile', timeZone: 'Asia/Kolkata' }],
  });
  const account = debtorAccount({ country: 'IN', region: 'RJ', timeZone: 'Asia/Kolkata', currency: 'INR', complianceProfile: 'in-rbi' });

  it('18:40 in Jaipur: allowed until 19:00 IST', () => {
    const result = check({ profile: 'in-rbi', contact, account, at: '2026-11-22T13:10:00Z' });
    expect(result.allowed).toBe(true);
    expect(result.window).toEqual({ until: '2026-11-22T13:30:00.000Z', zone: 'Asia/Kolkata' });
    expect(formatLocalTimeWithZone(result.window?.until ?? '', result.window?.zone ?? '')).toBe('19:00 IST');
    expect(result.nextAllowedAt).toBe('2026-11-22T13:10:00.000Z');
  });

  it('19:05: blocked, next allowed 08:00 IST next day, not overridable', () => {
    const result = check({ profile: 'in-rbi', contact, account, at: '2026-11-22T13:35:00Z' });
    expect(result.allowed).toBe(false);
    expect(result.reasons[0]).toMatchObject({ code: 'outside_window', zone: 'Asia/Kolkata' });
    expect(result.reasons[0]?.rule).toContain('RBI/2022-23/108');
    expect(result.nextAllowedAt).toBe('2026-11-23T02:30:00.000Z');
    expect(result.overridable).toBe(false);
  });

  it('applies the policy cap against persistent calling', () => {
    const history = ['03:00', '05:00', '07:00'].map((time) => call(`2026-11-23T${time}:00Z`, { contactId: contact.id }));
    const result = check({ profile: 'in-rbi', contact, account, at: '2026-11-23T09:00:00Z', history });
    expect(result.allowed).toBe(false);
    expect(result.nextAllowedAt).toBe('2026-11-24T02:30:00.000Z');
    expect(result.overridable).toBe(true);
  });
});

describe('IE-1 Consumer Credit Act 1995 s.46 (ie-cca)', () => {
  const contact = debtorContact({ name: 'Siobhán Byrne', timeZone: 'Europe/Dublin', phones: [{ number: '+353 87 123 4567', kind: 'mobile', timeZone: 'Europe/Dublin' }] });
  const account = debtorAccount({ country: 'IE', region: null, timeZone: 'Europe/Dublin', currency: 'EUR', complianceProfile: 'ie-cca' });
  const holidays = { IE: IE_PUBLIC_HOLIDAYS_2026 };

  it('never on a Sunday: next allowed Monday 09:00', () => {
    const result = check({ profile: 'ie-cca', contact, account, holidays, at: '2026-11-22T11:00:00Z' });
    expect(result.allowed).toBe(false);
    expect(blockingCodes(result)).toEqual(['excluded_day']);
    expect(result.nextAllowedAt).toBe('2026-11-23T09:00:00.000Z');
  });

  it('never on a public holiday from the supplied calendar (St Patrick’s Day)', () => {
    const result = check({ profile: 'ie-cca', contact, account, holidays, at: '2026-03-17T12:00:00Z' });
    expect(blockingCodes(result)).toEqual(['public_holiday']);
    expect(result.nextAllowedAt).toBe('2026-03-18T09:00:00.000Z');
    expect(result.overridable).toBe(true);
  });

  it('skips Easter Sunday and Easter Monday together (Irish Summer Time, UTC+1)', () => {
    const result = check({ profile: 'ie-cca', contact, account, holidays, at: '2026-04-04T20:30:00Z' }); // Sat 21:30 IST
    expect(blockingCodes(result)).toEqual(['outside_window']);
    expect(result.nextAllowedAt).toBe('2026-04-07T08:00:00.000Z'); // Tue 09:00 IST
  });

  it('allows Mon-Sat 09:00-21:00 and reports a missing calendar instead of silently ignoring holidays', () => {
    const saturday = check({ profile: 'ie-cca', contact, account, holidays, at: '2026-11-21T20:59:00Z' });
    expect(saturday.allowed).toBe(true);
    expect(saturday.window?.until).toBe('2026-11-21T21:00:00.000Z');

    const noCalendar = check({ profile: 'ie-cca', contact, account, at: '2026-03-17T12:00:00Z' });
    expect(noCalendar.allowed).toBe(true);
    expect(codes(noCalendar)).toEqual(['holiday_calendar_missing']);
  });

  it('accepts calendars keyed by zone', () => {
    const result = check({ profile: 'ie-cca', contact, account, holidays: { 'Europe/Dublin': ['2026-03-17'] }, at: '2026-03-17T12:00:00Z' });
    expect(blockingCodes(result)).toEqual(['public_holiday']);
  });
});

describe('DST transitions', () => {
  it('America/New_York spring-forward: the 08:00 window edge is 12:00Z, not 13:00Z', () => {
    // Sat 7 Mar 21:30 EST → next is Sun 8 Mar 08:00 EDT.
    const saturdayNight = check({ at: '2026-03-08T02:30:00Z' });
    expect(saturdayNight.nextAllowedAt).toBe('2026-03-08T12:00:00.000Z');
    expect(check({ at: '2026-03-08T11:59:00Z' }).allowed).toBe(false);
    expect(check({ at: '2026-03-08T12:00:00Z' }).allowed).toBe(true);
    expect(check({ at: '2026-03-08T12:00:00Z' }).window?.until).toBe('2026-03-09T01:00:00.000Z');
  });

  it('America/New_York fall-back: the 08:00 edge is 13:00Z and 21:00 EST is 02:00Z', () => {
    const saturdayNight = check({ at: '2026-11-01T01:30:00Z' }); // Sat 31 Oct 21:30 EDT
    expect(saturdayNight.nextAllowedAt).toBe('2026-11-01T13:00:00.000Z');
    expect(check({ at: '2026-11-01T12:59:00Z' }).allowed).toBe(false);
    const evening = check({ at: '2026-11-02T01:00:00Z' }); // Sun 20:00 EST
    expect(evening.window?.until).toBe('2026-11-02T02:00:00.000Z');
  });

  it('Reg F day counting uses local calendar days across the spring-forward day', () => {
    // Conversation Sat 7 Mar 23:30 EST... is outside the window; use 20:30 EST (01:30Z on 8 Mar).
    const history = [conversation('2026-03-08T01:30:00Z')]; // local day 1 = Sat 7 Mar
    expect(check({ at: '2026-03-13T23:00:00Z', history }).allowed).toBe(false); // Fri 13 Mar 19:00 EDT (day 7)
    expect(check({ at: '2026-03-13T23:00:00Z', history }).nextAllowedAt).toBe('2026-03-14T12:00:00.000Z');
  });

  const london = debtorContact({ timeZone: 'Europe/London', phones: [{ number: '+44 7700 900123', kind: 'mobile', timeZone: 'Europe/London' }] });
  const ukAccount = debtorAccount({ country: 'GB', region: null, timeZone: 'Europe/London', currency: 'GBP', complianceProfile: 'uk-fca' });

  it('Europe/London: over the spring-forward Sunday (uk-fca) Monday opens at 08:00 BST = 07:00Z', () => {
    const result = check({ profile: 'uk-fca', contact: london, account: ukAccount, at: '2026-03-28T17:30:00Z', holidays: { GB: ['2026-12-25'] } });
    expect(blockingCodes(result)).toEqual(['outside_window']);
    expect(result.nextAllowedAt).toBe('2026-03-30T07:00:00.000Z');
  });

  it('Europe/London: over the fall-back Sunday (uk-fca) Monday opens at 08:00 GMT = 08:00Z', () => {
    const result = check({ profile: 'uk-fca', contact: london, account: ukAccount, at: '2026-10-24T16:00:00Z', holidays: { GB: ['2026-12-25'] } });
    expect(blockingCodes(result)).toEqual(['outside_window']); // Sat 17:00 BST, Saturday window ends 17:00
    expect(result.nextAllowedAt).toBe('2026-10-26T08:00:00.000Z');
  });

  it('Europe/London: a custom every-day profile edges on the transition days', () => {
    const everyDay: PolicyProfile = {
      ...getProfile('uk-fca'),
      id: 'test-london-daily',
      windows: { call: { days: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [day, { start: '01:30', end: '21:00' }])), excludeHolidays: false, rule: 'test' } },
      caps: [],
    };
    // 29 Mar: 01:30 does not exist (01:00 GMT → 02:00 BST); the window opens at the transition, 01:00Z.
    expect(check({ profile: everyDay, contact: london, account: ukAccount, at: '2026-03-29T00:59:00Z' }).nextAllowedAt).toBe('2026-03-29T01:00:00.000Z');
    // 25 Oct: 01:30 happens twice; the window opens at the first (00:30Z).
    expect(check({ profile: everyDay, contact: london, account: ukAccount, at: '2026-10-25T00:10:00Z' }).nextAllowedAt).toBe('2026-10-25T00:30:00.000Z');
    expect(check({ profile: everyDay, contact: london, account: ukAccount, at: '2026-10-25T00:30:00Z' }).allowed).toBe(true);
  });
});

describe('f.11 blocked states and opt-outs', () => {
  const at = '2026-06-03T16:00:00Z'; // Wed 12:00 EDT: inside every US window
  const flagged = (flag: AccountFlagEntry['flag'], extra: Partial<AccountFlagEntry> = {}) => debtorAccount({ flags: [{ flag, since: '2026-05-01', ...extra }] });

  it.each([
    ['cease_communication', 'US-11'],
    ['bankruptcy', 'US-18'],
    ['breathing_space', 'UK-8'],
    ['dispute_pending_verification', 'US-14'],
    ['attorney_represented', 'US-12'],
    ['deceased', 'US-15'],
  ] as const)('%s hard-blocks the debtor permanently (%s)', (flag, ruleId) => {
    const result = check({ account: flagged(flag), at });
    expect(result.allowed).toBe(false);
    expect(result.reasons).toEqual([expect.objectContaining({ code: 'account_flag', severity: 'hard', flag })]);
    expect(result.reasons[0]?.rule).toContain(ruleId);
    expect(result.nextAllowedAt).toBeNull();
    expect(result.overridable).toBe(false);
  });

  it('attorney-represented: the attorney may be contacted', () => {
    const attorney = debtorContact({ id: '003R000000Atty1AAA', name: 'J. Whitaker, Esq.', role: 'attorney' });
    expect(check({ account: flagged('attorney_represented'), contact: attorney, at }).allowed).toBe(true);
  });

  it('deceased: the estate representative may be contacted', () => {
    const executor = debtorContact({ id: '003R000000Exec1AAA', name: 'Luis Alvarez (executor)', role: 'estate_representative' });
    expect(check({ account: flagged('deceased'), contact: executor, at }).allowed).toBe(true);
    expect(check({ account: flagged('deceased'), contact: debtorContact({ role: 'guarantor' }), at }).allowed).toBe(false);
  });

  it('breathing space with an end date: blocked through that day, then the next window', () => {
    const contact = debtorContact({ timeZone: 'Europe/London', phones: [] });
    const account = debtorAccount({ country: 'GB', region: null, flags: [{ flag: 'breathing_space', since: '2026-04-06', until: '2026-06-04' }] });
    const result = check({ profile: 'uk-fca', contact, account, holidays: { GB: ['2026-05-25'] }, at: '2026-06-03T11:00:00Z' });
    expect(result.allowed).toBe(false);
    expect(result.reasons[0]?.rule).toContain('SI 2020/1311');
    expect(result.nextAllowedAt).toBe('2026-06-05T07:00:00.000Z'); // Fri 08:00 BST
    // Flags outside their dates do not apply.
    expect(check({ profile: 'uk-fca', contact, account, holidays: { GB: ['2026-05-25'] }, at: '2026-06-05T07:00:00Z' }).allowed).toBe(true);
  });

  it('vulnerable: soft block for specialist handling, overridable under uk-fca', () => {
    const contact = debtorContact({ timeZone: 'Europe/London', phones: [] });
    const account = debtorAccount({ country: 'GB', flags: [{ flag: 'vulnerable', since: '2026-01-10', note: 'bereavement' }] });
    const result = check({ profile: 'uk-fca', contact, account, holidays: { GB: ['2026-05-25'] }, at: '2026-06-03T11:00:00Z' });
    expect(result.allowed).toBe(false);
    expect(result.reasons).toEqual([expect.objectContaining({ code: 'account_flag', severity: 'soft', flag: 'vulnerable' })]);
    expect(result.reasons[0]?.rule).toContain('UK-7');
    expect(result.reasons[0]?.message).toContain('bereavement');
    expect(result.overridable).toBe(true);
  });

  it('B2B dispute is advisory: chase the undisputed rest', () => {
    const account = debtorAccount({ segment: 'b2b', flags: [{ flag: 'dispute_pending_verification' }] });
    const contact = debtorContact({ role: 'accounts_payable' });
    const result = check({ profile: 'b2b-default', account, contact, holidays: { US: ['2026-07-03'] }, at });
    expect(result.allowed).toBe(true);
    expect(result.reasons).toEqual([expect.objectContaining({ code: 'account_flag', severity: 'info' })]);
  });

  it('channel opt-out blocks that channel only (US-8)', () => {
    const contact = debtorContact({ optOuts: ['call'] });
    const byPhone = check({ contact, at });
    expect(byPhone.allowed).toBe(false);
    expect(byPhone.reasons).toEqual([expect.objectContaining({ code: 'channel_opt_out', severity: 'hard' })]);
    expect(byPhone.reasons[0]?.rule).toContain('1006.14(h)');
    expect(byPhone.nextAllowedAt).toBeNull();
    expect(check({ contact, at, channel: 'email' }).allowed).toBe(true);
  });

  it('lists every reason, not just the first', () => {
    const result = check({
      contact: debtorContact({ optOuts: ['call'] }),
      account: debtorAccount({ flags: [{ flag: 'cease_communication' }, { flag: 'bankruptcy', note: 'Ch. 7 case 26-10421' }] }),
      at: '2026-06-04T02:00:00Z', // 22:00 EDT
    });
    expect(codes(result)).toEqual(['channel_opt_out', 'account_flag', 'account_flag', 'outside_window']);
    expect(result.nextAllowedAt).toBeNull();
  });
});

describe('requirements and overrides', () => {
  it('US-9: e-mail and SMS must carry an opt-out sentence', () => {
    const result = check({ channel: 'email', at: '2026-06-03T16:00:00Z' });
    expect(result.requirements).toEqual([expect.objectContaining({ code: 'opt_out_notice', rule: 'US-9 Reg F 1006.6(e)' })]);
    expect(check({ channel: 'call', at: '2026-06-03T16:00:00Z' }).requirements).toEqual([]);
  });

  it('outside-hours calls are overridable with consent under us-fdcpa', () => {
    const result = check({ at: '2026-06-04T02:00:00Z' });
    expect(result.overridable).toBe(true);
    expect(getProfile('us-fdcpa').override.rule).toContain('consent');
  });

  it('an allowed contact is not "overridable"', () => {
    expect(check({ at: '2026-06-03T16:00:00Z' }).overridable).toBe(false);
  });
});

describe('B2B default: business hours in the contact’s zone, weekly cap', () => {
  const contact = debtorContact({ name: 'Accounts Payable', role: 'accounts_payable', timeZone: 'Europe/Berlin', phones: [{ number: '+49 30 1234567', kind: 'work', timeZone: 'America/New_York' }] });
  const account = debtorAccount({ segment: 'b2b', country: 'DE', timeZone: 'Europe/Berlin' });

  it('uses only the first known zone and blocks weekends', () => {
    const friday = check({ profile: 'b2b-default', contact, account, holidays: { DE: ['2026-12-25'] }, at: '2026-06-05T15:00:00Z' }); // 17:00 CEST
    expect(friday.allowed).toBe(true);
    expect(friday.zones).toEqual(['Europe/Berlin']);
    expect(friday.window?.until).toBe('2026-06-05T16:00:00.000Z');
    const saturday = check({ profile: 'b2b-default', contact, account, holidays: { DE: ['2026-12-25'] }, at: '2026-06-06T10:00:00Z' });
    expect(saturday.nextAllowedAt).toBe('2026-06-08T07:00:00.000Z');
  });

  it('caps calls at 3 per contact per 7 days', () => {
    const history = ['2026-06-01T08:00:00Z', '2026-06-02T08:00:00Z', '2026-06-03T08:00:00Z'].map((time) => call(time, { contactId: contact.id }));
    const result = check({ profile: 'b2b-default', contact, account, history, holidays: { DE: ['2026-12-25'] }, at: '2026-06-04T08:00:00Z' });
    expect(blockingCodes(result)).toEqual(['frequency_cap']);
    expect(result.nextAllowedAt).toBe('2026-06-08T07:00:00.000Z'); // 8 Jun (Mon) 09:00 CEST: 1 Jun call left the window
  });
});

describe('boundary validation', () => {
  function expectError(fn: () => unknown, code: string, field: string): void {
    let caught: unknown;
    try {
      fn();
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DomainValidationError);
    expect(caught).toMatchObject({ code, field });
  }

  it('names invalid zones', () => {
    const contact = debtorContact({ phones: [{ number: '+1 212 555 0147', kind: 'mobile', timeZone: 'America/Gotham' }] });
    expectError(() => check({ contact, at: '2026-06-03T16:00:00Z' }), 'invalid_time_zone', 'contact.phones.0.timeZone');
    expectError(() => check({ account: debtorAccount({ timeZone: 'EST5EDTX' }), at: '2026-06-03T16:00:00Z' }), 'invalid_time_zone', 'account.timeZone');
  });

  it('names invalid instants and dates', () => {
    expectError(() => check({ at: '2026-06-03 16:00' }), 'invalid_date', 'at');
    expectError(() => check({ at: '2026-06-03T16:00:00Z', history: [call('not-a-date')] }), 'invalid_date', 'history.0.occurredAt');
    expectError(() => check({ at: '2026-06-03T16:00:00Z', holidays: { IE: ['2026-02-30'] } }), 'invalid_date', 'holidays.IE.0');
  });

  it('rejects unknown profiles, channels and malformed records', () => {
    expectError(() => check({ profile: 'us-tx', at: '2026-06-03T16:00:00Z' }), 'invalid_input', 'profile');
    expectError(() => check({ channel: 'fax' as never, at: '2026-06-03T16:00:00Z' }), 'invalid_input', 'channel');
    expectError(() => check({ contact: { ...debtorContact(), optOuts: 'call' } as never, at: '2026-06-03T16:00:00Z' }), 'invalid_input', 'contact.optOuts');
    expectError(
      () => check({ profile: { ...getProfile('us-fdcpa'), windows: { call: { days: { mon: { start: '21:00', end: '08:00' } }, excludeHolidays: false, rule: 'x' } } }, at: '2026-06-03T16:00:00Z' }),
      'invalid_input',
      'profile.windows.call.days.mon',
    );
  });

  it('every shipped profile is itself valid data', () => {
    for (const profile of Object.values(PROFILES)) {
      expect(() => check({ profile: { ...profile }, at: '2026-06-03T16:00:00Z' })).not.toThrow();
    }
  });
});

describe('checkContactWithRules (the page entry: rules delivered with the snapshot)', () => {
  const sevenCalls = ['01', '02', '03', '04', '05', '06', '07'].map((day) => call(`2026-06-${day}T14:00:00Z`));

  it('answers exactly as checkContact with the id for every shipped profile, channel and history', () => {
    const instants = ['2026-06-07T13:00:00Z', '2026-06-07T19:00:00Z', '2026-06-08T03:30:00Z'];
    for (const profile of Object.keys(PROFILES)) {
      for (const channel of ['call', 'email', 'sms', 'visit'] as const) {
        for (const at of instants) {
          for (const history of [[], sevenCalls]) {
            const input = { channel, at, contact: debtorContact(), account: debtorAccount(), history };
            expect(checkContactWithRules({ ...input, profile: getProfileRules(profile) }), `${profile} ${channel} ${at}`).toEqual(
              checkContact({ ...input, profile }),
            );
          }
        }
      }
    }
  });

  it('accepts rules that went through JSON (a snapshot from the worker or an Apex controller)', () => {
    const input = { channel: 'call' as const, at: '2026-06-07T13:00:00Z', contact: debtorContact(), account: debtorAccount(), history: [] };
    const rules = JSON.parse(JSON.stringify(getProfileRules('us-fdcpa'))) as unknown;
    expect(checkContactWithRules({ ...input, profile: rules as PolicyProfile })).toEqual(checkContact({ ...input, profile: 'us-fdcpa' }));
  });

  it('rejects malformed rules naming the field, and never takes a profile id', () => {
    const input = { channel: 'call' as const, at: '2026-06-07T13:00:00Z', contact: debtorContact(), account: debtorAccount(), history: [] };
    const broken = { ...getProfileRules('in-rbi'), caps: [{ ...getProfileRules('in-rbi').caps[0], max: '3' }] };
    expect(() => checkContactWithRules({ ...input, profile: broken as unknown as PolicyProfile })).toThrow(DomainValidationError);
    expect(() => checkContactWithRules({ ...input, profile: broken as unknown as PolicyProfile })).toThrow(/profile\.caps\.0\.max/);
    expect(() => checkContactWithRules({ ...input, profile: 'in-rbi' })).toThrow(/profile/);
  });

  it('getProfileRules hands out frozen rules without documentation', () => {
    const rules = getProfileRules('uk-fca');
    expect(Object.isFrozen(rules)).toBe(true);
    expect(Object.isFrozen(rules.windows.call)).toBe(true);
    expect(rules).not.toHaveProperty('name');
    expect(rules).not.toHaveProperty('description');
    expect(rules.override).not.toHaveProperty('rule');
    expect(() => getProfileRules('us-tx')).toThrow(/unknown compliance profile "us-tx"/);
  });
});
