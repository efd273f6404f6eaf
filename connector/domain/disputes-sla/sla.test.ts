import { describe, expect, it } from 'vitest';
import { dayOfWeek } from '../dates';
import { DEFAULT_DISPUTE_SLA_POLICY } from '../strategy/dispute-sla';
import type { DisputeSlaPolicy } from '../strategy/dispute-sla';
import { expectDomainError, STRESS_HOST_ZONES, underHostTimeZones } from '../test-support';
import { businessDaysBetween, debtorCalendar, weekendOf } from './calendar';
import type { CompanyCalendar } from './calendar';
import { disputeSlaDueDate, disputeSlaSchedule, disputeSlaStatus } from './sla';

// December 2026: Wed 9, Thu 10, Fri 11, Sat 12, Sun 13, Mon 14 … Thu 24, Fri 25, Mon 28.
const CALENDAR: CompanyCalendar = { companyHolidays: ['2026-12-24'], publicHolidays: { US: ['2026-12-25'], SA: ['2026-12-16'] } };
const TWO_DAYS: DisputeSlaPolicy = { ...DEFAULT_DISPUTE_SLA_POLICY, resolveBusinessDays: 2 };
const open = { openedOn: '2026-12-10', reason: 'pricing', status: 'open' } as const;

describe('business days on the debtor\'s calendar', () => {
  it('knows the fixtures\' weekdays', () => {
    expect(dayOfWeek('2026-12-11')).toBe(5);
    expect(dayOfWeek('2026-12-13')).toBe(7);
  });

  it('rests Friday–Saturday in the Gulf and Saturday–Sunday in the UAE (since 2022) and elsewhere', () => {
    expect(weekendOf('SA')).toEqual([5, 6]);
    expect(weekendOf('QA')).toEqual([5, 6]);
    expect(weekendOf('AE')).toEqual([6, 7]);
    expect(weekendOf('US')).toEqual([6, 7]);
    expect(weekendOf(null)).toEqual([6, 7]);
    expect(weekendOf('AE', { weekends: { AE: [5, 6] } })).toEqual([5, 6]);
  });

  it('counts business days after one day up to another, negative backwards', () => {
    const us = debtorCalendar('US');
    expect(businessDaysBetween('2026-12-11', '2026-12-14', us)).toBe(1); // Fri → Mon
    expect(businessDaysBetween('2026-12-14', '2026-12-11', us)).toBe(-1);
    expect(businessDaysBetween('2026-12-14', '2026-12-14', us)).toBe(0);
    expect(businessDaysBetween('2026-12-11', '2026-12-13', debtorCalendar('SA'))).toBe(1); // Fri → Sun in Riyadh
  });

  it('closes on the company\'s days everywhere and on public holidays of the debtor\'s country only', () => {
    expect(debtorCalendar('US', CALENDAR).holidays).toEqual(['2026-12-24', '2026-12-25']);
    expect(debtorCalendar('GB', CALENDAR).holidays).toEqual(['2026-12-24']);
  });

  it('refuses a malformed country or a weekend without a business day', () => {
    expectDomainError(() => weekendOf('usa'), 'invalid_input', 'country');
    expectDomainError(() => weekendOf('US', { weekends: { US: [1, 2, 3, 4, 5, 6, 7] } }), 'out_of_range', 'weekends.US');
    expectDomainError(() => debtorCalendar('US', { companyHolidays: ['2026-02-30'] }), 'invalid_date');
  });
});

describe('SLA date', () => {
  it('counts the policy\'s business days on the debtor\'s weekend', () => {
    // Wed 9 + 2: Thu 10, Fri 11 in New York; Thu 10, Sun 13 in Riyadh.
    expect(disputeSlaDueDate('2026-12-09', 'pricing', { policy: TWO_DAYS, country: 'US' })).toBe('2026-12-11');
    expect(disputeSlaDueDate('2026-12-09', 'pricing', { policy: TWO_DAYS, country: 'SA' })).toBe('2026-12-13');
  });

  it('skips company and public holidays (10 business days from Thu 10 Dec lands after Christmas)', () => {
    expect(disputeSlaDueDate('2026-12-10', 'pricing', { policy: DEFAULT_DISPUTE_SLA_POLICY, country: 'US' })).toBe('2026-12-24');
    expect(disputeSlaDueDate('2026-12-10', 'pricing', { policy: DEFAULT_DISPUTE_SLA_POLICY, country: 'US', calendar: CALENDAR })).toBe('2026-12-28');
  });

  it('takes the reason\'s own days from the policy', () => {
    const policy = { ...DEFAULT_DISPUTE_SLA_POLICY, byReason: { duplicate_billing: 2 } };
    expect(disputeSlaDueDate('2026-12-09', 'duplicate_billing', { policy, country: 'US' })).toBe('2026-12-11');
    expect(disputeSlaDueDate('2026-12-09', 'pricing', { policy, country: 'US' })).toBe('2026-12-23');
  });
});

describe('reminder and escalation timing', () => {
  const context = { policy: DEFAULT_DISPUTE_SLA_POLICY, country: 'US', calendar: { publicHolidays: { US: ['2026-12-25'] } } };

  it('schedules the reminder 2 business days before and the escalation on the first business day after', () => {
    const { dueDate, steps } = disputeSlaSchedule(open, context);
    expect(dueDate).toBe('2026-12-24');
    expect(steps.map((s) => [s.step.action, s.date])).toEqual([['remind_owner', '2026-12-22'], ['escalate_owner_manager', '2026-12-28']]);
  });

  it('keeps the SLA date recorded on the dispute', () => {
    expect(disputeSlaSchedule({ ...open, slaDueDate: '2026-12-18' }, context).steps[1]?.date).toBe('2026-12-21');
  });

  it('walks on track → due soon → due today → past (a holiday is not a business day past) → escalated', () => {
    const on = (asOf: string) => disputeSlaStatus(open, { ...context, asOf });
    expect(on('2026-12-21')).toMatchObject({ state: 'on_track', businessDaysLeft: 3, words: '3 business days left', dueSteps: [], escalated: false });
    expect(on('2026-12-22')).toMatchObject({ state: 'due_soon', businessDaysLeft: 2, escalated: false });
    expect(on('2026-12-22').dueSteps.map((s) => s.step.id)).toEqual(['owner-reminder']);
    expect(on('2026-12-24')).toMatchObject({ state: 'due_soon', businessDaysLeft: 0, words: 'Due today' });
    expect(on('2026-12-25')).toMatchObject({ state: 'overdue', businessDaysLeft: 0, words: 'Past the SLA date', escalated: false });
    expect(on('2026-12-28')).toMatchObject({ state: 'overdue', businessDaysLeft: -1, words: '1 business day past the SLA', escalated: true });
    expect(on('2026-12-28').dueSteps.map((s) => s.step.id)).toEqual(['owner-reminder', 'manager-escalation']);
  });

  it('stops the owner\'s clock once answered or closed', () => {
    expect(disputeSlaStatus({ ...open, answered: true }, { ...context, asOf: '2027-01-15' })).toMatchObject({ state: 'answered', escalated: false, dueSteps: [] });
    expect(disputeSlaStatus({ ...open, status: 'resolved_credit' }, { ...context, asOf: '2027-01-15' })).toMatchObject({ state: 'closed', escalated: false });
  });

  it('refuses a policy whose steps are out of order, on the wrong side of the date, or reuse an id', () => {
    const step = (id: string, offsetBusinessDays: number, action: 'remind_owner' | 'escalate_owner_manager') => ({ id, label: id, offsetBusinessDays, action });
    const bad = (steps: unknown[]) => () => disputeSlaDueDate('2026-12-10', 'pricing', { policy: { resolveBusinessDays: 10, steps } as DisputeSlaPolicy, country: 'US' });
    expectDomainError(bad([step('a', 1, 'escalate_owner_manager'), step('b', -1, 'remind_owner')]), 'invalid_input', 'policy.steps.1.offsetBusinessDays');
    expectDomainError(bad([step('a', 1, 'remind_owner')]), 'invalid_input', 'policy.steps.0.offsetBusinessDays');
    expectDomainError(bad([step('a', -1, 'escalate_owner_manager')]), 'invalid_input', 'policy.steps.0.offsetBusinessDays');
    // On the SLA date itself is neither before nor after it.
    expectDomainError(bad([step('a', 0, 'remind_owner')]), 'invalid_input', 'policy.steps.0.offsetBusinessDays');
    expectDomainError(bad([step('a', 0, 'escalate_owner_manager')]), 'invalid_input', 'policy.steps.0.offsetBusinessDays');
    expectDomainError(bad([step('a', -2, 'remind_owner'), step('a', -1, 'remind_owner')]), 'invalid_input', 'policy.steps.1.id');
    expectDomainError(bad([]), 'invalid_input', 'policy.steps');
  });

  it('answers identically whatever the host time zone is', () => {
    const results = underHostTimeZones(STRESS_HOST_ZONES, () => [
      disputeSlaStatus(open, { ...context, asOf: '2026-12-28' }),
      disputeSlaDueDate('2026-12-09', 'pricing', { policy: TWO_DAYS, country: 'SA', calendar: CALENDAR }),
    ]);
    results.forEach((result) => expect(result).toEqual(results[0]));
  });
});
