import { describe, expect, it } from 'vitest';
import type { Payment, PromiseToPay } from './model';
import { money } from './money';
import { brokenPromiseCount, brokenPromiseCountEvaluated, evaluatePromise, keptRate, promiseDueSoon, promiseInForce } from './promises';
import { errorOf } from './test-support';

function promise(id: string, dueDate: string, amountMinor: number, extra: Partial<PromiseToPay> = {}): PromiseToPay {
  return { id, takenOn: '2026-03-01', dueDate, amount: money(amountMinor, 'INR'), invoiceIds: ['inv-1'], status: 'pending', contactId: 'c1', note: null, ...extra };
}

function payment(id: string, receivedOn: string, amountMinor: number, extra: Partial<Payment> = {}): Payment {
  return { id, receivedOn, amount: money(amountMinor, 'INR'), invoiceId: null, reference: null, ...extra };
}

describe('evaluatePromise', () => {
  const ptp = promise('p', '2026-03-10', 5_000_000);

  it('is pending before the deadline and kept once paid in full', () => {
    expect(evaluatePromise(ptp, [], { asOf: '2026-03-10' }).status).toBe('pending');
    const kept = evaluatePromise(ptp, [payment('a', '2026-03-05', 5_000_000)], { asOf: '2026-03-06' });
    expect(kept.status).toBe('kept');
    expect(kept.shortfall.amountMinor).toBe(0);
  });

  it('uses grace days before deciding', () => {
    const late = [payment('a', '2026-03-12', 5_000_000)];
    expect(evaluatePromise(ptp, late, { asOf: '2026-03-12', graceDays: 2 }).status).toBe('kept');
    expect(evaluatePromise(ptp, [], { asOf: '2026-03-12', graceDays: 2 }).status).toBe('pending');
    expect(evaluatePromise(ptp, [], { asOf: '2026-03-13', graceDays: 2 }).status).toBe('broken');
    // Paid after the deadline: too late for this promise.
    expect(evaluatePromise(ptp, late, { asOf: '2026-03-20', graceDays: 1 }).status).toBe('broken');
  });

  it('applies percentage or absolute tolerance (the more lenient wins)', () => {
    const short = [payment('a', '2026-03-10', 4_800_000)];
    expect(evaluatePromise(ptp, short, { asOf: '2026-03-11' }).status).toBe('partially_kept');
    expect(evaluatePromise(ptp, short, { asOf: '2026-03-11', tolerancePct: 4 }).status).toBe('kept');
    expect(evaluatePromise(ptp, short, { asOf: '2026-03-11', tolerancePct: '3.99' }).status).toBe('partially_kept');
    expect(evaluatePromise(ptp, short, { asOf: '2026-03-11', tolerancePct: 1, toleranceMinor: 200_000 }).status).toBe('kept');
    const result = evaluatePromise(ptp, short, { asOf: '2026-03-11', tolerancePct: 4 });
    expect(result.required.amountMinor).toBe(4_800_000);
    expect(result.shortfall.amountMinor).toBe(200_000);
  });

  it('counts only relevant payments', () => {
    const payments = [
      payment('before', '2026-02-28', 1_000_000),
      payment('other-invoice', '2026-03-05', 1_000_000, { invoiceId: 'inv-9' }),
      payment('usd', '2026-03-05', 1_000_000, { amount: money(1_000_000, 'USD') }),
      payment('this-invoice', '2026-03-05', 1_000_000, { invoiceId: 'inv-1' }),
      payment('unallocated', '2026-03-06', 500_000),
    ];
    const result = evaluatePromise(ptp, payments, { asOf: '2026-03-11' });
    expect(result.paid.amountMinor).toBe(1_500_000);
    expect(result.status).toBe('partially_kept');
  });

  it('keeps cancelled promises cancelled', () => {
    expect(evaluatePromise({ ...ptp, status: 'cancelled' }, [], { asOf: '2026-04-01' }).status).toBe('cancelled');
  });

  it('validates inputs', () => {
    expect(errorOf(() => evaluatePromise(ptp, [], { asOf: '2026-02-30' })).field).toBe('asOf');
    expect(errorOf(() => evaluatePromise(ptp, [], { asOf: '2026-03-01', graceDays: -2 })).field).toBe('graceDays');
    expect(errorOf(() => evaluatePromise(ptp, [], { asOf: '2026-03-01', tolerancePct: 150 })).field).toBe('tolerancePct');
    expect(errorOf(() => evaluatePromise(ptp, [], { asOf: '2026-03-01', tolerancePct: 'lots' })).field).toBe('tolerancePct');
    expect(errorOf(() => evaluatePromise({ ...ptp, amount: money(0, 'INR') }, [], { asOf: '2026-03-01' })).field).toBe('promise.amount.amountMinor');
    expect(errorOf(() => evaluatePromise({ ...ptp, amount: { amountMinor: 1, currency: 'QQQ' } }, [], { asOf: '2026-03-01' })).code).toBe('unknown_currency');
    expect(errorOf(() => evaluatePromise(ptp, 'none' as never, { asOf: '2026-03-01' })).field).toBe('payments');
  });
});

describe('keptRate and broken counts', () => {
  const promises = [
    promise('kept', '2026-03-05', 100_000),
    promise('partial', '2026-03-10', 100_000),
    promise('broken', '2026-03-15', 200_000),
    promise('pending', '2026-03-31', 100_000),
    promise('cancelled', '2026-03-20', 100_000, { status: 'cancelled' }),
    promise('outside', '2026-04-15', 100_000),
  ];
  const payments = [payment('a', '2026-03-05', 150_000), payment('b', '2026-03-09', 40_000)];

  it('rates by count and by amount over promises that fell due', () => {
    // 'kept' takes 100k of payment a; the 50k left of a plus b (40k) go to 'partial' (90k of 100k);
    // 'broken' gets nothing; 'pending' is still inside its window.
    const result = keptRate(promises, payments, { from: '2026-03-01', to: '2026-03-31', asOf: '2026-03-30' });
    expect([result.kept, result.partiallyKept, result.broken, result.pending, result.due]).toEqual([1, 1, 1, 1, 3]);
    expect(result.byCountPct).toBe(33.33);
    // received 100k (capped) + 40k of promised 400k
    expect(result.byAmount).toEqual([{ currency: 'INR', promised: money(400_000, 'INR'), received: money(190_000, 'INR'), ratePct: 47.5 }]);
  });

  it('returns null rates when nothing fell due', () => {
    const result = keptRate(promises, payments, { from: '2025-01-01', to: '2025-01-31', asOf: '2026-03-31' });
    expect(result.byCountPct).toBeNull();
    expect(result.byAmount).toEqual([]);
    expect(errorOf(() => keptRate(promises, payments, { from: '2026-03-31', to: '2026-03-01', asOf: '2026-03-31' })).field).toBe('to');
  });

  it('counts broken promises from stored status or by re-evaluation', () => {
    const stored = [promise('x', '2026-03-05', 1, { status: 'broken' }), promise('y', '2026-03-06', 1, { status: 'partially_kept' })];
    expect(brokenPromiseCount(stored, { from: '2026-03-01', to: '2026-03-31' })).toBe(1);
    expect(brokenPromiseCount(stored, { from: '2026-03-01', to: '2026-03-31', includePartial: true })).toBe(2);
    expect(brokenPromiseCountEvaluated(promises, { from: '2026-03-01', to: '2026-03-31', evaluate: { asOf: '2026-03-31', payments: [] } })).toBe(3);
  });
});

describe('reminders and suppression', () => {
  it('flags pending promises due today or tomorrow', () => {
    const ptp = promise('p', '2026-03-10', 100);
    expect(promiseDueSoon(ptp, '2026-03-10')).toBe('today');
    expect(promiseDueSoon(ptp, '2026-03-09')).toBe('tomorrow');
    expect(promiseDueSoon(ptp, '2026-03-08')).toBeNull();
    expect(promiseDueSoon({ ...ptp, status: 'kept' }, '2026-03-10')).toBeNull();
  });

  it('is in force until the promise date + grace', () => {
    const ptp = promise('p', '2026-03-10', 100);
    expect(promiseInForce(ptp, '2026-03-10')).toBe(true);
    expect(promiseInForce(ptp, '2026-03-11')).toBe(false);
    expect(promiseInForce(ptp, '2026-03-11', 1)).toBe(true);
  });
});
