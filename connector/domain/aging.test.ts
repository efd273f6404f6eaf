import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AGING_BUCKETS, ageInvoices, agingBucket, daysPastDue } from './aging';
import type { Credit, Dispute, Invoice, PaymentPlan, PromiseToPay } from './model';
import { money, sumByCurrency } from './money';
import { buildSchedule } from './plans';
import { errorOf } from './test-support';

const ASOF = '2026-06-30';

function invoice(id: string, dueDate: string, balanceMinor: number, currency = 'USD', status: Invoice['status'] = 'open'): Invoice {
  return {
    id,
    number: `INV-${id}`,
    issueDate: '2026-01-01',
    dueDate,
    total: money(balanceMinor + 500, currency),
    balance: money(balanceMinor, currency),
    status,
    poNumber: null,
  };
}

function dispute(id: string, lines: Dispute['lines'], status: Dispute['status'] = 'open'): Dispute {
  return { id, reason: 'quantity', status, lines, owner: { id: 'u1', name: 'Owner' }, openedOn: '2026-06-01', slaDueDate: '2026-06-15' };
}

function credit(id: string, kind: Credit['kind'], amountMinor: number, currency = 'USD'): Credit {
  return { id, kind, amount: money(amountMinor, currency), issuedOn: '2026-06-01', reference: null };
}

describe('days past due and buckets', () => {
  it('ages from the due date against asOf', () => {
    expect(daysPastDue('2026-06-30', ASOF)).toBe(0);
    expect(daysPastDue('2026-07-15', ASOF)).toBe(0);
    expect(daysPastDue('2026-06-29', ASOF)).toBe(1);
    expect(daysPastDue('2026-03-31', ASOF)).toBe(91);
  });

  it.each([
    [0, 'current'], [1, '1-30'], [30, '1-30'], [31, '31-60'], [60, '31-60'], [61, '61-90'], [90, '61-90'],
    [91, '91-120'], [120, '91-120'], [121, '120+'], [5000, '120+'],
  ])('DPD %i is %s', (dpd, bucket) => {
    expect(agingBucket(dpd)).toBe(bucket);
  });

  it('rejects negative or fractional DPD', () => {
    expect(errorOf(() => agingBucket(-1)).field).toBe('dpd');
    expect(errorOf(() => agingBucket(1.5)).field).toBe('dpd');
  });
});

describe('ageInvoices', () => {
  const invoices = [
    invoice('cur', '2026-07-15', 100_000),
    invoice('d10', '2026-06-20', 50_000),
    invoice('d45', '2026-05-16', 30_000),
    invoice('d75', '2026-04-16', 20_000),
    invoice('d100', '2026-03-22', 10_000),
    invoice('d200', '2025-12-12', 5_000),
    invoice('paid', '2026-01-01', 0, 'USD', 'paid'),
    invoice('cancelled', '2026-01-01', 9_999, 'USD', 'cancelled'),
    invoice('zero', '2026-01-01', 0, 'USD', 'partially_paid'),
    invoice('inr', '2026-06-01', 10_000_000, 'INR', 'partially_paid'),
  ];
  const disputes = [
    dispute('dq', [{ invoiceId: 'd45', amount: money(12_000, 'USD') }]),
    dispute('dq2', [{ invoiceId: 'd200', amount: money(9_000, 'USD') }], 'in_review'), // capped at 5,000
    dispute('closed', [{ invoiceId: 'd10', amount: money(50_000, 'USD') }], 'closed'),
  ];
  const credits = [credit('cn1', 'credit_note', 7_500), credit('cash1', 'unapplied_cash', 2_500)];
  const promises: PromiseToPay[] = [
    { id: 'p1', takenOn: '2026-06-25', dueDate: '2026-07-05', amount: money(40_000, 'USD'), invoiceIds: ['d10'], status: 'pending' },
    { id: 'p2', takenOn: '2026-05-01', dueDate: '2026-05-05', amount: money(99_000, 'USD'), invoiceIds: ['d45'], status: 'broken' },
  ];
  const plan: PaymentPlan = {
    id: 'plan',
    status: 'active',
    frequency: 'monthly',
    total: money(30_000, 'USD'),
    instalments: buildSchedule({ total: money(30_000, 'USD'), count: 3, firstDueDate: '2026-06-15', frequency: 'monthly' }).map((i, index) =>
      index === 0 ? { ...i, paidAmount: money(10_000, 'USD'), status: 'paid' } : i,
    ),
    invoiceIds: ['d75'],
    createdOn: '2026-06-01',
  };

  const report = ageInvoices({ invoices, disputes, promises, plans: [plan], credits, asOf: ASOF });
  const usd = report.byCurrency.find((c) => c.currency === 'USD')!;

  it('splits per currency and counts only open balances', () => {
    expect(report.byCurrency.map((c) => c.currency)).toEqual(['INR', 'USD']);
    expect(usd.openBalance).toEqual(money(215_000, 'USD'));
    expect(usd.invoices.map((i) => i.invoiceId)).toEqual(['d200', 'd100', 'd75', 'd45', 'd10', 'cur']);
  });

  it('fills buckets that partition the open balance', () => {
    expect(Object.fromEntries(AGING_BUCKETS.map((b) => [b, usd.buckets[b].amountMinor]))).toEqual({
      current: 100_000, '1-30': 50_000, '31-60': 30_000, '61-90': 20_000, '91-120': 10_000, '120+': 5_000,
    });
  });

  it('separates disputed from collectable and reports promised/on-plan apart', () => {
    expect(usd.disputed).toEqual(money(17_000, 'USD'));
    expect(usd.collectable).toEqual(money(198_000, 'USD'));
    expect(usd.invoices.find((i) => i.invoiceId === 'd200')?.collectable).toEqual(money(0, 'USD'));
    expect(usd.promised).toEqual(money(40_000, 'USD'));
    expect(usd.onPlan).toEqual(money(20_000, 'USD'));
  });

  it('nets credits and explains the balance with components that sum to the net', () => {
    expect(usd.netBalance).toEqual(money(205_000, 'USD'));
    expect(usd.breakdown.map((c) => [c.kind, c.amount.amountMinor])).toEqual([
      ['collectable', 198_000], ['disputed', 17_000], ['credit_notes', -7_500], ['unapplied_cash', -2_500],
    ]);
    expect(usd.breakdown.reduce((acc, c) => acc + c.amount.amountMinor, 0)).toBe(usd.netBalance.amountMinor);
    expect(usd.breakdown[1]?.sourceIds.sort()).toEqual(['d200', 'd45']);
  });

  it('computes shares, oldest item and max DPD', () => {
    expect(usd.percentCurrent).toBe(46.51); // 100,000 / 215,000
    expect(usd.percentOver90).toBe(6.98); // 15,000 / 215,000
    expect(usd.oldestOpenItem).toEqual({ invoiceId: 'd200', number: 'INV-d200', dueDate: '2025-12-12', dpd: 200 });
    expect(usd.maxDpd).toBe(200);
  });

  it('reports a credit-only currency with a negative net and null shares', () => {
    const only = ageInvoices({ invoices: [], credits: [credit('c', 'unapplied_cash', 300, 'EUR')], asOf: ASOF });
    expect(only.byCurrency[0]).toMatchObject({ currency: 'EUR', netBalance: money(-300, 'EUR'), percentCurrent: null, oldestOpenItem: null, maxDpd: 0 });
  });

  it('converts to a reporting currency with dated rates, keeping totals consistent', () => {
    const rates = [
      { from: 'INR', to: 'USD', rate: '0.012', asOf: '2026-06-01' },
      { from: 'INR', to: 'USD', rate: '0.5', asOf: '2026-07-01' }, // after asOf: ignored
    ];
    const withFx = ageInvoices({ invoices, disputes, credits, asOf: ASOF, reportingCurrency: 'USD', rates });
    expect(withFx.reporting?.openBalance).toEqual(money(215_000 + 120_000, 'USD'));
    expect(withFx.reporting?.buckets['1-30']).toEqual(money(50_000 + 120_000, 'USD'));
    expect(withFx.reporting?.netBalance).toEqual(money(335_000 - 10_000, 'USD'));
    const err = errorOf(() => ageInvoices({ invoices, asOf: ASOF, reportingCurrency: 'EUR', rates }));
    expect(err.code).toBe('missing_rate');
  });

  it('names malformed records', () => {
    expect(errorOf(() => ageInvoices({ invoices, asOf: '2026-06-31' })).field).toBe('asOf');
    expect(errorOf(() => ageInvoices({ invoices: [{ ...invoice('x', '2026-01-01', 5), balance: money(5, 'EUR') }], asOf: ASOF })).field).toBe('invoices[0].balance.currency');
    expect(errorOf(() => ageInvoices({ invoices: [{ ...invoice('x', '2026-01-01', 5), balance: money(-5, 'USD') }], asOf: ASOF })).field).toBe('invoices[0].balance.amountMinor');
    expect(errorOf(() => ageInvoices({ invoices: [invoice('x', '2026-02-30', 5)], asOf: ASOF })).field).toMatch(/^invoices\[0\]\.dueDate/);
    expect(errorOf(() => ageInvoices({ invoices, credits: [credit('c', 'credit_note', -1)], asOf: ASOF })).field).toBe('credits[0].amount.amountMinor');
    expect(errorOf(() => ageInvoices({ invoices, asOf: ASOF, reportingCurrency: 'XAU' })).field).toBe('reportingCurrency');
    const badLine = [dispute('bad', [{ invoiceId: 'inr', amount: money(1, 'USD') }])];
    expect(errorOf(() => ageInvoices({ invoices, disputes: badLine, asOf: ASOF })).code).toBe('currency_mismatch');
  });

  it('property: buckets partition the open balance exactly, per currency', () => {
    const arbInvoice = fc.record({
      id: fc.uuid(),
      due: fc.integer({ min: -400, max: 400 }),
      balance: fc.integer({ min: 0, max: 1e12 }),
      currency: fc.constantFrom('JPY', 'USD', 'KWD', 'CLF'),
      status: fc.constantFrom('open', 'partially_paid', 'paid', 'cancelled'),
      disputed: fc.integer({ min: 0, max: 2e12 }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(arbInvoice, { selector: (i) => i.id, maxLength: 40 }), (rows) => {
        const list: Invoice[] = rows.map((r) => ({
          ...invoice(r.id, new Date(Date.UTC(2026, 5, 30 - r.due)).toISOString().slice(0, 10), r.balance, r.currency, r.status as Invoice['status']),
        }));
        const lines = rows.filter((r) => r.disputed > 0).map((r) => ({ invoiceId: r.id, amount: money(r.disputed, r.currency) }));
        const result = ageInvoices({ invoices: list, disputes: lines.length ? [dispute('d', lines)] : [], asOf: ASOF });
        const expected = sumByCurrency(list.filter((i) => (i.status === 'open' || i.status === 'partially_paid') && i.balance.amountMinor > 0).map((i) => i.balance));
        expect(result.byCurrency.map((c) => c.openBalance)).toEqual(expected);
        for (const block of result.byCurrency) {
          const bucketSum = AGING_BUCKETS.reduce((acc, b) => acc + block.buckets[b].amountMinor, 0);
          expect(bucketSum).toBe(block.openBalance.amountMinor);
          expect(block.collectable.amountMinor + block.disputed.amountMinor).toBe(block.openBalance.amountMinor);
          expect(block.disputed.amountMinor).toBeGreaterThanOrEqual(0);
          expect(block.breakdown.reduce((acc, c) => acc + c.amount.amountMinor, 0)).toBe(block.netBalance.amountMinor);
        }
      }),
    );
  });
});
