import { describe, expect, it } from 'vitest';
import type { Dispute, Invoice, PaymentPlan, PromiseToPay } from './model';
import { customerLocale, reminderAmounts } from './reminders';
import { expectDomainError } from './test-support';

const inr = (amountMinor: number) => ({ amountMinor, currency: 'INR' });
const invoice = (id: string, number: string, dueDate: string, balance: number, total = balance): Invoice => ({
  id, number, issueDate: '2026-06-01', dueDate, total: inr(total), balance: inr(balance), status: balance < total ? 'partially_paid' : 'open',
});
// The demo account's book (sandbox/README.md "Demo account figures", R = 2026-11-20).
const invoices = [
  invoice('i1001', 'INV-JT-1001', '2026-08-12', 2_50_000_00),
  invoice('i1002', 'INV-JT-1002', '2026-09-16', 80_000_00, 1_80_000_00),
  invoice('i1003', 'INV-JT-1003', '2026-10-11', 1_20_000_00),
  invoice('i1004', 'INV-JT-1004', '2026-11-05', 95_000_50),
];
const dispute: Dispute = {
  id: 'c1', reference: '00001001', reason: 'pricing', status: 'in_review', lines: [{ invoiceId: 'i1003', amount: inr(30_000_00) }],
  owner: { id: '005000000000001AAA', name: 'Rohan Mehta' }, openedOn: '2026-11-01', slaDueDate: '2026-11-27',
};
const promise: PromiseToPay = { id: 'p1', takenOn: '2026-11-17', dueDate: '2026-11-25', amount: inr(95_000_50), invoiceIds: ['i1004'], status: 'pending' };
const plan = (instalmentDue: string, paid = 0): PaymentPlan => ({
  id: 'pl1', status: 'active', frequency: 'monthly', total: inr(2_50_000_00), downPayment: null, invoiceIds: ['i1001'], createdOn: '2026-10-01',
  instalments: [
    { id: 'in1', sequence: 1, dueDate: instalmentDue, amount: inr(50_000_00), paidAmount: inr(paid), status: 'scheduled' },
    { id: 'in2', sequence: 2, dueDate: '2027-01-10', amount: inr(2_00_000_00), paidAmount: inr(0), status: 'scheduled' },
  ],
});

describe('reminderAmounts', () => {
  it('asks only for what is due: plan, promise in force and disputed amounts stated apart', () => {
    const result = reminderAmounts({ invoices, disputes: [dispute], promises: [promise], plans: [plan('2026-12-10')], asOf: '2026-11-20' });
    expect(result.lines.map((l) => [l.number, l.requested.amountMinor])).toEqual([['INV-JT-1002', 80_000_00], ['INV-JT-1003', 90_000_00]]);
    expect(result.instalmentsDue).toEqual([]);
    expect(result.total).toEqual([inr(1_70_000_00)]);
    expect(result.setAside).toEqual([
      { reason: 'on_plan', amount: inr(2_50_000_00), invoiceNumbers: ['INV-JT-1001'], until: null },
      { reason: 'disputed', amount: inr(30_000_00), invoiceNumbers: ['INV-JT-1003'], until: null },
      { reason: 'promised', amount: inr(95_000_50), invoiceNumbers: ['INV-JT-1004'], until: '2026-11-25' },
    ]);
    expect(result.nothingDue).toBe(false);
  });

  it('asks for plan instalments already due and unpaid, and for a promise once it is no longer in force', () => {
    const result = reminderAmounts({ invoices, promises: [promise], plans: [plan('2026-11-10', 20_000_00)], asOf: '2026-11-27', promiseGraceDays: 1 });
    expect(result.instalmentsDue).toEqual([{ planId: 'pl1', dueDate: '2026-11-10', amount: inr(30_000_00) }]);
    // The promise (due 25 Nov + 1 day grace) has lapsed: INV-JT-1004 is asked for again.
    expect(result.lines.map((l) => l.number)).toEqual(['INV-JT-1002', 'INV-JT-1003', 'INV-JT-1004']);
    expect(result.total).toEqual([inr(80_000_00 + 1_20_000_00 + 95_000_50 + 30_000_00)]);
  });

  it('says when nothing can be asked for', () => {
    const fullyDisputed: Dispute = { ...dispute, lines: [{ invoiceId: 'i1003', amount: inr(1_20_000_00) }] };
    const result = reminderAmounts({ invoices: [invoices[2] as Invoice, invoices[3] as Invoice], disputes: [fullyDisputed], promises: [promise], asOf: '2026-11-20' });
    expect(result.lines).toEqual([]);
    expect(result.nothingDue).toBe(true);
    expect(reminderAmounts({ invoices: [], asOf: '2026-11-20' }).nothingDue).toBe(true);
  });

  it('validates its input, naming the field', () => {
    expectDomainError(() => reminderAmounts({ invoices, asOf: '2026-02-30' }), 'invalid_date', 'asOf');
    expectDomainError(() => reminderAmounts({ invoices: [{ ...invoices[0], dueDate: 'soon' } as Invoice], asOf: '2026-11-20' }), 'invalid_date', 'invoices[0].dueDate');
  });
});

describe('customerLocale', () => {
  it("writes in English with the customer's country conventions, else the collector's locale", () => {
    expect(customerLocale({ country: 'US' }, 'en-IN')).toBe('en-US');
    expect(customerLocale({ country: 'in' }, 'en-US')).toBe('en-IN');
    expect(customerLocale({ country: 'JP' }, 'en-IN')).toBe('en-JP');
    expect(customerLocale({ country: null }, 'en-GB')).toBe('en-GB');
    expect(customerLocale({ country: 'Germany' }, 'en-GB')).toBe('en-GB');
    const us = new Intl.NumberFormat(customerLocale({ country: 'US' }, 'en-IN'), { style: 'currency', currency: 'USD' }).format(196_353.58);
    expect(us).toBe('$196,353.58');
  });
});
