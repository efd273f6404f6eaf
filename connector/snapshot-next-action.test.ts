import { describe, expect, it } from 'vitest';
import { rescoreAccount } from '../widget/src/worklist/load';
import type { Worklist } from '../widget/src/worklist/load';
import type { Invoice } from './domain/model';
import type { FxRate } from './domain/money';
import { withDerivedData, type MappedSnapshot } from './snapshot-derived';
import { orgCurrenciesFromRows } from './salesforce/portfolio/rates';
import { mappedSnapshot } from './test-support';

const NOW = new Date('2026-11-20T15:00:00Z'); // 10:00 in New York

function invoice(id: string, dueDate: string, balanceMinor: number, currency = 'USD'): Invoice {
  return { id, number: `INV-${id}`, issueDate: '2026-08-01', dueDate, total: { amountMinor: balanceMinor, currency }, balance: { amountMinor: balanceMinor, currency }, status: 'open' };
}

function mapped(overrides: Partial<MappedSnapshot> = {}): MappedSnapshot {
  return mappedSnapshot({
    account: { id: '001000000000002AAA', name: 'Hudson Supply', owner: { id: '005000000000001AAA', name: 'Jordan' }, segment: 'b2b', currency: 'USD', country: 'US', timeZone: 'America/New_York', complianceProfile: 'b2b-default', riskRating: 'medium', keyAccount: false, flags: [] },
    contacts: [{ id: '003000000000001AAA', name: 'Ana Ruiz', title: 'AP Clerk', role: 'accounts_payable', phones: [], optOuts: [] }],
    invoices: [invoice('1', '2026-10-01', 40_000_00), invoice('2', '2026-12-01', 10_000_00)],
    activities: [{ id: 'a1', kind: 'call', direction: 'outbound', occurredAt: '2026-10-20T15:00:00Z', conversation: true }],
    fetchedAt: NOW.toISOString(),
    ...overrides,
  });
}

/** The worklist's row for the same records (widget/src/worklist/load.ts, its re-score path), with the panel's contacts. */
function asTheWorklistDoes(s: MappedSnapshot, rates: readonly FxRate[] = []) {
  const empty: Worklist = { asOf: NOW.toISOString(), currency: 'USD', rates: [...rates], staticRates: [...rates], rows: [], notRanked: { hardBlocked: 0, nothingCollectable: 0 }, apiRequests: 0, dataQualityNotes: 0 };
  const list = rescoreAccount(empty, s, { at: NOW.toISOString(), locale: 'en-US' });
  expect(list.rows).toHaveLength(1);
  return list.rows[0]!.next;
}

describe('the next action with the snapshot', () => {
  it("is the worklist's next action for the same records (label, day, status and reason)", () => {
    for (const input of [
      mapped(),
      mapped({ promises: [{ id: 'p1', takenOn: '2026-11-18', dueDate: '2026-11-25', amount: { amountMinor: 10_000_00, currency: 'USD' }, invoiceIds: ['1'], status: 'pending' }] }),
      mapped({ disputes: [{ id: 'd1', reason: 'pricing', status: 'open', lines: [{ invoiceId: '1', amount: { amountMinor: 40_000_00, currency: 'USD' } }], owner: { id: '005000000000001AAA', name: 'R' }, openedOn: '2026-11-01', slaDueDate: '2026-12-01' }] }),
    ]) {
      const snapshot = withDerivedData(input, { now: NOW });
      const expected = asTheWorklistDoes(input);
      expect(snapshot.nextAction).toEqual({ status: expected.status, label: expected.step?.label ?? null, dueOn: expected.dueOn, reason: expected.reason });
      expect(snapshot.nextAction?.reason).toMatch(/\S/);
    }
  });

  it("needs the strategy's currency: none for a rupee account without rates, converted with them; nothing open, none", () => {
    const rupees = mapped({ account: { ...mapped().account, currency: 'INR' }, invoices: [invoice('1', '2026-10-01', 4_000_000_00, 'INR')] });
    // No step without the org's rates, only the words why (the worklist's row says the same), and no record noted as unreadable.
    expect(withDerivedData(rupees, { now: NOW }).nextAction).toMatchObject({ status: 'none', label: null, reason: expect.stringMatching(/no exchange rate from INR\.$/) });
    expect(withDerivedData(rupees, { now: NOW }).dataQuality).toEqual([]);
    const converted = withDerivedData(rupees, { now: NOW, rates: [{ from: 'INR', to: 'USD', rate: '0.012', asOf: '2026-11-01' }] });
    expect(converted.nextAction?.label).toMatch(/\S/);
    expect(withDerivedData(mapped({ invoices: [] }), { now: NOW }).nextAction).toBeNull();
    // Never costs the collector the snapshot: an unreadable zone gives no line, the figures stay.
    const broken = withDerivedData(mapped({ account: { ...mapped().account, timeZone: 'Mars/Olympus' } }), { now: NOW });
    expect(broken.nextAction).toBeNull();
    expect(broken.invoices).toHaveLength(2);
  });

  it("with the org's rates a rupee account gets the worklist's next action for the same records; without them no line", () => {
    // The org's CurrencyType rows as the panel's `rates` subrequest and the worklist read them (USD corporate).
    const rates = orgCurrenciesFromRows([
      { IsoCode: 'USD', ConversionRate: 1, IsCorporate: true },
      { IsoCode: 'INR', ConversionRate: 83.25, IsCorporate: false },
    ], null).rates;
    const labels = new Set<string | null | undefined>();
    // INR 1.5M ≈ USD 18,000 ("Everyone else") and INR 2.5M ≈ USD 30,000 ("25,000 or more"): different steps at 35 days.
    for (const balanceMinor of [1_500_000_00, 2_500_000_00]) {
      const rupees = mapped({ account: { ...mapped().account, currency: 'INR', country: 'IN', timeZone: 'Asia/Kolkata' }, invoices: [invoice('1', '2026-10-16', balanceMinor, 'INR'), invoice('2', '2026-12-01', 1_000_00, 'INR')] });
      const expected = asTheWorklistDoes(rupees, rates);
      const panel = withDerivedData(rupees, { now: NOW, rates });
      expect(panel.nextAction).toEqual({ status: expected.status, label: expected.step?.label ?? null, dueOn: expected.dueOn, reason: expected.reason });
      expect(panel.nextAction?.reason).toMatch(/\S/);
      expect(withDerivedData(rupees, { now: NOW }).nextAction?.label).toBeNull();
      labels.add(panel.nextAction?.label);
    }
    expect(labels.size).toBe(2);
  });
});
