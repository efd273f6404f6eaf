import { describe, expect, it } from 'vitest';
import type { Dispute, Invoice, PaymentPlan } from './model';
import { checkPlanAgainstInvoices, checkPlanTerms, checkPromiseTerms, checkSettlementTerms, collectableBalance, invoiceSelectionWarnings, negotiationLimits } from './negotiation-checks';

const TODAY = '2026-11-20';
const inr = (amountMinor: number) => ({ amountMinor, currency: 'INR' });
const invoice = (id: string, dueDate: string, balance: number): Invoice => ({ id, number: `INV-${id}`, issueDate: '2026-06-01', dueDate, total: inr(balance), balance: inr(balance), status: 'open' });
// The observed case: a ₹50,00,000 plan against ₹26,49,763.20 of invoices.
const invoices = [invoice('i1', '2026-08-12', 20_00_000_00), invoice('i2', '2026-10-11', 6_49_763_20), invoice('i3', '2026-12-15', 1_00_000_00)];
const dispute: Dispute = { id: 'c1', reference: '0001', reason: 'pricing', status: 'in_review', lines: [{ invoiceId: 'i2', amount: inr(30_000_00) }], owner: { id: '005000000000001AAA', name: 'Rohan Mehta' }, openedOn: '2026-11-01', slaDueDate: '2026-11-27' };

describe('negotiation dates', () => {
  it('accepts today to the bound, refuses the past and beyond, saying the limit and what to do', () => {
    expect(checkPromiseTerms({ dueDate: TODAY }, TODAY)).toEqual([]);
    expect(checkPromiseTerms({ dueDate: '2027-02-18' }, TODAY)).toEqual([]); // day 90
    expect(checkPromiseTerms({ dueDate: '2027-02-19' }, TODAY)).toEqual([{ field: 'dueDate', message: 'The promised date is more than 90 days away: choose a date within 90 days of today.' }]);
    expect(checkPromiseTerms({ dueDate: '2100-01-01' }, TODAY)).toHaveLength(1);
    expect(checkPromiseTerms({ dueDate: '2026-11-19' }, TODAY)[0]?.message).toBe('The promised date is in the past: choose today or a later date.');
    expect(checkSettlementTerms({ expiresOn: '2030-01-01' }, TODAY)[0]?.message).toMatch(/more than 30 days away/);
    expect(checkSettlementTerms({ expiresOn: '2026-12-20' }, TODAY)).toEqual([]);
  });

  it('a policy tightens the bounds but never widens them past the ceilings', () => {
    expect(negotiationLimits({ promiseMaxDays: 30, planMaxTermMonths: 600 })).toMatchObject({ promiseMaxDays: 30, planMaxTermMonths: 60 });
    expect(checkPromiseTerms({ dueDate: '2027-01-01' }, TODAY, negotiationLimits({ promiseMaxDays: 30 }))).toHaveLength(1);
  });

  it('a plan starts today or later, its first payment within 90 days and its last within the term', () => {
    expect(checkPlanTerms({ instalments: [{ dueDate: '2026-12-20' }, { dueDate: '2027-01-20' }] }, TODAY)).toEqual([]);
    expect(checkPlanTerms({ instalments: [{ dueDate: '2026-11-01' }, { dueDate: '2026-12-01' }] }, TODAY)).toEqual([{ field: 'instalments.0.dueDate', message: 'A payment of the plan falls in the past: start the plan today or later.' }]);
    expect(checkPlanTerms({ instalments: [{ dueDate: '2027-03-01' }] }, TODAY)[0]?.message).toMatch(/first payment is more than 90 days away/);
    expect(checkPlanTerms({ instalments: [{ dueDate: '2026-12-01' }, { dueDate: '2027-12-01' }] }, TODAY)[0]?.message).toMatch(/runs longer than 12 months/);
  });
});

describe('checkPlanAgainstInvoices', () => {
  it('refuses a plan larger than the collectable balance (open, less active disputes) of its invoices', () => {
    expect(collectableBalance(invoices.slice(0, 2), [dispute])).toEqual([inr(26_19_763_20)]);
    const tooMuch = checkPlanAgainstInvoices({ total: inr(50_00_000_00), invoiceIds: ['i1', 'i2'] }, invoices, [dispute]);
    expect(tooMuch).toMatchObject({ field: 'total.amountMinor', limit: inr(26_19_763_20) });
    expect(tooMuch?.message).toMatch(/lower the total/);
    expect(checkPlanAgainstInvoices({ total: inr(26_19_763_20), invoiceIds: ['i1', 'i2'] }, invoices, [dispute])).toBeNull();
    expect(checkPlanAgainstInvoices({ total: inr(26_19_763_21), invoiceIds: ['i1', 'i2'] }, invoices, [dispute])).not.toBeNull();
    expect(checkPlanAgainstInvoices({ total: inr(100), invoiceIds: ['gone'] }, invoices)?.message).toMatch(/nothing left to collect/);
  });
});

describe('invoiceSelectionWarnings', () => {
  it('warns about invoices already in a plan, disputed or not yet due', () => {
    const plan = { id: 'p', status: 'active', invoiceIds: ['i1'] } as PaymentPlan;
    expect(invoiceSelectionWarnings(['i1', 'i2', 'i3'], { invoices, plans: [plan], disputes: [dispute], asOf: TODAY }).map((w) => w.reason)).toEqual(['in_plan', 'disputed', 'not_due']);
    expect(invoiceSelectionWarnings(['i1'], { invoices, plans: [{ ...plan, status: 'cancelled' }], asOf: TODAY })).toEqual([]);
  });
});
