import { describe, expect, it } from 'vitest';
import type { Account, Activity, Dispute, Invoice, PaymentPlan, PromiseToPay } from '../model';
import { ladderFactsFromRecords } from './ladder-facts';
import type { LadderRecords } from './ladder-facts';
import { nextAction } from './next-action';

const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });
const account: Account = {
  id: 'A1', name: 'Harbor', owner: { id: 'U1', name: 'Sam' }, segment: 'b2b', country: 'us', timeZone: 'America/Los_Angeles',
  currency: 'USD', riskRating: 'low', keyAccount: false, flags: [],
};
const invoice = (id: string, dueDate: string, balance: number, status: Invoice['status'] = 'open'): Invoice => ({
  id, number: id, issueDate: '2026-01-01', dueDate, total: usd(balance), balance: usd(balance), status,
});
const dispute = (invoiceId: string, amount: number, status: Dispute['status'] = 'open'): Dispute => ({
  id: `D-${invoiceId}`, reason: 'pricing', status, lines: [{ invoiceId, amount: usd(amount) }], owner: { id: 'U2', name: 'Dee' }, openedOn: '2026-02-01', slaDueDate: '2026-02-15',
});
const activity = (id: string, occurredAt: string, overrides: Partial<Activity> = {}): Activity => ({ id, kind: 'call', direction: 'outbound', occurredAt, conversation: false, ...overrides });

function records(overrides: Partial<LadderRecords> = {}): LadderRecords {
  return {
    account, contacts: [], invoices: [], disputes: [], promises: [], plans: [], payments: [], activities: [], collectable: usd(100_000), ...overrides,
  };
}
const at = '2026-04-01T19:00:00Z';

describe('ladderFactsFromRecords', () => {
  it('a wholly disputed invoice leaves the ladder; a partly disputed one stays; paid and cancelled ones do not count', () => {
    const facts = ladderFactsFromRecords(records({
      invoices: [invoice('I1', '2026-01-10', 500), invoice('I2', '2026-02-10', 800), invoice('I3', '2026-01-01', 0, 'paid'), invoice('I4', '2025-12-01', 900, 'cancelled')],
      disputes: [dispute('I1', 600), dispute('I2', 100)],
    }), at);
    expect(facts).toMatchObject({ oldestDueDate: '2026-02-10', disputedInvoices: 1, zone: 'America/Los_Angeles', country: 'us' });
    const resolved = ladderFactsFromRecords(records({ invoices: [invoice('I1', '2026-01-10', 500)], disputes: [dispute('I1', 500, 'resolved_credit')] }), at);
    expect(resolved).toMatchObject({ oldestDueDate: '2026-01-10', disputedInvoices: 0 });
  });

  it('takes the earliest pending unpaid promise and the active plan\'s late and next instalments', () => {
    const promise = (id: string, dueDate: string, status: PromiseToPay['status'] = 'pending'): PromiseToPay => ({ id, takenOn: '2026-03-01', dueDate, amount: usd(100), invoiceIds: [], status });
    const plan: PaymentPlan = {
      id: 'P1', status: 'active', frequency: 'monthly', total: usd(300), invoiceIds: [], createdOn: '2026-02-01',
      instalments: [1, 2, 3].map((sequence) => ({ sequence, dueDate: `2026-0${sequence + 1}-15`, amount: usd(100), paidAmount: usd(0), status: 'scheduled' as const })),
    };
    const facts = ladderFactsFromRecords(records({
      promises: [promise('p1', '2026-04-10'), promise('p2', '2026-04-05'), promise('p0', '2026-03-01', 'broken')],
      plans: [plan],
      payments: [{ id: 'pay', receivedOn: '2026-02-14', amount: usd(100) }],
    }), at);
    expect(facts.promiseDueDate).toBe('2026-04-05');
    expect(facts.plan).toEqual({ oldestUnpaidDueDate: '2026-03-15', nextInstalmentDate: '2026-04-15' });
  });

  it('last contact: the latest outbound contact up to now, notes and inbound left out', () => {
    const facts = ladderFactsFromRecords(records({
      activities: [
        activity('a1', '2026-03-20T17:00:00Z'),
        activity('a2', '2026-03-25T17:00:00Z', { kind: 'note' }),
        activity('a3', '2026-03-26T17:00:00Z', { direction: 'inbound' }),
        activity('a4', '2026-03-22T17:00:00Z', { kind: 'email' }),
        activity('a5', '2026-05-01T17:00:00Z'),
      ],
    }), at);
    expect(facts.lastContactAt).toBe('2026-03-22T17:00:00Z');
  });

  it('feeds nextAction: the same answer the worklist gives for these facts', () => {
    const facts = ladderFactsFromRecords(records({ invoices: [invoice('I1', '2026-03-01', 500)] }), at);
    const answer = nextAction(facts, { at });
    expect(answer).toMatchObject({ segmentId: 'standard', daysPastDue: 31, status: 'due' });
    expect(answer.step?.id).toBe('letter');
  });
});
