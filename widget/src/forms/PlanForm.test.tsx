import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { SavePaymentPlanInput } from '../../../connector/port';
import { expectNoAxeViolations } from '../../test/axe';
import { inrSnapshot, jpySnapshot, kwdSnapshot } from '../../test/fixtures';
import { lastAction } from '../../test/queries';
import { renderPanel } from '../../test/render';

afterEach(cleanup);

function planForm(): HTMLElement {
  return screen.getByRole('form', { name: 'Payment plan' });
}

/** The rows of an instalment table's body (between the column headers and the total). */
function instalmentRows(table: HTMLElement): HTMLElement[] {
  const [, body] = within(table).getAllByRole('rowgroup');
  return within(body as HTMLElement).getAllByRole('row');
}

function schedulePreview(): HTMLElement {
  return within(planForm()).getByRole('table', { name: 'Schedule preview' });
}

function preview(): string[] {
  return instalmentRows(schedulePreview()).map((row) =>
    within(row)
      .getAllByRole('cell')
      .map((cell) => cell.textContent?.replace(/\s/g, ' '))
      .join(' | '),
  );
}

/** The schedule's total: the amount in the footer row headed "Total". */
function scheduleTotal(): string {
  const totalRow = within(schedulePreview()).getByRole('row', { name: /^Total\b/ });
  return within(totalRow).getAllByRole('cell')[0]?.textContent ?? '';
}

async function openPlan(total: string, currency: string) {
  fireEvent.click(screen.getByRole('button', { name: 'Payment plan' }));
  fireEvent.input(within(planForm()).getByLabelText(`Plan total (${currency})`), { target: { value: total } });
  fireEvent.input(within(planForm()).getByLabelText('Instalments'), { target: { value: '3' } });
  fireEvent.change(within(planForm()).getByLabelText('Frequency'), { target: { value: 'monthly' } });
  fireEvent.input(within(planForm()).getByLabelText('First instalment'), { target: { value: '2026-12-31' } });
}

describe('Payment plan builder', () => {
  it('previews an exact INR schedule (Convention A, lakh grouping) and saves it', async () => {
    const { port, container } = await renderPanel(inrSnapshot(), { locale: 'en-IN' });
    await openPlan('1,00,000.00', 'INR');
    expect(preview()).toEqual([
      '1 | 31 Dec 2026 | ₹33,333.33 | scheduled',
      '2 | 31 Jan 2027 | ₹33,333.33 | scheduled',
      '3 | 28 Feb 2027 | ₹33,333.34 | scheduled',
    ]);
    expect(scheduleTotal()).toBe('₹1,00,000.00');
    await expectNoAxeViolations(container);
    fireEvent.click(within(planForm()).getByRole('button', { name: 'Propose plan' }));
    await waitFor(() => expect(port.count('savePaymentPlan')).toBe(1));
    const input = port.log.find((c) => c.method === 'savePaymentPlan')?.input as SavePaymentPlanInput;
    expect(input.status).toBe('proposed');
    expect(input.total).toEqual({ amountMinor: 10_000_000, currency: 'INR' });
    expect(input.instalments.map((i) => i.amount.amountMinor)).toEqual([3_333_333, 3_333_333, 3_333_334]);
    await waitFor(() => expect(lastAction().textContent).toMatch(/Plan proposed: 3 payments totalling ₹1,00,000.00/));
  });

  it('previews an exact JPY schedule (no minor units)', async () => {
    await renderPanel(jpySnapshot(), { locale: 'en-US' });
    await openPlan('100000', 'JPY');
    expect(preview().map((r) => r.split(' | ')[2])).toEqual(['¥33,333', '¥33,333', '¥33,334']);
  });

  it('previews an exact KWD schedule (three decimals)', async () => {
    await renderPanel(kwdSnapshot(), { locale: 'en-US' });
    await openPlan('1000', 'KWD');
    expect(preview().map((r) => r.split(' | ')[2])).toEqual(['KWD 333.333', 'KWD 333.333', 'KWD 333.334']);
  });

  it('includes a down payment as instalment 0 and still sums exactly', async () => {
    await renderPanel(kwdSnapshot(), { locale: 'en-US' });
    await openPlan('1000', 'KWD');
    fireEvent.input(within(planForm()).getByLabelText('Down payment (KWD)'), { target: { value: '100.5' } });
    expect(preview().map((r) => r.split(' | ')[2])).toEqual(['KWD 100.500', 'KWD 299.833', 'KWD 299.833', 'KWD 299.834']);
    expect(scheduleTotal()).toMatch(/^KWD\s1,000\.000$/);
  });

  it('reports policy violations from checkPlanPolicy and blocks saving', async () => {
    await renderPanel(inrSnapshot(), { policy: { minDownPaymentPercent: 10, maxPlanTermMonths: 6 } });
    await openPlan('1,00,000', 'INR');
    fireEvent.input(within(planForm()).getByLabelText('Instalments'), { target: { value: '12' } });
    const text = planForm().textContent ?? '';
    expect(text).toMatch(/The down payment is below the policy's minimum of 10% of the total: raise it to at least that. \(Minimum: ₹10,000.00.\)/);
    expect(text).toMatch(/The plan runs longer than 6 months: use fewer or more frequent payments, or a larger down payment./);
    expect((within(planForm()).getByRole('button', { name: 'Propose plan' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('names the field when the amount has too many decimals for the currency', async () => {
    await renderPanel(jpySnapshot(), { locale: 'en-US' });
    await openPlan('100.5', 'JPY');
    expect(planForm().textContent).toMatch(/Plan total: enter a positive amount in JPY/);
  });

  it('shows existing plans with each instalment status', async () => {
    const snapshot = inrSnapshot();
    snapshot.plans = [
      {
        id: 'plan1',
        status: 'active',
        frequency: 'monthly',
        total: { amountMinor: 9_000_000, currency: 'INR' },
        downPayment: null,
        createdOn: '2026-09-01',
        invoiceIds: ['a0I000000000004'],
        instalments: [
          { id: 'i1', sequence: 1, dueDate: '2026-10-01', amount: { amountMinor: 3_000_000, currency: 'INR' }, paidAmount: { amountMinor: 3_000_000, currency: 'INR' }, status: 'paid' },
          { id: 'i2', sequence: 2, dueDate: '2026-11-01', amount: { amountMinor: 3_000_000, currency: 'INR' }, paidAmount: { amountMinor: 1_000_000, currency: 'INR' }, status: 'partial' },
          { id: 'i3', sequence: 3, dueDate: '2026-12-01', amount: { amountMinor: 3_000_000, currency: 'INR' }, paidAmount: { amountMinor: 0, currency: 'INR' }, status: 'scheduled' },
        ],
      },
    ];
    await renderPanel(snapshot);
    fireEvent.click(screen.getByRole('tab', { name: 'Plans & disputes' }));
    const rows = instalmentRows(screen.getByRole('table', { name: /^Plan of 1 Sept? 2026$/ })).map((r) => r.textContent);
    expect(rows).toEqual(['11 Oct 2026₹30,000.00paid', '21 Nov 2026₹30,000.00partial (₹10,000.00 paid)', '31 Dec 2026₹30,000.00scheduled']);
  });
});

describe('negotiations checked against the money and the calendar (issue 17)', () => {
  it('a plan asks for no more than the collectable balance, starts today or later, and warns about disputed or not-yet-due invoices', async () => {
    const { port } = await renderPanel(inrSnapshot(), { locale: 'en-IN' });
    fireEvent.click(screen.getByRole('button', { name: 'Payment plan' }));
    const f = planForm();
    // Open ₹7,85,000.50 less ₹50,000 under dispute.
    expect((within(f).getByLabelText('Plan total (INR)') as HTMLInputElement).value).toBe('735000.50');
    expect(f.textContent).toContain('INV-1001 is not due yet.');
    expect(f.textContent).toContain('INV-0900 is under dispute.');
    // Observed: a ₹50,00,000 plan against a smaller balance, first instalment in the past, was saved.
    fireEvent.input(within(f).getByLabelText('Plan total (INR)'), { target: { value: '50,00,000' } });
    fireEvent.input(within(f).getByLabelText('First instalment'), { target: { value: '2026-11-01' } });
    expect(f.textContent).toContain('The plan total is more than its invoices’ collectable balance (open, not disputed): lower the total to that balance or add invoices. (Collectable: ₹7,35,000.50.)');
    expect(f.textContent).toContain('A payment of the plan falls in the past: start the plan today or later.');
    expect((within(f).getByRole('button', { name: 'Propose plan' }) as HTMLButtonElement).disabled).toBe(true);
    // An API caller is refused the same plan by the port (connector/writes/validate.ts).
    const invoiceIds = inrSnapshot().invoices.map((i) => i.id).slice(0, 2);
    await expect(port.savePaymentPlan({
      idempotencyKey: 'k-over-balance-1', accountId: inrSnapshot().account.id, planId: null, status: 'proposed', frequency: 'monthly', invoiceIds, downPayment: null,
      total: { amountMinor: 50_00_000_00, currency: 'INR' },
      instalments: [{ sequence: 1, dueDate: '2026-12-20', amount: { amountMinor: 50_00_000_00, currency: 'INR' }, paidAmount: { amountMinor: 0, currency: 'INR' }, status: 'scheduled' }],
    })).rejects.toMatchObject({ kind: 'invalid_input', fields: ['total.amountMinor'] });
  });
});
