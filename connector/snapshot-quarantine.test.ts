import { describe, expect, it } from 'vitest';
import { ageInvoices } from './domain/aging';
import type { Dispute, Invoice } from './domain/model';
import { withDerivedData, type MappedSnapshot } from './snapshot-derived';
import { quarantineCurrencyMismatches } from './snapshot-quarantine';
import { mappedSnapshot } from './test-support';

const NOW = new Date('2026-11-20T13:10:00Z');

function invoice(id: string, balanceMinor: number, currency = 'EUR'): Invoice {
  return { id, number: `INV-${id}`, issueDate: '2026-08-01', dueDate: '2026-09-30', total: { amountMinor: balanceMinor, currency }, balance: { amountMinor: balanceMinor, currency }, status: 'open' };
}

function dispute(id: string, lines: Dispute['lines']): Dispute {
  return { id, reference: `C-${id}`, reason: 'pricing', status: 'open', lines, owner: { id: '005000000000001AAA', name: 'Jana' }, openedOn: '2026-11-01', slaDueDate: '2026-11-30', evidence: '', resolution: null };
}

function mapped(invoices: Invoice[], disputes: Dispute[]): MappedSnapshot {
  return mappedSnapshot({
    account: { id: '001000000000001AAA', name: 'Müller GmbH', owner: { id: '005000000000001AAA', name: 'Jana' }, segment: 'b2b', currency: 'EUR', timeZone: 'Europe/Berlin', complianceProfile: null, flags: [] },
    invoices,
    disputes,
    fetchedAt: NOW.toISOString(),
  });
}

describe('quarantineCurrencyMismatches', () => {
  it('leaves out a dispute whose line is in another currency than its invoice, with a note, and the summary still adds up', () => {
    const bad = dispute('d1', [{ invoiceId: 'i1', amount: { amountMinor: 100_00, currency: 'USD' } }]);
    const good = dispute('d2', [{ invoiceId: 'i2', amount: { amountMinor: 50_00, currency: 'EUR' } }]);
    const input = mapped([invoice('i1', 1_000_00), invoice('i2', 500_00)], [bad, good]);
    // Without the quarantine the whole summary fails: this is the bug it fixes.
    expect(() => ageInvoices({ invoices: input.invoices, disputes: input.disputes, asOf: '2026-11-20' })).toThrow(/currency/);
    const snapshot = withDerivedData(input, { now: NOW });
    expect(snapshot.disputes.map((d) => d.id)).toEqual(['d2']);
    expect(snapshot.invoices).toHaveLength(2);
    expect(snapshot.dataQuality).toContainEqual({ recordKind: 'dispute', recordId: 'd1', field: 'lines', message: 'Dispute C-d1 was left out: it disputes an invoice in EUR with an amount in USD.' });
    const report = ageInvoices({ invoices: snapshot.invoices, disputes: snapshot.disputes, asOf: '2026-11-20' });
    expect(report.byCurrency[0]).toMatchObject({ currency: 'EUR', openBalance: { amountMinor: 1_500_00 }, disputed: { amountMinor: 50_00 } });
    expect(snapshot.priority).not.toBeNull();
  });

  it('leaves out an invoice whose balance and total are in different currencies, and a dispute mixing currencies on one invoice', () => {
    const split: Invoice = { ...invoice('i3', 200_00), total: { amountMinor: 200_00, currency: 'GBP' } };
    const mixed = dispute('d3', [
      { invoiceId: 'i9', amount: { amountMinor: 10_00, currency: 'EUR' } },
      { invoiceId: 'i9', amount: { amountMinor: 10_00, currency: 'CHF' } },
    ]);
    const result = quarantineCurrencyMismatches(mapped([invoice('i1', 1_000_00), split], [mixed]));
    expect(result.invoices.map((i) => i.id)).toEqual(['i1']);
    expect(result.disputes).toEqual([]);
    expect(result.dataQuality.map((n) => [n.recordKind, n.recordId])).toEqual([['invoice', 'i3'], ['dispute', 'd3']]);
  });

  it('returns consistent records unchanged', () => {
    const input = mapped([invoice('i1', 1_000_00)], [dispute('d1', [{ invoiceId: 'i1', amount: { amountMinor: 1_00, currency: 'EUR' } }])]);
    expect(quarantineCurrencyMismatches(input)).toBe(input);
  });
});
