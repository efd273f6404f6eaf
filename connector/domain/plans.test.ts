import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Payment, PaymentPlan } from './model';
import { money, sum } from './money';
import { buildSchedule, checkPlanPolicy, evaluateInstalments, planStatus } from './plans';
import { errorOf } from './test-support';

const amounts = (list: { amount: { amountMinor: number } }[]) => list.map((i) => i.amount.amountMinor);

describe('buildSchedule', () => {
  it.each([
    ['JPY', 100_000, 3, [33_333, 33_333, 33_334]],
    ['KWD', 1_000_000, 3, [333_333, 333_333, 333_334]],
    ['INR', 10_000_000, 3, [3_333_333, 3_333_333, 3_333_334]],
    ['USD', 10_000, 12, [...Array<number>(11).fill(833), 837]],
  ])('splits %s %i into %i instalments (Convention A, domain-rules (d))', (currency, total, count, expected) => {
    const schedule = buildSchedule({ total: money(total, currency), count, firstDueDate: '2026-01-15', frequency: 'monthly' });
    expect(amounts(schedule)).toEqual(expected);
    expect(schedule.map((i) => i.sequence)).toEqual(expected.map((_, index) => index + 1));
    expect(schedule.every((i) => i.status === 'scheduled' && i.paidAmount.amountMinor === 0)).toBe(true);
  });

  it('puts the down payment at sequence 0 and splits the rest', () => {
    const schedule = buildSchedule({
      total: money(100_000, 'USD'),
      count: 3,
      firstDueDate: '2026-02-01',
      frequency: 'monthly',
      downPayment: money(10_000, 'USD'),
      downPaymentDate: '2026-01-15',
    });
    expect(schedule.map((i) => [i.sequence, i.dueDate, i.amount.amountMinor])).toEqual([
      [0, '2026-01-15', 10_000],
      [1, '2026-02-01', 30_000],
      [2, '2026-03-01', 30_000],
      [3, '2026-04-01', 30_000],
    ]);
  });

  it('clamps monthly dates from the original anchor: 31 Jan → 28 Feb → 31 Mar', () => {
    const schedule = buildSchedule({ total: money(400, 'EUR'), count: 4, firstDueDate: '2026-01-31', frequency: 'monthly' });
    expect(schedule.map((i) => i.dueDate)).toEqual(['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30']);
  });

  it('spaces weekly and biweekly instalments', () => {
    expect(buildSchedule({ total: money(300, 'GBP'), count: 3, firstDueDate: '2026-12-28', frequency: 'weekly' }).map((i) => i.dueDate)).toEqual([
      '2026-12-28', '2027-01-04', '2027-01-11',
    ]);
    expect(buildSchedule({ total: money(300, 'GBP'), count: 2, firstDueDate: '2026-02-20', frequency: 'biweekly' }).map((i) => i.dueDate)).toEqual([
      '2026-02-20', '2026-03-06',
    ]);
  });

  it('validates its input and names the field', () => {
    const base = { total: money(1_000, 'USD'), count: 2, firstDueDate: '2026-01-01', frequency: 'monthly' as const };
    expect(errorOf(() => buildSchedule({ ...base, count: 0 })).field).toBe('count');
    expect(errorOf(() => buildSchedule({ ...base, count: -1 })).field).toBe('count');
    expect(errorOf(() => buildSchedule({ ...base, count: 121 })).field).toBe('count');
    expect(errorOf(() => buildSchedule({ ...base, count: 2.5 })).field).toBe('count');
    expect(errorOf(() => buildSchedule({ ...base, total: money(0, 'USD') })).field).toBe('total.amountMinor');
    expect(errorOf(() => buildSchedule({ ...base, total: { amountMinor: 100, currency: 'ABC' } })).code).toBe('unknown_currency');
    expect(errorOf(() => buildSchedule({ ...base, firstDueDate: '2026-02-30' })).field).toBe('firstDueDate');
    expect(errorOf(() => buildSchedule({ ...base, frequency: 'daily' as never })).field).toBe('frequency');
    const down = errorOf(() => buildSchedule({ ...base, downPayment: money(1_000, 'USD'), downPaymentDate: '2026-01-01' }));
    expect([down.code, down.field]).toEqual(['out_of_range', 'downPayment.amountMinor']);
    expect(errorOf(() => buildSchedule({ ...base, downPayment: money(-1, 'USD'), downPaymentDate: '2026-01-01' })).field).toBe('downPayment.amountMinor');
    expect(errorOf(() => buildSchedule({ ...base, downPayment: money(10, 'EUR'), downPaymentDate: '2026-01-01' })).code).toBe('currency_mismatch');
    expect(errorOf(() => buildSchedule({ ...base, downPayment: money(10, 'USD') })).field).toBe('downPaymentDate');
    expect(errorOf(() => buildSchedule({ ...base, downPayment: money(10, 'USD'), downPaymentDate: '2026-01-02' })).field).toBe('downPaymentDate');
    expect(errorOf(() => buildSchedule({ ...base, total: money(1, 'USD') })).field).toBe('count');
  });

  it('property: instalments sum exactly to the total in every exponent, any count 1..120', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('JPY', 'USD', 'INR', 'KWD', 'CLF'),
        fc.integer({ min: 1, max: 120 }),
        fc.integer({ min: 0, max: 1e13 }),
        fc.integer({ min: 0, max: 99 }),
        fc.constantFrom('weekly', 'biweekly', 'monthly'),
        (currency, count, extra, downPct, frequency) => {
          const totalMinor = count + extra;
          const downMinor = Math.floor((totalMinor * downPct) / 100);
          const usableDown = totalMinor - downMinor >= count ? downMinor : 0;
          const schedule = buildSchedule({
            total: money(totalMinor, currency),
            count,
            firstDueDate: '2026-01-31',
            frequency,
            downPayment: money(usableDown, currency),
            downPaymentDate: '2026-01-15',
          });
          expect(sum(schedule.map((i) => i.amount), currency).amountMinor).toBe(totalMinor);
          expect(schedule.filter((i) => i.sequence > 0)).toHaveLength(count);
          expect(schedule.every((i) => i.amount.amountMinor > 0)).toBe(true);
          const regular = schedule.filter((i) => i.sequence > 0).map((i) => i.amount.amountMinor);
          expect(new Set(regular.slice(0, -1)).size).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});

function plan(overrides: Partial<PaymentPlan> = {}): PaymentPlan {
  return {
    id: 'plan-1',
    status: 'active',
    frequency: 'monthly',
    total: money(90_000, 'USD'),
    downPayment: null,
    instalments: buildSchedule({ total: money(90_000, 'USD'), count: 3, firstDueDate: '2026-01-31', frequency: 'monthly' }),
    invoiceIds: ['inv-1'],
    createdOn: '2026-01-10',
    ...overrides,
  };
}

function payment(id: string, receivedOn: string, amountMinor: number, extra: Partial<Payment> = {}): Payment {
  return { id, receivedOn, amount: money(amountMinor, 'USD'), invoiceId: null, reference: null, ...extra };
}

describe('evaluateInstalments', () => {
  it('applies payments oldest-first and sets statuses after grace', () => {
    const result = evaluateInstalments(plan(), [payment('p2', '2026-02-27', 20_000), payment('p1', '2026-01-30', 30_000)], {
      asOf: '2026-03-10',
      graceDays: 5,
    });
    expect(result.instalments.map((i) => [i.status, i.paidAmount.amountMinor])).toEqual([
      ['paid', 30_000],
      ['partial', 20_000],
      ['scheduled', 0],
    ]);
    expect(result.remaining.amountMinor).toBe(40_000);
    expect(result.overpayment.amountMinor).toBe(0);
  });

  it('marks unpaid instalments missed only after due date + grace', () => {
    const onGraceDay = evaluateInstalments(plan(), [], { asOf: '2026-02-05', graceDays: 5 });
    expect(onGraceDay.instalments[0]?.status).toBe('scheduled');
    const after = evaluateInstalments(plan(), [], { asOf: '2026-02-06', graceDays: 5 });
    expect(after.instalments[0]?.status).toBe('missed');
  });

  it('ignores other currencies, other invoices, future and pre-plan payments; reports overpayment', () => {
    const result = evaluateInstalments(
      plan(),
      [
        payment('a', '2026-01-31', 95_000),
        payment('eur', '2026-01-31', 5_000, { amount: money(5_000, 'EUR') }),
        payment('other', '2026-01-31', 5_000, { invoiceId: 'inv-9' }),
        payment('mine', '2026-01-31', 1_000, { invoiceId: 'inv-1' }),
        payment('early', '2026-01-01', 5_000),
        payment('future', '2026-12-01', 5_000),
      ],
      { asOf: '2026-02-01' },
    );
    expect(result.applied.amountMinor).toBe(90_000);
    expect(result.overpayment.amountMinor).toBe(6_000);
    expect(result.instalments.every((i) => i.status === 'paid')).toBe(true);
  });

  it('validates plan, payments and options', () => {
    expect(errorOf(() => evaluateInstalments(plan(), [], { asOf: '2026-02-30' })).field).toBe('asOf');
    expect(errorOf(() => evaluateInstalments(plan(), [], { asOf: '2026-02-01', graceDays: -1 })).field).toBe('graceDays');
    expect(errorOf(() => evaluateInstalments(plan(), [{ ...payment('x', '2026-01-31', 1), amount: { amountMinor: 1.5, currency: 'USD' } }], { asOf: '2026-02-01' })).field).toMatch(/^payments\[0\]\.amount/);
    const bad = plan({ instalments: [{ ...plan().instalments[0]!, amount: money(5, 'EUR') }] });
    expect(errorOf(() => evaluateInstalments(bad, [], { asOf: '2026-02-01' })).code).toBe('currency_mismatch');
  });
});

describe('planStatus', () => {
  const payments = [payment('p1', '2026-01-31', 30_000)];

  it('is active with one miss when k = 2 and broken at k = 1', () => {
    const options = { asOf: '2026-03-10', graceDays: 5 };
    expect(planStatus(plan(), payments, { ...options, breakAfterMisses: 2 }).status).toBe('active');
    const broken = planStatus(plan(), payments, { ...options, breakAfterMisses: 1 });
    expect(broken.status).toBe('broken');
    expect(broken.missedCount).toBe(1);
    expect(broken.shortfall.amountMinor).toBe(30_000);
  });

  it('counts consecutive misses when asked', () => {
    // The waterfall pays instalment 1; instalments 2 and 3 are missed back to back.
    const result = planStatus(plan(), payments, { asOf: '2026-04-30', breakAfterMisses: 2, consecutive: true });
    expect(result.maxConsecutiveMisses).toBe(2);
    expect(result.status).toBe('broken');
  });

  it('treats a partial past grace as a miss and can break on cumulative shortfall', () => {
    const partial = [payment('p1', '2026-01-31', 29_000)];
    const result = planStatus(plan(), partial, { asOf: '2026-02-02', breakAfterMisses: 3, shortfallToleranceMinor: 500 });
    expect(result.missedCount).toBe(1);
    expect(result.status).toBe('broken');
    expect(result.reason).toMatch(/shortfall/);
  });

  it('completes, and leaves cancelled/proposed plans alone', () => {
    const all = [payment('p1', '2026-01-31', 90_000)];
    expect(planStatus(plan(), all, { asOf: '2026-06-01', breakAfterMisses: 1 }).status).toBe('completed');
    expect(planStatus(plan({ status: 'cancelled' }), [], { asOf: '2026-06-01', breakAfterMisses: 1 }).status).toBe('cancelled');
    expect(planStatus(plan({ status: 'proposed' }), [], { asOf: '2026-06-01', breakAfterMisses: 1 }).status).toBe('proposed');
  });

  it('rejects a bad break policy', () => {
    expect(errorOf(() => planStatus(plan(), [], { asOf: '2026-06-01', breakAfterMisses: 0 })).field).toBe('breakAfterMisses');
  });
});

describe('checkPlanPolicy', () => {
  const draft = { total: money(120_000, 'USD'), count: 12, firstDueDate: '2026-02-01', frequency: 'monthly' as const, agreedOn: '2026-01-15' };

  it('accepts a compliant plan', () => {
    expect(checkPlanPolicy(draft, { maxTermMonths: 12, minDownPaymentPct: 0 })).toEqual([]);
  });

  it('reports term, down payment and count violations with reasons', () => {
    const violations = checkPlanPolicy({ ...draft, count: 14 }, { maxTermMonths: 12, minDownPaymentPct: '12.5', maxCount: 13 });
    expect(violations.map((v) => v.code).sort()).toEqual(['down_payment_too_small', 'term_too_long', 'too_many_instalments']);
    const down = violations.find((v) => v.code === 'down_payment_too_small');
    expect(down?.required).toEqual(money(15_000, 'USD'));
    // Words for people: what is wrong, the limit, what to do; never minor units.
    expect(down?.message).toBe("The down payment is below the policy's minimum of 12.5% of the total: raise it to at least that.");
  });

  it('accepts a down payment exactly at the minimum', () => {
    const withDown = { ...draft, downPayment: money(15_000, 'USD'), downPaymentDate: '2026-01-20' };
    expect(checkPlanPolicy(withDown, { maxTermMonths: 12, minDownPaymentPct: 12.5 })).toEqual([]);
    expect(checkPlanPolicy({ ...withDown, downPayment: money(14_999, 'USD') }, { maxTermMonths: 12, minDownPaymentPct: 12.5 })).toHaveLength(1);
  });

  it('rejects a malformed policy', () => {
    expect(errorOf(() => checkPlanPolicy(draft, { maxTermMonths: 0, minDownPaymentPct: 0 })).field).toBe('policy.maxTermMonths');
    expect(errorOf(() => checkPlanPolicy(draft, { maxTermMonths: 6, minDownPaymentPct: 101 })).field).toBe('policy.minDownPaymentPct');
  });
});
