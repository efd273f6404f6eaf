import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addBusinessDays, addDays, addMonthsClamped, compareDates, dayOfWeek, daysBetween, daysInMonth, endOfMonth,
  fromEpochDay, isBusinessDay, parseIsoDate, toEpochDay,
} from './dates';
import { STRESS_HOST_ZONES, errorOf, underHostTimeZones } from './test-support';

function fieldOf(fn: () => unknown): string {
  return errorOf(fn).field;
}

describe('parseIsoDate', () => {
  it('accepts real dates and rejects impossible ones', () => {
    expect(parseIsoDate('2028-02-29')).toBe('2028-02-29');
    expect(fieldOf(() => parseIsoDate('2026-02-30', 'dueDate'))).toBe('dueDate');
    expect(fieldOf(() => parseIsoDate('2026-02-29', 'dueDate'))).toBe('dueDate');
    expect(fieldOf(() => parseIsoDate('2100-02-29'))).toBe('date');
    expect(fieldOf(() => parseIsoDate('2026-13-01'))).toBe('date');
    expect(fieldOf(() => parseIsoDate('2026-1-01'))).toBe('date');
    expect(fieldOf(() => parseIsoDate('2026-01-01T00:00:00Z'))).toBe('date');
    expect(fieldOf(() => parseIsoDate(20260101))).toBe('date');
    expect(parseIsoDate('2000-02-29')).toBe('2000-02-29');
  });

  it('knows month lengths', () => {
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2026, 2)).toBe(28);
    expect(daysInMonth(2026, 4)).toBe(30);
    expect(daysInMonth(2026, 12)).toBe(31);
  });
});

describe('day arithmetic', () => {
  it('converts to and from epoch days', () => {
    expect(toEpochDay('1970-01-01')).toBe(0);
    expect(toEpochDay('1969-12-31')).toBe(-1);
    expect(fromEpochDay(20_000)).toBe('2024-10-04');
    expect(fromEpochDay(toEpochDay('0001-01-01'))).toBe('0001-01-01');
  });

  it('adds days across month, year and DST boundaries', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(fieldOf(() => addDays('2026-01-01', 0.5))).toBe('days');
  });

  it('measures days between and compares', () => {
    expect(daysBetween('2026-01-01', '2026-03-01')).toBe(59);
    expect(daysBetween('2026-03-01', '2026-01-01')).toBe(-59);
    expect(compareDates('2026-01-01', '2026-01-02')).toBe(-1);
    expect(compareDates('2026-01-02', '2026-01-02')).toBe(0);
    expect(fieldOf(() => compareDates('2026-01-02', 'soon'))).toBe('b');
  });

  it('addDays and daysBetween are inverse', () => {
    fc.assert(
      fc.property(fc.integer({ min: 20_000, max: 2_900_000 }), fc.integer({ min: -20_000, max: 20_000 }), (base, delta) => {
        const start = fromEpochDay(base - 700_000);
        expect(daysBetween(start, addDays(start, delta))).toBe(delta);
      }),
    );
  });
});

describe('addMonthsClamped', () => {
  it('clamps to month end', () => {
    expect(addMonthsClamped('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonthsClamped('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonthsClamped('2026-03-31', 1)).toBe('2026-04-30');
    expect(addMonthsClamped('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonthsClamped('2026-03-15', -3)).toBe('2025-12-15');
  });

  it('keeps the original anchor across a series: 31 Jan → 28 Feb → 31 Mar', () => {
    const first = '2026-01-31';
    expect([0, 1, 2, 3].map((k) => addMonthsClamped(first, k))).toEqual(['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30']);
    // Chaining from a clamped date would drift; passing the anchor day avoids it.
    expect(addMonthsClamped('2026-02-28', 1, 31)).toBe('2026-03-31');
    expect(fieldOf(() => addMonthsClamped('2026-02-28', 1, 32))).toBe('anchorDay');
  });
});

describe('weekdays and business days', () => {
  it('gives ISO weekdays', () => {
    expect(dayOfWeek('2026-11-22')).toBe(7); // Sunday
    expect(dayOfWeek('2026-11-23')).toBe(1); // Monday
    expect(dayOfWeek('1970-01-01')).toBe(4);
    expect(dayOfWeek('1969-12-29')).toBe(1);
  });

  it('skips weekends and holidays', () => {
    expect(addBusinessDays('2026-11-20', 1)).toBe('2026-11-23'); // Fri + 1 = Mon
    expect(addBusinessDays('2026-11-23', 10)).toBe('2026-12-07');
    expect(addBusinessDays('2026-12-24', 1, ['2026-12-25'])).toBe('2026-12-28');
    expect(addBusinessDays('2026-11-23', -1)).toBe('2026-11-20');
    expect(addBusinessDays('2026-11-22', 0)).toBe('2026-11-22');
    expect(addBusinessDays('2026-11-19', 1, [], [5, 6])).toBe('2026-11-22'); // Fri-Sat weekend
    expect(isBusinessDay('2026-12-25', { holidays: ['2026-12-25'] })).toBe(false);
    expect(isBusinessDay('2026-12-24')).toBe(true);
    expect(fieldOf(() => addBusinessDays('2026-11-23', 1, ['2026-02-30']))).toBe('holidays[0]');
  });

  it('finds the end of month', () => {
    expect(endOfMonth('2028-02-10')).toBe('2028-02-29');
  });
});

describe('host time zone independence', () => {
  it('answers identically whatever process.env.TZ is', () => {
    const run = () => [
      addDays('2026-03-28', 2),
      addDays('2026-10-24', 2),
      addMonthsClamped('2026-01-31', 1),
      daysBetween('2026-03-01', '2026-04-01'),
      dayOfWeek('2026-03-29'),
      addBusinessDays('2026-10-23', 1),
      toEpochDay('2026-03-29'),
      fromEpochDay(20_541),
    ];
    const results = underHostTimeZones(STRESS_HOST_ZONES, run);
    for (const result of results) {
      expect(result).toEqual(results[0]);
    }
  });
});
