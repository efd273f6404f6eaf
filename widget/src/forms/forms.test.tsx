import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { LogActivityInput, RaiseDisputeInput, RecordPromiseInput, RecordSettlementInput } from '../../../connector/port';
import { expectNoAxeViolations } from '../../test/axe';
import type { FakePort } from '../../test/fakePort';
import { inrSnapshot, jpySnapshot, usdMultiSnapshot } from '../../test/fixtures';
import { lastAction } from '../../test/queries';
import { renderPanel } from '../../test/render';
import { memoryStorage } from '../storage';
import { OPT_OUT_SENTENCE } from './ReminderForm';

afterEach(cleanup);

function form(name: string): HTMLElement {
  return screen.getByRole('form', { name });
}

function input<T>(port: FakePort, method: string): T {
  return port.log.find((c) => c.method === method)?.input as T;
}

describe('Promise to pay', () => {
  it('validates, saves and survives a remount as a draft', async () => {
    const storage = memoryStorage();
    await renderPanel(inrSnapshot(), { storage });
    fireEvent.click(screen.getByRole('button', { name: 'Promise to pay' }));
    fireEvent.input(within(form('Promise to pay')).getByLabelText('Amount (INR)'), { target: { value: '25,000' } });
    fireEvent.input(within(form('Promise to pay')).getByLabelText('Pay by'), { target: { value: '2026-11-01' } });
    expect(form('Promise to pay').textContent).toMatch(/The promised date is in the past: choose today or a later date./);
    cleanup();

    const { port } = await renderPanel(inrSnapshot(), { storage });
    fireEvent.click(screen.getByRole('button', { name: 'Promise to pay' }));
    await waitFor(() => expect((within(form('Promise to pay')).getByLabelText('Amount (INR)') as HTMLInputElement).value).toBe('25,000'));
    fireEvent.input(within(form('Promise to pay')).getByLabelText('Pay by'), { target: { value: '2026-11-30' } });
    fireEvent.click(within(form('Promise to pay')).getByRole('button', { name: 'Save promise' }));
    await waitFor(() => expect(port.count('recordPromise')).toBe(1));
    expect(input<RecordPromiseInput>(port, 'recordPromise')).toMatchObject({ amount: { amountMinor: 2_500_000, currency: 'INR' }, dueDate: '2026-11-30' });
    // The draft is gone after a successful save.
    await waitFor(async () => expect(await storage.get('draft:001000000000001AAA:promise')).toBeUndefined());
  });

  it('preselects invoices ticked in the table and prefills their balance', async () => {
    await renderPanel(inrSnapshot());
    fireEvent.click(screen.getByLabelText('Select invoice INV-0950'));
    fireEvent.click(screen.getByLabelText('Select invoice INV-0850'));
    fireEvent.click(screen.getByRole('button', { name: 'Promise to pay' }));
    const f = form('Promise to pay');
    expect((within(f).getByLabelText(/INV-0950/) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(within(f).getByLabelText(/INV-0990/));
    expect((within(f).getByLabelText('Amount (INR)') as HTMLInputElement).value).toBe('235000.50');
  });
});

describe('Settlement offer', () => {
  it('routes a discount above the approval threshold for approval', async () => {
    const { port, container } = await renderPanel(inrSnapshot(), { policy: { settlementCeilingPercent: 30, settlementApprovalPercent: 15 } });
    fireEvent.click(screen.getByRole('button', { name: 'Settlement' }));
    const f = form('Settlement offer');
    // Balance 7,85,000.50; offer 6,28,000.40 = 20 % discount.
    fireEvent.input(within(f).getByLabelText('Customer pays (INR)'), { target: { value: '628000.40' } });
    expect(within(f).getByText(/Needs approval before it is offered\./)).toBeTruthy();
    await expectNoAxeViolations(container);
    fireEvent.click(within(f).getByRole('button', { name: 'Send for approval' }));
    await waitFor(() => expect(port.count('recordSettlementOffer')).toBe(1));
    expect(input<RecordSettlementInput>(port, 'recordSettlementOffer')).toMatchObject({ status: 'pending_approval', balance: { amountMinor: 78_500_050 }, offerAmount: { amountMinor: 62_800_040 } });
  });

  it('refuses an offer above the ceiling', async () => {
    await renderPanel(inrSnapshot(), { policy: { settlementCeilingPercent: 30, settlementApprovalPercent: 15 } });
    fireEvent.click(screen.getByRole('button', { name: 'Settlement' }));
    const f = form('Settlement offer');
    fireEvent.input(within(f).getByLabelText('Customer pays (INR)'), { target: { value: '100000' } });
    expect(within(f).getByText(/Above the ceiling: cannot be offered\./)).toBeTruthy();
    expect((within(f).getByRole('button', { name: 'Record offer' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('offers directly within authority', async () => {
    const { port } = await renderPanel(inrSnapshot(), { policy: { settlementCeilingPercent: 30, settlementApprovalPercent: 15 } });
    fireEvent.click(screen.getByRole('button', { name: 'Settlement' }));
    fireEvent.input(within(form('Settlement offer')).getByLabelText('Customer pays (INR)'), { target: { value: '750000' } });
    fireEvent.click(within(form('Settlement offer')).getByRole('button', { name: 'Record offer' }));
    await waitFor(() => expect(port.count('recordSettlementOffer')).toBe(1));
    expect(input<RecordSettlementInput>(port, 'recordSettlementOffer').status).toBe('offered');
  });
});

describe('Dispute', () => {
  it('routes to the sales owner with the SLA date and shows the status coming back', async () => {
    const { port } = await renderPanel(inrSnapshot(), { locale: 'en-GB' });
    fireEvent.click(screen.getByRole('button', { name: 'Dispute' }));
    const f = form('Raise a dispute');
    fireEvent.change(within(f).getByLabelText('Reason'), { target: { value: 'damaged_quality' } });
    fireEvent.click(within(f).getByLabelText(/INV-0990/));
    // Prefilled with the full balance; the collector narrows it.
    expect((within(f).getByLabelText('Disputed amount on INV-0990 (INR)') as HTMLInputElement).value).toBe('120000.50');
    fireEvent.input(within(f).getByLabelText('Disputed amount on INV-0990 (INR)'), { target: { value: '20000' } });
    fireEvent.input(within(f).getByLabelText('Evidence / what the customer says'), { target: { value: 'Photos of broken cartons' } });
    fireEvent.click(within(f).getByRole('button', { name: 'Send to sales owner' }));
    await waitFor(() => expect(port.count('raiseDispute')).toBe(1));
    const sent = input<RaiseDisputeInput>(port, 'raiseDispute');
    expect(sent).toMatchObject({ reason: 'damaged_quality', evidence: 'Photos of broken cartons', lines: [{ invoiceId: 'a0I000000000002', amount: { amountMinor: 2_000_000, currency: 'INR' } }] });
    // 10 business days after Fri 20 Nov 2026 → Fri 4 Dec 2026.
    expect(sent.slaDueDate).toBe('2026-12-04');
    await waitFor(() => expect(lastAction().textContent).toBe('Dispute sent to Priya Sharma, answer due 4 Dec 2026.'));
    fireEvent.click(screen.getByRole('tab', { name: 'Plans & disputes' }));
    const disputeList = () => within(screen.getByRole('list', { name: 'Disputes' })).getAllByRole('listitem');
    await waitFor(() => expect(disputeList()).toHaveLength(2));
    const disputes = disputeList();
    expect(disputes.map((d) => d.textContent)).toEqual([
      expect.stringMatching(/CASE-00042 · Pricing error · in review · Priya Sharma · due 24 Nov 2026/),
      expect.stringMatching(/Damaged \/ quality|Damaged|quality/i),
    ]);
  });

  it('rejects a disputed amount above the invoice balance', async () => {
    await renderPanel(inrSnapshot());
    fireEvent.click(screen.getByRole('button', { name: 'Dispute' }));
    const f = form('Raise a dispute');
    fireEvent.change(within(f).getByLabelText('Reason'), { target: { value: 'pricing' } });
    fireEvent.click(within(f).getByLabelText(/INV-0850/));
    fireEvent.input(within(f).getByLabelText('Disputed amount on INV-0850 (INR)'), { target: { value: '50000' } });
    expect(f.textContent).toMatch(/Disputed amount for INV-0850: enter more than zero and at most its balance, ₹40,000.00/);
  });
});

describe('dates within sane bounds (issue 17)', () => {
  it('refuses a promise dated 2100 and a settlement valid until 2030, saying the limit and what to do', async () => {
    await renderPanel(inrSnapshot());
    fireEvent.click(screen.getByRole('button', { name: 'Promise to pay' }));
    fireEvent.input(within(form('Promise to pay')).getByLabelText('Amount (INR)'), { target: { value: '25,000' } });
    fireEvent.input(within(form('Promise to pay')).getByLabelText('Pay by'), { target: { value: '2100-01-01' } });
    expect(form('Promise to pay').textContent).toContain('The promised date is more than 90 days away: choose a date within 90 days of today.');
    expect((within(form('Promise to pay')).getByRole('button', { name: 'Save promise' }) as HTMLButtonElement).disabled).toBe(true);
    cleanup();

    await renderPanel(inrSnapshot());
    fireEvent.click(screen.getByRole('button', { name: 'Settlement' }));
    fireEvent.input(within(form('Settlement offer')).getByLabelText('Offer valid until'), { target: { value: '2030-01-01' } });
    expect(form('Settlement offer').textContent).toContain('The offer’s expiry is more than 30 days away: choose a date within 30 days of today.');
  });
});

describe('Reminder e-mail', () => {
  it('merges fields into the preview, adds the opt-out sentence where required, sends via mailto: and logs', async () => {
    const snapshot = usdMultiSnapshot();
    snapshot.account = { ...snapshot.account, segment: 'b2c', complianceProfile: 'us-fdcpa' };
    const { port, container } = await renderPanel(snapshot, { locale: 'en-US' });
    fireEvent.click(screen.getByRole('button', { name: 'Reminder e-mail' }));
    const f = form('Reminder e-mail');
    fireEvent.change(within(f).getByLabelText('Template'), { target: { value: 'overdue' } });
    const previewText = within(f).getByRole('region', { name: 'Preview' }).textContent ?? '';
    expect(previewText).toContain('Overdue invoices for Hudson Retail Group LLC');
    expect(previewText).toContain('Dear Dana Whitfield');
    expect(previewText).toContain('- HR-9001: $12,500.00, due Oct 10, 2026 (41 days late)');
    expect(previewText).toContain('the oldest since Oct 10, 2026');
    expect(previewText).toContain('Please arrange payment of ₹8,350,000.00 + $12,500.00');
    expect(previewText).toContain(OPT_OUT_SENTENCE);
    await expectNoAxeViolations(container);
    const link = within(f).getByRole('link', { name: 'Open in e-mail app and log' });
    expect(link.getAttribute('href')).toMatch(/^mailto:dana%40hudson\.example\?subject=Overdue%20invoices%20for%20Hudson%20Retail%20Group%20LLC&body=/);
    link.addEventListener('click', (e) => e.preventDefault());
    fireEvent.click(link);
    await waitFor(() => expect(port.count('logActivity')).toBe(1));
    expect(input<LogActivityInput>(port, 'logActivity')).toMatchObject({ kind: 'email', contactId: '003000000000030AAA', subject: 'Overdue invoices for Hudson Retail Group LLC' });
  });

  it("writes money and dates in the customer's conventions, not the collector's", async () => {
    // An en-IN collector writing to a US customer: US grouping, US dates.
    await renderPanel(usdMultiSnapshot(), { locale: 'en-IN' });
    fireEvent.click(screen.getByRole('button', { name: 'Reminder e-mail' }));
    const preview = within(form('Reminder e-mail')).getByRole('region', { name: 'Preview' }).textContent ?? '';
    expect(preview).toContain('₹8,350,000.00 + $12,500.00');
    expect(preview).toContain('due Oct 10, 2026');
    expect(preview).not.toContain('83,50,000');
  });

  it("a US customer's reminder reads $196,353.58 under an en-IN user, a Tokyo customer's ¥1,850,000, signed by the sender", async () => {
    const us = usdMultiSnapshot();
    us.invoices = us.invoices.filter((i) => i.balance.currency === 'USD').map((i) => ({ ...i, total: { amountMinor: 196_353_58, currency: 'USD' }, balance: { amountMinor: 196_353_58, currency: 'USD' } }));
    await renderPanel(us, { locale: 'en-IN', senderName: 'Priya Nair' });
    fireEvent.click(screen.getByRole('button', { name: 'Reminder e-mail' }));
    const preview = within(form('Reminder e-mail')).getByRole('region', { name: 'Preview' }).textContent ?? '';
    expect(preview).toContain('Total due: $196,353.58.');
    expect(preview).not.toContain('1,96,353');
    // Signed by whoever writes, not by the account's collector (Arjun Mehta in the fixtures).
    expect(preview).toContain('Priya Nair');
    expect(preview).not.toContain('Arjun Mehta');
    cleanup();

    const tokyo = jpySnapshot();
    tokyo.invoices = tokyo.invoices.slice(0, 1).map((i) => ({ ...i, dueDate: '2026-10-01', total: { amountMinor: 1_850_000, currency: 'JPY' }, balance: { amountMinor: 1_850_000, currency: 'JPY' } }));
    await renderPanel(tokyo, { locale: 'en-IN' });
    fireEvent.click(screen.getByRole('button', { name: 'Reminder e-mail' }));
    const jp = within(form('Reminder e-mail')).getByRole('region', { name: 'Preview' }).textContent ?? '';
    expect(jp).toContain('¥1,850,000');
    expect(jp).not.toContain('JP¥');
    expect(jp).not.toContain('18,50,000');
  });

  it('asks only for what is due: disputed and promised amounts are stated apart, and nothing due means no send', async () => {
    const snapshot = inrSnapshot();
    await renderPanel(snapshot);
    fireEvent.click(screen.getByRole('button', { name: 'Reminder e-mail' }));
    const preview = within(form('Reminder e-mail')).getByRole('region', { name: 'Preview' }).textContent ?? '';
    expect(preview).toMatch(/Not included in this reminder: .*₹50,000\.00 under dispute \(/);
    expect(preview).toMatch(/₹75,000\.00 you promised to pay by 25 Nov 2026 \(|you promised to pay by 25 Nov 2026/);
    cleanup();

    // Every open invoice under a promise in force: nothing to ask for.
    const promised = inrSnapshot();
    promised.promises = [{ id: 'ptp9', takenOn: '2026-11-19', dueDate: '2026-11-30', amount: { amountMinor: 1_00_000_00, currency: 'INR' }, invoiceIds: promised.invoices.map((i) => i.id), status: 'pending', contactId: null, note: null }];
    await renderPanel(promised);
    fireEvent.click(screen.getByRole('button', { name: 'Reminder e-mail' }));
    const f = form('Reminder e-mail');
    expect(f.textContent).toContain('Nothing here is due now (disputed, promised or on a plan).');
    expect(within(f).queryByRole('link', { name: 'Open in e-mail app and log' })).toBeNull();
  });

  it('omits the opt-out sentence where the profile does not require it', async () => {
    await renderPanel(inrSnapshot());
    fireEvent.click(screen.getByRole('button', { name: 'Reminder e-mail' }));
    expect(within(form('Reminder e-mail')).getByRole('region', { name: 'Preview' }).textContent).not.toContain(OPT_OUT_SENTENCE);
  });
});

describe('Visit', () => {
  it('logs a visit with its outcome', async () => {
    const { port } = await renderPanel(inrSnapshot());
    fireEvent.click(screen.getByRole('button', { name: 'Log a visit' }));
    const f = form('Log a visit');
    fireEvent.change(within(f).getByLabelText('Outcome'), { target: { value: 'met_promise' } });
    fireEvent.input(within(f).getByLabelText('Notes'), { target: { value: 'Met the owner at the Jaipur warehouse' } });
    fireEvent.click(within(f).getByRole('button', { name: 'Save visit' }));
    await waitFor(() => expect(port.count('logActivity')).toBe(1));
    expect(input<LogActivityInput>(port, 'logActivity')).toMatchObject({ kind: 'visit', outcome: 'met_promise', conversation: true, body: 'Met the owner at the Jaipur warehouse' });
  });
});
