/** Issue 17: lifecycles on the plan, settlement and dispute rows, and the summary's promise and plans. */
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountSnapshot, CompleteFollowUpInput, DecideSettlementInput, SavePaymentPlanInput, UpdateDisputeInput } from '../../../connector/port';
import type { PaymentPlan, SettlementOffer } from '../../../connector/domain/model';
import { FakePort } from '../../test/fakePort';
import { inrSnapshot } from '../../test/fixtures';
import { renderPanel } from '../../test/render';

afterEach(cleanup);

const inr = (amountMinor: number) => ({ amountMinor, currency: 'INR' });

function plan(id: string, status: PaymentPlan['status'], totalMinor: number): PaymentPlan {
  return {
    id, status, frequency: 'monthly', total: inr(totalMinor), downPayment: null, invoiceIds: ['a0I000000000003'], createdOn: '2026-11-01',
    instalments: [
      { sequence: 1, dueDate: '2026-12-20', amount: inr(totalMinor / 2), paidAmount: inr(0), status: 'scheduled' },
      { sequence: 2, dueDate: '2026-12-05', amount: inr(totalMinor / 2), paidAmount: inr(0), status: 'scheduled' },
    ],
  };
}

function offer(id: string, status: SettlementOffer['status']): SettlementOffer {
  return { id, status, balance: inr(1_00_000_00), offerAmount: inr(80_000_00), expiresOn: '2026-12-10', invoiceIds: [], remainderTreatment: 'extinguished', createdOn: '2026-11-19' };
}

function withNegotiations(): AccountSnapshot {
  const s = inrSnapshot();
  s.plans = [plan('pln-active', 'active', 60_000_00), plan('pln-proposed', 'proposed', 90_000_00)];
  s.settlements = [offer('stl-pending', 'pending_approval')];
  // Listed later-first on purpose: the CRM's order is not the due order.
  s.promises = [
    { id: 'ptp-late', takenOn: '2026-11-19', dueDate: '2026-12-15', amount: inr(10_000_00), invoiceIds: [], status: 'pending', contactId: null, note: null },
    ...s.promises,
  ];
  return s;
}

function figure(term: string): string {
  const dt = screen.getAllByText(term, { selector: 'dt' })[0]!;
  return dt.nextElementSibling?.textContent ?? '';
}

async function openPlansTab() {
  fireEvent.click(screen.getByRole('tab', { name: 'Plans & disputes' }));
  await screen.findByRole('heading', { name: 'Payment plans' });
}

describe('summary: earliest promise, active plan, proposals apart', () => {
  it('shows the promise due first, not the first listed, and the active plan apart from the proposal', async () => {
    await renderPanel(withNegotiations());
    expect(figure('Promise')).toBe('₹75,000.00 by 25 Nov 2026 · 1 more later');
    expect(figure('Payment plan')).toBe('Active · next ₹30,000.00 on 5 Dec 2026');
    expect(figure('Proposed plan')).toBe('₹90,000.00 in 2 instalments, not agreed yet');
  });
});

describe('lifecycle controls', () => {
  it('marks a proposed plan agreed through savePaymentPlan with its id, then shows it active', async () => {
    const port = new FakePort([withNegotiations()]);
    await renderPanel(withNegotiations(), { port });
    await openPlansTab();
    fireEvent.click(screen.getByRole('button', { name: 'Mark agreed: plan of ₹90,000.00' }));
    await screen.findByText('Plan marked as agreed.');
    const [sent] = port.inputs<SavePaymentPlanInput>('savePaymentPlan');
    expect(sent).toMatchObject({ planId: 'pln-proposed', status: 'active' });
    await waitFor(() => expect(port.snapshots.get('001000000000001AAA')?.plans.find((p) => p.id === 'pln-proposed')?.status).toBe('active'));
  });

  it('resolves a dispute only with an outcome, sent as its resolution', async () => {
    const port = new FakePort([withNegotiations()]);
    await renderPanel(withNegotiations(), { port });
    await openPlansTab();
    const resolve = screen.getByRole('button', { name: 'Resolve with credit' });
    expect((resolve as HTMLButtonElement).disabled).toBe(true);
    fireEvent.input(screen.getByLabelText('Outcome (told to the customer)'), { target: { value: 'Credit note for the rate difference' } });
    fireEvent.click(resolve);
    await screen.findByText('Dispute resolved with a credit.');
    expect(port.inputs<UpdateDisputeInput>('updateDispute')[0]).toMatchObject({ disputeId: 'dsp1', status: 'resolved_credit', resolution: 'Credit note for the rate difference' });
  });

  it('lets an approver approve a pending settlement; others see it waiting', async () => {
    const port = new FakePort([withNegotiations()]);
    await renderPanel(withNegotiations(), { port, policy: { settlementApprover: true } });
    await openPlansTab();
    const list = within(screen.getByRole('list', { name: 'Settlement offers' }));
    fireEvent.click(list.getByRole('button', { name: 'Approve' }));
    await screen.findByText('Settlement approved: it can be offered now.');
    expect(port.inputs<DecideSettlementInput>('decideSettlement')[0]).toMatchObject({ settlementId: 'stl-pending', decision: 'approved' });
    cleanup();
    await renderPanel(withNegotiations());
    await openPlansTab();
    expect(screen.getByText('Waiting for an approver.')).not.toBeNull();
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
  });

  it('keeps the same key when a failed decision is retried', async () => {
    const port = new FakePort([withNegotiations()]);
    port.failNext('decideSettlement', 'network');
    await renderPanel(withNegotiations(), { port, policy: { settlementApprover: true } });
    await openPlansTab();
    fireEvent.click(screen.getByRole('button', { name: 'Reject' }));
    await screen.findByRole('alert');
    fireEvent.click(await screen.findByRole('button', { name: 'Try again' }));
    await screen.findByText('Settlement rejected.');
    const keys = port.inputs<DecideSettlementInput>('decideSettlement').map((i) => i.idempotencyKey);
    expect(keys.length).toBe(2);
    expect(keys[0]).toBe(keys[1]);
  });
});

describe('open follow-ups', () => {
  it('lists open follow-ups, including ones created in the CRM, earliest first, and completes one', async () => {
    const s = withNegotiations();
    s.followUps = [
      { id: '00T000000000101AAA', subject: 'Call back about GST refund', dueDate: '2026-11-18', contactId: '003000000000001AAA' },
      { id: '00T000000000102AAA', subject: 'Send statement', dueDate: '2026-11-20', contactId: null },
    ];
    const port = new FakePort([s]);
    await renderPanel(s, { port });
    const list = within(screen.getByRole('list', { name: 'Open follow-ups' }));
    expect(list.getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      expect.stringMatching(/^Call back about GST refund · .+ · was due 18 Nov 2026 Done$/),
      'Send statement · due today Done',
    ]);
    fireEvent.click(list.getByRole('button', { name: 'Done: Send statement, due today' }));
    await waitFor(() => expect(screen.queryByText('Send statement', { exact: false })).toBeNull());
    expect(port.inputs<CompleteFollowUpInput>('completeFollowUp')[0]).toMatchObject({ taskId: '00T000000000102AAA', accountId: '001000000000001AAA' });
  });
});
