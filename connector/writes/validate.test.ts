import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../errors';
import type { Invoice } from '../domain/model';
import type { PortWriteInputs } from './plan';
import { checkDisputeAgainstInvoices, checkPlanAgainstAccountInvoices, checkWriteRules } from './validate';

const CONTEXT = { today: '2026-11-20', now: new Date('2026-11-20T10:00:00Z') };
const base = { idempotencyKey: 'key-00000001', accountId: '001000000000001AAA' };
const inr = (amountMinor: number) => ({ amountMinor, currency: 'INR' });

function refused(run: () => void): ConnectorError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).kind).toBe('invalid_input');
    return error as ConnectorError;
  }
  throw new Error('expected invalid_input');
}

const promise = (over: Partial<PortWriteInputs['recordPromise']> = {}): PortWriteInputs['recordPromise'] => ({ ...base, contactId: null, amount: inr(100), dueDate: '2026-11-28', invoiceIds: [], note: null, ...over });
const settlement = (over: Partial<PortWriteInputs['recordSettlementOffer']> = {}): PortWriteInputs['recordSettlementOffer'] => ({
  ...base, balance: inr(1_000), offerAmount: inr(800), expiresOn: '2026-12-10', invoiceIds: [], remainderTreatment: 'extinguished', status: 'offered', note: null, ...over,
});

describe('checkWriteRules', () => {
  it('accepts sensible writes', () => {
    checkWriteRules('recordPromise', promise(), CONTEXT);
    checkWriteRules('recordPromise', promise({ dueDate: '2026-11-19' }), CONTEXT); // yesterday: a zone behind the clock
    checkWriteRules('recordSettlementOffer', settlement({ offerAmount: inr(1_000) }), CONTEXT);
  });

  it('refuses zero and negative promises, naming the field in words', () => {
    const error = refused(() => checkWriteRules('recordPromise', promise({ amount: inr(0) }), CONTEXT));
    expect(error.fields).toEqual(['amount.amountMinor']);
    expect(error.userMessage).toBe('The promised amount is zero or less: enter an amount above zero.');
    refused(() => checkWriteRules('recordPromise', promise({ amount: inr(-1) }), CONTEXT));
  });

  it('refuses dates out of sane bounds', () => {
    expect(refused(() => checkWriteRules('recordPromise', promise({ dueDate: '2026-11-18' }), CONTEXT)).fields).toEqual(['dueDate']);
    // Observed in issue 17: a promise dated 2100 and a settlement valid until 2030 were accepted.
    expect(refused(() => checkWriteRules('recordPromise', promise({ dueDate: '2100-01-01' }), CONTEXT)).userMessage).toBe('The promised date is more than 90 days away: choose a date within 90 days of today.');
    expect(refused(() => checkWriteRules('recordSettlementOffer', settlement({ expiresOn: '2030-01-01' }), CONTEXT)).fields).toEqual(['expiresOn']);
    checkWriteRules('recordPromise', promise({ dueDate: '2027-02-19' }), CONTEXT); // day 91: a day of slack for zones
    const call: PortWriteInputs['logCall'] = {
      ...base, contactId: null, direction: 'outbound', disposition: 'reached', conversation: true, durationSeconds: 60,
      occurredAt: '2024-11-20T10:00:00Z', notes: '', followUpDate: null, invoiceIds: [], complianceOverride: null,
    };
    expect(refused(() => checkWriteRules('logCall', call, CONTEXT)).fields).toEqual(['occurredAt']);
    expect(refused(() => checkWriteRules('logCall', { ...call, occurredAt: '2026-11-22T10:00:00Z' }, CONTEXT)).fields).toEqual(['occurredAt']);
    checkWriteRules('logCall', { ...call, occurredAt: '2026-11-20T09:00:00Z', followUpDate: '2026-11-27' }, CONTEXT);
  });

  it('refuses a settlement above the balance, in another currency, or for nothing', () => {
    expect(refused(() => checkWriteRules('recordSettlementOffer', settlement({ offerAmount: inr(1_001) }), CONTEXT)).fields).toEqual(['offerAmount.amountMinor']);
    expect(refused(() => checkWriteRules('recordSettlementOffer', settlement({ offerAmount: { amountMinor: 5, currency: 'USD' } }), CONTEXT)).fields).toEqual(['offerAmount.currency']);
    expect(refused(() => checkWriteRules('recordSettlementOffer', settlement({ offerAmount: inr(0) }), CONTEXT)).fields).toEqual(['offerAmount.amountMinor']);
  });

  it('refuses negative dispute lines and plan instalments', () => {
    const dispute: PortWriteInputs['raiseDispute'] = { ...base, contactId: null, reason: 'pricing', lines: [{ invoiceId: 'a', amount: inr(-5) }], evidence: '', slaDueDate: '2026-12-01' };
    expect(refused(() => checkWriteRules('raiseDispute', dispute, CONTEXT)).fields).toEqual(['lines.0.amount.amountMinor']);
    const plan: PortWriteInputs['savePaymentPlan'] = {
      ...base, planId: null, status: 'proposed', frequency: 'monthly', total: inr(0), downPayment: null, invoiceIds: [],
      instalments: [{ sequence: 1, dueDate: '2026-12-01', amount: inr(0), paidAmount: inr(0), status: 'scheduled' }],
    };
    expect(refused(() => checkWriteRules('savePaymentPlan', plan, CONTEXT)).fields).toEqual(['total.amountMinor', 'instalments.0.amount.amountMinor']);
    // A status change of an existing plan carries no schedule to check.
    checkWriteRules('savePaymentPlan', { ...plan, planId: 'a02000000000001AAA' }, CONTEXT);
  });
});

describe('checkDisputeAgainstInvoices', () => {
  const invoice: Invoice = { id: 'inv1', number: 'INV-1', issueDate: '2026-10-01', dueDate: '2026-10-31', total: inr(10_000), balance: inr(4_000), status: 'partially_paid' };
  const dispute = (amount: { amountMinor: number; currency: string }, invoiceId = 'inv1'): PortWriteInputs['raiseDispute'] => ({ ...base, contactId: null, reason: 'pricing', lines: [{ invoiceId, amount }], evidence: '', slaDueDate: '2026-12-01' });

  it('accepts a line up to the balance in the invoice currency', () => {
    checkDisputeAgainstInvoices(dispute(inr(4_000)), [invoice]);
  });

  it('refuses a line above the balance, in another currency, or on an unknown invoice', () => {
    expect(refused(() => checkDisputeAgainstInvoices(dispute(inr(4_001)), [invoice])).fields).toEqual(['lines.0.amount.amountMinor']);
    expect(refused(() => checkDisputeAgainstInvoices(dispute({ amountMinor: 100, currency: 'USD' }), [invoice])).fields).toEqual(['lines.0.amount.currency']);
    expect(refused(() => checkDisputeAgainstInvoices(dispute(inr(100), 'other'), [invoice])).fields).toEqual(['lines.0.invoiceId']);
  });
});

describe('plans against the money and the calendar', () => {
  const invoices: Invoice[] = [{ id: 'i1', number: 'INV-1', issueDate: '2026-06-01', dueDate: '2026-09-01', total: inr(26_49_763_20), balance: inr(26_49_763_20), status: 'open' }];
  const plan = (total: number, firstDue: string): PortWriteInputs['savePaymentPlan'] => ({
    ...base, planId: null, status: 'proposed', frequency: 'monthly', total: inr(total), downPayment: null, invoiceIds: ['i1'],
    instalments: [{ sequence: 1, dueDate: firstDue, amount: inr(total), paidAmount: inr(0), status: 'scheduled' }],
  });

  it('refuses a plan larger than its invoices (observed: ₹50,00,000 against ₹26,49,763.20) and one starting in the past', () => {
    const tooMuch = refused(() => checkPlanAgainstAccountInvoices(plan(50_00_000_00, '2026-12-01'), invoices));
    expect(tooMuch.fields).toEqual(['total.amountMinor']);
    expect(tooMuch.userMessage).toMatch(/more than its invoices’ collectable balance/);
    checkPlanAgainstAccountInvoices(plan(26_49_763_20, '2026-12-01'), invoices);
    expect(refused(() => checkWriteRules('savePaymentPlan', plan(100, '2026-10-01'), CONTEXT)).fields).toEqual(['instalments.0.dueDate']);
  });
});
