import { describe, expect, it } from 'vitest';
import { addDays, resolveDateLiteral } from './date-literals';

// 2026-11-20 is a Friday.
const TODAY = '2026-11-20';

describe('SOQL date literals', () => {
  it.each([
    ['TODAY', 0, '2026-11-20', '2026-11-21'],
    ['YESTERDAY', 0, '2026-11-19', '2026-11-20'],
    ['TOMORROW', 0, '2026-11-21', '2026-11-22'],
    ['THIS_WEEK', 0, '2026-11-15', '2026-11-22'],
    ['LAST_WEEK', 0, '2026-11-08', '2026-11-15'],
    ['NEXT_WEEK', 0, '2026-11-22', '2026-11-29'],
    ['THIS_MONTH', 0, '2026-11-01', '2026-12-01'],
    ['LAST_MONTH', 0, '2026-10-01', '2026-11-01'],
    ['NEXT_MONTH', 0, '2026-12-01', '2027-01-01'],
    ['THIS_QUARTER', 0, '2026-10-01', '2027-01-01'],
    ['LAST_QUARTER', 0, '2026-07-01', '2026-10-01'],
    ['THIS_YEAR', 0, '2026-01-01', '2027-01-01'],
    ['LAST_90_DAYS', 0, '2026-08-22', '2026-11-21'],
    ['NEXT_90_DAYS', 0, '2026-11-21', '2027-02-19'],
    ['LAST_N_DAYS:30', 30, '2026-10-21', '2026-11-21'],
    ['NEXT_N_DAYS:7', 7, '2026-11-21', '2026-11-28'],
    ['N_DAYS_AGO:3', 3, '2026-11-17', '2026-11-18'],
    ['LAST_N_MONTHS:2', 2, '2026-09-01', '2026-11-01'],
    ['NEXT_N_MONTHS:1', 1, '2026-12-01', '2027-01-01'],
    ['LAST_N_YEARS:1', 1, '2025-01-01', '2026-01-01'],
  ])('%s', (literal, n, start, end) => {
    expect(resolveDateLiteral(literal, TODAY, n)).toEqual({ start, end });
  });

  it('crosses month and year ends, and knows leap days', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(resolveDateLiteral('THIS_MONTH', '2028-02-10')).toEqual({ start: '2028-02-01', end: '2028-03-01' });
  });

  it('returns null for an unknown literal', () => {
    expect(resolveDateLiteral('SOMEDAY', TODAY)).toBeNull();
  });
});
