import { describe, expect, it } from 'vitest';
import {
  DISPUTE_REASONS, disputedAmountByInvoice, disputeReasonInfo, isDisputeActive, isDunningHeld, reasonForX12Code, slaDueDate, X12_CODES_BY_REASON,
  validateDisputeLines,
} from './disputes';
import { DisputeReasonSchema, type Dispute, type Invoice } from './model';
import { money } from './money';
import { errorOf } from './test-support';

function invoice(id: string, balanceMinor: number, currency = 'USD'): Invoice {
  return {
    id,
    number: `INV-${id}`,
    issueDate: '2026-01-01',
    dueDate: '2026-01-31',
    total: money(balanceMinor + 1_000, currency),
    balance: money(balanceMinor, currency),
    status: 'partially_paid',
    poNumber: null,
  };
}

function dispute(id: string, lines: Dispute['lines'], status: Dispute['status'] = 'open', reason: Dispute['reason'] = 'pricing'): Dispute {
  return {
    id,
    reference: `CASE-${id}`,
    reason,
    status,
    lines,
    owner: { id: 'u1', name: 'Asha Rao' },
    openedOn: '2026-02-02',
    slaDueDate: '2026-02-16',
  };
}

describe('reason catalogue', () => {
  it('covers every reason code with routing, evidence and an SLA', () => {
    for (const reason of DisputeReasonSchema.options) {
      const info = disputeReasonInfo(reason);
      expect(info.reason).toBe(reason);
      expect(info.label.length).toBeGreaterThan(0);
      expect(info.routeTo.length).toBeGreaterThan(0);
      expect(info.slaBusinessDays).toBe(10);
    }
    expect(Object.keys(DISPUTE_REASONS).sort()).toEqual([...DisputeReasonSchema.options].sort());
  });

  it('maps X12 426 codes both ways, each code to one reason', () => {
    expect(X12_CODES_BY_REASON.pricing).toContain('01');
    expect(reasonForX12Code('19')).toBe('duplicate_billing');
    expect(reasonForX12Code('06')).toBe('quantity');
    expect(reasonForX12Code('99')).toBeUndefined();
    const all = Object.values(X12_CODES_BY_REASON).flat();
    expect(new Set(all).size).toBe(all.length);
  });

  it('rejects unknown reasons', () => {
    expect(errorOf(() => disputeReasonInfo('rude_collector' as never)).field).toBe('reason');
  });
});

describe('slaDueDate', () => {
  it('adds 10 business days by default, skipping weekends and holidays', () => {
    expect(slaDueDate('2026-02-02')).toBe('2026-02-16');
    expect(slaDueDate('2026-02-02', 'pricing', { holidays: ['2026-02-09'] })).toBe('2026-02-17');
    expect(slaDueDate('2026-02-06', null, { businessDays: 1 })).toBe('2026-02-09');
  });

  it('validates', () => {
    expect(errorOf(() => slaDueDate('2026-02-30')).field).toBe('openedOn');
    expect(errorOf(() => slaDueDate('2026-02-02', null, { businessDays: 0 })).field).toBe('businessDays');
  });
});

describe('disputed amounts and dunning holds', () => {
  const invoices = [invoice('a', 10_000), invoice('b', 5_000)];
  const disputes = [
    dispute('d1', [{ invoiceId: 'a', amount: money(4_000, 'USD') }]),
    dispute('d2', [{ invoiceId: 'a', amount: money(7_000, 'USD') }], 'in_review'),
    dispute('d3', [{ invoiceId: 'b', amount: money(5_000, 'USD') }], 'resolved_credit'),
  ];

  it('sums active dispute lines per invoice and caps at the balance', () => {
    expect(disputedAmountByInvoice(disputes).get('a')).toEqual(money(11_000, 'USD'));
    expect(disputedAmountByInvoice(disputes, invoices).get('a')).toEqual(money(10_000, 'USD'));
    expect(disputedAmountByInvoice(disputes, invoices).has('b')).toBe(false);
  });

  it('refuses a line in another currency than its invoice', () => {
    const bad = [dispute('d4', [{ invoiceId: 'a', amount: money(1, 'EUR') }])];
    const error = errorOf(() => disputedAmountByInvoice(bad, invoices));
    expect([error.code, error.field]).toEqual(['currency_mismatch', 'disputes[0].lines[0].amount.currency']);
  });

  it('holds only disputed invoices for B2B, everything for consumer debt', () => {
    expect(isDunningHeld('a', disputes)).toBe(true);
    expect(isDunningHeld('b', disputes)).toBe(false);
    expect(isDunningHeld('b', disputes, { wholeDebt: true })).toBe(true);
    expect(isDunningHeld('b', [disputes[2]!], { wholeDebt: true })).toBe(false);
    expect(isDisputeActive({ status: 'pending_verification' })).toBe(true);
    expect(isDisputeActive({ status: 'closed' })).toBe(false);
  });

  it('validates malformed disputes with the field path', () => {
    const malformed = [{ ...disputes[0]!, lines: [{ invoiceId: 'a', amount: { amountMinor: 1, currency: 'XAU' } }] }];
    expect(errorOf(() => isDunningHeld('a', malformed)).field).toBe('disputes[0].lines[0].amount.currency');
    expect(errorOf(() => isDunningHeld('', disputes)).field).toBe('invoiceId');
  });
});

describe('validateDisputeLines', () => {
  const invoices = [invoice('a', 10_000), invoice('k', 5_000, 'KWD')];

  it('accepts valid lines', () => {
    expect(validateDisputeLines([{ invoiceId: 'a', amount: money(10_000, 'USD') }], invoices)).toEqual([]);
  });

  it('reports every problem with its field', () => {
    const issues = validateDisputeLines(
      [
        { invoiceId: 'a', amount: money(0, 'USD') },
        { invoiceId: 'a', amount: money(10_001, 'USD') },
        { invoiceId: 'k', amount: money(1, 'USD') },
        { invoiceId: 'zzz', amount: money(1, 'USD') },
        { invoiceId: 'k', amount: { amountMinor: 0.5, currency: 'KWD' } },
      ],
      invoices,
    );
    expect(issues.map((i) => [i.field, i.code])).toEqual([
      ['lines[0].amount.amountMinor', 'out_of_range'],
      ['lines[1].invoiceId', 'invalid_input'],
      ['lines[1].amount.amountMinor', 'out_of_range'],
      ['lines[2].amount.currency', 'currency_mismatch'],
      ['lines[3].invoiceId', 'unknown_invoice'],
      ['lines[4].amount.amountMinor', 'invalid_input'],
    ]);
    expect(validateDisputeLines([], invoices)).toEqual([{ field: 'lines', code: 'invalid_input', message: 'a dispute needs at least one line' }]);
  });
});
