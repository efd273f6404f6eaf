import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { STRESS_HOST_ZONES, underHostTimeZones } from '../test-support';
import { weekendOf } from './working-week';
import { zonedParts } from '../time';
import type { AccountFlagEntry, Channel } from '../model';
import { checkContact } from './check-contact';
import type { CheckContactInput, HistoryActivity } from './engine';
import { IE_PUBLIC_HOLIDAYS_2026, debtorAccount, debtorContact } from './fixtures';
import { getProfile, PROFILE_IDS } from './profiles';

/**
 * Each run evaluates checkContact several times (6 host zones, or a re-check at nextAllowedAt), and a
 * check costs ~1 ms of Intl formatting on an idle core; 2 shared cores under 8 parallel processes
 * slow that several-fold. Keep every run (they are what make the properties convincing) and give
 * the tests an explicit budget well above the vitest default of 5 s instead.
 */
const PROPERTY_TIMEOUT_MS = 60_000;
const DEBTOR_ZONES = ['America/New_York', 'America/Los_Angeles', 'America/Phoenix', 'Asia/Kolkata', 'Europe/London', 'Europe/Dublin', 'Europe/Berlin'];
const CONTACT_ID = '003R000000Xy12AIAB';
const HOUR = 3_600_000;
const START = Date.UTC(2026, 0, 1);
const END = Date.UTC(2027, 0, 1);

const activityArb = (atMs: number, index: number): fc.Arbitrary<HistoryActivity> =>
  fc.record({
    hoursBefore: fc.integer({ min: 0, max: 14 * 24 }),
    kind: fc.constantFrom<HistoryActivity['kind']>('call', 'call', 'call', 'sms', 'email'),
    direction: fc.constantFrom<HistoryActivity['direction']>('outbound', 'outbound', 'inbound'),
    disposition: fc.constantFrom<HistoryActivity['disposition']>('no_answer', 'left_voicemail', 'reached', null),
    conversation: fc.boolean(),
    otherContact: fc.boolean(),
    debtRefs: fc.constantFrom<HistoryActivity['debtRefs']>(undefined, ['LOAN-1'], ['LOAN-2']),
  }).map((draft) => ({
    id: `00TR0000${String(index).padStart(7, '0')}`,
    kind: draft.kind,
    direction: draft.direction,
    occurredAt: new Date(atMs - draft.hoursBefore * HOUR - 60_000).toISOString(),
    contactId: draft.otherContact ? '003R000000Zz99AIAB' : CONTACT_ID,
    disposition: draft.disposition,
    conversation: draft.conversation,
    debtRefs: draft.debtRefs,
  }));

const flagsArb: fc.Arbitrary<AccountFlagEntry[]> = fc.oneof(
  { weight: 6, arbitrary: fc.constant<AccountFlagEntry[]>([]) },
  {
    weight: 1,
    arbitrary: fc.array(
      fc.record({
        flag: fc.constantFrom<AccountFlagEntry['flag']>('breathing_space', 'vulnerable', 'dispute_pending_verification', 'deceased', 'time_barred'),
        until: fc.constantFrom<string | null>(null, '2026-03-10', '2026-07-20', '2026-12-01'),
      }),
      { maxLength: 2 },
    ),
  },
);

const inputArb: fc.Arbitrary<CheckContactInput> = fc
  .record({
    profileId: fc.constantFrom(...PROFILE_IDS),
    channel: fc.constantFrom<Channel>('call', 'email', 'sms', 'visit'),
    atMinutes: fc.integer({ min: START / 60_000, max: END / 60_000 }),
    contactZone: fc.option(fc.constantFrom(...DEBTOR_ZONES), { nil: null }),
    phoneZones: fc.array(fc.option(fc.constantFrom(...DEBTOR_ZONES), { nil: null }), { maxLength: 2 }),
    accountZone: fc.option(fc.constantFrom(...DEBTOR_ZONES), { nil: null }),
    country: fc.constantFrom('US', 'IE', 'GB', 'IN', 'DE'),
    flags: flagsArb,
    optOuts: fc.subarray<Channel>(['call', 'email', 'sms', 'visit'], { maxLength: 1 }),
    role: fc.constantFrom<'debtor' | 'attorney' | 'estate_representative'>('debtor', 'debtor', 'debtor', 'attorney', 'estate_representative'),
    debtRef: fc.constantFrom<string | null>(null, 'LOAN-1'),
    withHolidays: fc.boolean(),
    seed: fc.nat(),
  })
  .chain((draft) => {
    const atMs = draft.atMinutes * 60_000;
    return fc.tuple(fc.constant(draft), fc.array(fc.nat(), { maxLength: 12 }).chain((slots) => fc.tuple(...slots.map((_, index) => activityArb(atMs, index)))));
  })
  .map(([draft, history]) => ({
    profile: draft.profileId,
    channel: draft.channel,
    at: new Date(draft.atMinutes * 60_000).toISOString(),
    contact: debtorContact({
      timeZone: draft.contactZone,
      phones: draft.phoneZones.map((zone, index) => ({ number: `+1 555 01${index}0`, kind: 'mobile' as const, timeZone: zone })),
      optOuts: draft.optOuts,
      role: draft.role,
    }),
    account: debtorAccount({ timeZone: draft.accountZone, country: draft.country, flags: draft.flags }),
    history,
    debtRef: draft.debtRef,
    ...(draft.withHolidays
      ? { holidays: { IE: IE_PUBLIC_HOLIDAYS_2026, GB: ['2026-05-04', '2026-05-25', '2026-12-25'], US: ['2026-07-03', '2026-11-26'], DE: ['2026-10-03'] } }
      : {}),
  }));

describe('checkContact properties', () => {
  it('answers identically whatever the host time zone (process.env.TZ)', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const answers = underHostTimeZones(STRESS_HOST_ZONES, () => JSON.stringify(checkContact(input)));
        expect(new Set(answers).size).toBe(1);
      }),
      { numRuns: 150 },
    );
  }, PROPERTY_TIMEOUT_MS);

  it('nextAllowedAt, when set, is not before `at` and is itself allowed (window, days, caps, pauses)', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = checkContact(input);
        if (result.nextAllowedAt === null) {
          expect(result.allowed).toBe(false);
          return;
        }
        expect(Date.parse(result.nextAllowedAt) >= Date.parse(input.at)).toBe(true);
        const then = checkContact({ ...input, at: result.nextAllowedAt });
        expect(then.allowed).toBe(true);
        // Independently re-check the window rule in every zone the engine used.
        const schedule = getProfile(input.profile as string).windows[input.channel];
        if (schedule) {
          for (const zone of then.zones) {
            const parts = zonedParts(result.nextAllowedAt, zone);
            // B2B business days follow the debtor country's working week (working-week.ts): its weekend is
            // excluded, its other days take Monday's window.
            const country = input.account.country ?? getProfile(input.profile as string).defaultHolidayCalendar;
            const range = schedule.workingDays && country
              ? (weekendOf(country).includes(parts.weekday) ? undefined : (schedule.days[parts.weekday] ?? schedule.days.mon))
              : schedule.days[parts.weekday];
            expect(range).toBeDefined();
            const local = `${String(parts.hour).padStart(2, '0')}:${String(parts.minute).padStart(2, '0')}`;
            expect(local >= (range?.start ?? '') && local < (range?.end ?? '')).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  }, PROPERTY_TIMEOUT_MS);

  it('an allowed answer reports a window end after `at` for time-windowed channels', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = checkContact(input);
        if (!result.allowed) {
          return;
        }
        const schedule = getProfile(input.profile as string).windows[input.channel];
        expect(result.nextAllowedAt).toBe(new Date(Date.parse(input.at)).toISOString());
        if (schedule) {
          expect(Date.parse(result.window?.until ?? '') > Date.parse(input.at)).toBe(true);
        } else {
          expect(result.window).toBeUndefined();
        }
      }),
      { numRuns: 200 },
    );
  }, PROPERTY_TIMEOUT_MS);
});
