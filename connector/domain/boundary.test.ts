/**
 * Boundary validation through the public barrel: bad input is a typed DomainValidationError that
 * names the offending field, never a TypeError, NaN or a silently wrong answer.
 */
import { describe, expect, it } from 'vitest';
import {
  addDays,
  ageInvoices,
  buildSchedule,
  checkContact,
  dsoSimple,
  instalmentDueDate,
  isDisputeActive,
  money,
  toInstant,
  zonedParts,
} from './index';
import type { ScheduleRequest } from './index';
import { debtorAccount, debtorContact } from './compliance/fixtures';
// errorOf asserts `instanceof DomainValidationError` (the same class index.ts exports).
import { errorOf } from './test-support';

const plan: ScheduleRequest = {
  total: money(120_000, 'USD'),
  count: 6,
  firstDueDate: '2026-12-01',
  frequency: 'monthly',
};

describe('public functions validate at the boundary (through index.ts)', () => {
  it('negative instalment count → out_of_range naming count', () => {
    const error = errorOf(() => buildSchedule({ ...plan, count: -3 }));
    expect([error.code, error.field]).toEqual(['out_of_range', 'count']);
  });

  it('unknown currency → unknown_currency naming the currency field', () => {
    const error = errorOf(() => money(1_000, 'XYZ'));
    expect([error.code, error.field]).toEqual(['unknown_currency', 'money.currency']);
    // …also when it arrives nested inside a larger input.
    const nested = errorOf(() => buildSchedule({ ...plan, total: { amountMinor: 120_000, currency: 'ABC' } }));
    expect(nested.code).toBe('unknown_currency');
    expect(nested.field).toBe('total.currency');
  });

  it('impossible calendar date → invalid_date naming the field', () => {
    const error = errorOf(() => addDays('2026-02-30', 1));
    expect([error.code, error.field]).toEqual(['invalid_date', 'date']);
    const inAging = errorOf(() => ageInvoices({ asOf: '2026-13-01', invoices: [], credits: [], disputes: [] } as never));
    expect([inAging.code, inAging.field]).toEqual(['invalid_date', 'asOf']);
  });

  it('unknown IANA zone → invalid_time_zone naming the field', () => {
    const error = errorOf(() => zonedParts('2026-11-22T13:30:00Z', 'Mars/Olympus_Mons'));
    expect([error.code, error.field]).toEqual(['invalid_time_zone', 'zone']);
    const inEngine = errorOf(() =>
      checkContact({
        profile: 'us-fdcpa',
        channel: 'call',
        at: '2026-11-23T15:00:00Z',
        contact: debtorContact({ timeZone: 'America/Nowhere' }),
        account: debtorAccount(),
        history: [],
      }),
    );
    expect([inEngine.code, inEngine.field]).toEqual(['invalid_time_zone', 'contact.timeZone']);
  });

  it('down payment greater than the plan total → out_of_range naming downPayment.amountMinor', () => {
    const error = errorOf(() => buildSchedule({ ...plan, downPayment: money(150_000, 'USD'), downPaymentDate: '2026-11-25' }));
    expect([error.code, error.field]).toEqual(['out_of_range', 'downPayment.amountMinor']);
  });

  it('missing arguments are typed errors, not TypeErrors', () => {
    expect(errorOf(() => dsoSimple(undefined as never)).field).toBe('input');
    expect(errorOf(() => isDisputeActive(null as never)).field).toBe('dispute');
    expect(errorOf(() => isDisputeActive({ status: 'won' } as never)).field).toBe('dispute.status');
    expect(errorOf(() => instalmentDueDate('2026-01-31', 'fortnightly' as never, 2)).field).toBe('frequency');
    expect(errorOf(() => instalmentDueDate('2026-01-31', 'monthly', 0)).field).toBe('k');
    expect(errorOf(() => toInstant(Number.NaN)).field).toBe('epochMs');
  });
});
