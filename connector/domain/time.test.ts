import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, dayOfWeek } from './dates';
import { STRESS_HOST_ZONES, expectDomainError, underHostTimeZones } from './test-support';
import {
  canonicalTimeZone,
  formatLocalTime,
  formatLocalTimeWithZone,
  instantFromZoned,
  isValidTimeZone,
  parseInstant,
  requireTimeZone,
  weekdayKey,
  zoneAbbreviation,
  zonedParts,
} from './time';

describe('isValidTimeZone / requireTimeZone', () => {
  it('accepts IANA zones and UTC, rejects junk', () => {
    expect(isValidTimeZone('Asia/Kolkata')).toBe(true);
    expect(isValidTimeZone('America/New_York')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
    expect(isValidTimeZone(42)).toBe(false);
    expect(isValidTimeZone(null)).toBe(false);
  });

  it('keeps the caller spelling but compares aliases canonically', () => {
    expect(requireTimeZone('Asia/Kolkata', 'z')).toBe('Asia/Kolkata');
    expect(canonicalTimeZone('asia/kolkata')).toBe(canonicalTimeZone('Asia/Calcutta'));
    expect(canonicalTimeZone('US/Eastern')).toBe(canonicalTimeZone('America/New_York'));
  });

  it('throws invalid_time_zone naming the field', () => {
    expectDomainError(() => requireTimeZone('Nowhere/Land', 'contact.timeZone'), 'invalid_time_zone', 'contact.timeZone');
    expectDomainError(() => zonedParts('2026-01-01T00:00:00Z', 'Nowhere/Land'), 'invalid_time_zone', 'zone');
  });
});

describe('parseInstant', () => {
  it('needs Z or an explicit offset', () => {
    expect(parseInstant('2026-11-22T13:10:00+05:30', 'at')).toBe(Date.parse('2026-11-22T07:40:00Z'));
    expectDomainError(() => parseInstant('2026-11-22T13:10:00', 'at'), 'invalid_date', 'at');
    expectDomainError(() => parseInstant('2026-02-30T10:00:00Z', 'at'), 'invalid_date', 'at');
    expectDomainError(() => parseInstant('yesterday', 'history.0.occurredAt'), 'invalid_date', 'history.0.occurredAt');
  });
});

describe('zonedParts', () => {
  it('reads the wall clock in the given zone', () => {
    expect(zonedParts('2026-11-22T13:10:00Z', 'Asia/Kolkata')).toEqual({ date: '2026-11-22', hour: 18, minute: 40, second: 0, weekday: 'sun' });
    expect(zonedParts('2026-11-23T04:30:00Z', 'America/Los_Angeles')).toEqual({ date: '2026-11-22', hour: 20, minute: 30, second: 0, weekday: 'sun' });
    expect(zonedParts('2026-01-01T00:00:00Z', 'UTC').hour).toBe(0);
  });

  it('follows DST in New York and London', () => {
    // 2026-03-08 02:00 EST → 03:00 EDT
    expect(zonedParts('2026-03-08T06:59:00Z', 'America/New_York')).toMatchObject({ hour: 1, minute: 59 });
    expect(zonedParts('2026-03-08T07:00:00Z', 'America/New_York')).toMatchObject({ hour: 3, minute: 0 });
    // 2026-10-25 02:00 BST → 01:00 GMT
    expect(zonedParts('2026-10-25T00:30:00Z', 'Europe/London')).toMatchObject({ hour: 1, minute: 30 });
    expect(zonedParts('2026-10-25T01:30:00Z', 'Europe/London')).toMatchObject({ hour: 1, minute: 30 });
  });
});

describe('instantFromZoned', () => {
  it('converts ordinary local times', () => {
    expect(instantFromZoned('2026-11-22', '19:00', 'Asia/Kolkata')).toBe('2026-11-22T13:30:00.000Z');
    expect(instantFromZoned('2026-07-01', '08:00', 'America/New_York')).toBe('2026-07-01T12:00:00.000Z');
    expect(instantFromZoned('2026-01-15', '08:00', 'America/New_York')).toBe('2026-01-15T13:00:00.000Z');
  });

  it('spring-forward gap → first valid instant after the gap', () => {
    expect(instantFromZoned('2026-03-08', '02:30', 'America/New_York')).toBe('2026-03-08T07:00:00.000Z');
    expect(instantFromZoned('2026-03-08', '02:00', 'America/New_York')).toBe('2026-03-08T07:00:00.000Z');
    expect(instantFromZoned('2026-03-08', '01:59', 'America/New_York')).toBe('2026-03-08T06:59:00.000Z');
    expect(instantFromZoned('2026-03-29', '01:30', 'Europe/London')).toBe('2026-03-29T01:00:00.000Z');
    // Lord Howe shifts by 30 minutes.
    expect(instantFromZoned('2026-10-04', '02:15', 'Australia/Lord_Howe')).toBe('2026-10-03T15:30:00.000Z');
  });

  it('fall-back overlap → earliest instant', () => {
    expect(instantFromZoned('2026-11-01', '01:30', 'America/New_York')).toBe('2026-11-01T05:30:00.000Z');
    expect(instantFromZoned('2026-10-25', '01:30', 'Europe/London')).toBe('2026-10-25T00:30:00.000Z');
  });

  it('validates date, time and zone', () => {
    expectDomainError(() => instantFromZoned('2026-13-01', '08:00', 'UTC'), 'invalid_date', 'date');
    expectDomainError(() => instantFromZoned('2026-01-01', '24:00', 'UTC'), 'invalid_date', 'time');
    expectDomainError(() => instantFromZoned('2026-01-01', '8:00', 'UTC'), 'invalid_date', 'time');
    expectDomainError(() => instantFromZoned('2026-01-01', '08:00', 'Bad/Zone'), 'invalid_time_zone', 'zone');
  });

  it('round-trips with zonedParts for every minute-aligned instant (outside gaps)', () => {
    const zones = ['America/New_York', 'Europe/London', 'Asia/Kolkata', 'Australia/Lord_Howe', 'America/Los_Angeles', 'Pacific/Chatham'];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2020, 0, 1) / 60_000, max: Date.UTC(2030, 0, 1) / 60_000 }),
        fc.constantFrom(...zones),
        (minutes, zone) => {
          const ms = minutes * 60_000;
          const parts = zonedParts(ms, zone);
          const back = Date.parse(instantFromZoned(parts.date, `${String(parts.hour).padStart(2, '0')}:${String(parts.minute).padStart(2, '0')}`, zone));
          // Equal, or the earlier twin of a fall-back overlap (same wall clock).
          expect(back <= ms).toBe(true);
          const again = zonedParts(back, zone);
          expect([again.date, again.hour, again.minute]).toEqual([parts.date, parts.hour, parts.minute]);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('host time zone independence', () => {
  it('gives identical answers whatever process.env.TZ is', () => {
    const run = () => [
      zonedParts('2026-03-08T07:30:00Z', 'America/New_York'),
      instantFromZoned('2026-10-25', '01:30', 'Europe/London'),
      instantFromZoned('2026-03-08', '02:30', 'America/New_York'),
      formatLocalTimeWithZone('2026-11-22T13:30:00Z', 'Asia/Kolkata'),
      addDays('2026-03-08', 1),
      weekdayKey(dayOfWeek('2026-03-08')),
    ];
    const answers = underHostTimeZones(STRESS_HOST_ZONES, () => JSON.stringify(run()));
    expect(new Set(answers).size).toBe(1);
  });
});

describe('weekdayKey (calendar arithmetic itself lives in dates.ts)', () => {
  it('maps ISO weekdays to policy keys', () => {
    expect(weekdayKey(dayOfWeek('2026-11-22'))).toBe('sun');
    expect(weekdayKey(dayOfWeek('2026-11-23'))).toBe('mon');
    expect([1, 2, 3, 4, 5, 6, 7].map((day) => weekdayKey(day as 1))).toEqual(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
  });

  it('rejects a number that is not an ISO weekday', () => {
    expectDomainError(() => weekdayKey(0 as 1), 'invalid_input', 'weekday');
    expectDomainError(() => weekdayKey(8 as 1), 'invalid_input', 'weekday');
  });

  it('agrees with zonedParts on the local weekday', () => {
    const parts = zonedParts('2026-11-22T23:30:00Z', 'Asia/Kolkata');
    expect(parts.date).toBe('2026-11-23');
    expect(parts.weekday).toBe(weekdayKey(dayOfWeek(parts.date)));
  });
});

describe('display helpers', () => {
  it('formats local time with Intl and a badge abbreviation', () => {
    expect(formatLocalTime('2026-11-22T13:30:00Z', 'Asia/Kolkata')).toBe('19:00');
    expect(formatLocalTime('2026-11-22T13:30:00Z', 'Asia/Kolkata', 'en-US')).toMatch(/^07:00\sPM$/);
    expect(formatLocalTimeWithZone('2026-11-22T13:30:00Z', 'Asia/Kolkata')).toBe('19:00 IST');
    expect(zoneAbbreviation('2026-01-15T12:00:00Z', 'America/New_York')).toBe('EST');
    expect(zoneAbbreviation('2026-07-15T12:00:00Z', 'America/New_York')).toBe('EDT');
    expect(zoneAbbreviation('2026-07-15T12:00:00Z', 'Europe/London')).toBe('BST');
    expect(zoneAbbreviation('2026-01-15T12:00:00Z', 'Europe/London')).toBe('GMT');
    expect(zoneAbbreviation('2026-07-15T12:00:00Z', 'America/Los_Angeles')).toBe('PDT');
  });

  it('falls back to the offset form when no letter abbreviation exists', () => {
    expect(zoneAbbreviation('2026-07-15T12:00:00Z', 'Asia/Tokyo')).toMatch(/^(JST|GMT\+9)$/);
  });

  it('rejects a bad locale with a typed error', () => {
    expectDomainError(() => formatLocalTime('2026-11-22T13:30:00Z', 'UTC', 'not a locale!!'), 'invalid_input', 'locale');
  });
});
