import { describe, expect, it } from 'vitest';
import { getProfileRules } from './domain/compliance/profiles';
import { scoreAccount, withComplianceGate } from './domain/priority';
import type { Invoice } from './domain/model';
import { withDerivedData, type MappedSnapshot } from './snapshot-derived';
import { mappedSnapshot } from './test-support';

const NOW = new Date('2026-11-20T13:10:00Z'); // 18:40 in Kolkata

function invoice(id: string, dueDate: string, balanceMinor: number, currency = 'INR'): Invoice {
  return { id, number: `INV-${id}`, issueDate: '2026-08-01', dueDate, total: { amountMinor: balanceMinor, currency }, balance: { amountMinor: balanceMinor, currency }, status: 'open' };
}

function mapped(overrides: Partial<MappedSnapshot> = {}): MappedSnapshot {
  return mappedSnapshot({
    account: { id: '001000000000001AAA', name: 'Shree Ganesh Traders', owner: { id: '005000000000001AAA', name: 'Priya' }, segment: 'b2b', currency: 'INR', timeZone: 'Asia/Kolkata', complianceProfile: 'in-rbi', riskRating: 'high', keyAccount: true, flags: [] },
    invoices: [invoice('1', '2026-09-22', 50_000_00), invoice('2', '2026-12-01', 10_000_00)],
    promises: [
      { id: 'p1', takenOn: '2026-10-01', dueDate: '2026-10-15', amount: { amountMinor: 5_000_00, currency: 'INR' }, invoiceIds: ['1'], status: 'broken' },
      { id: 'p2', takenOn: '2026-11-19', dueDate: '2026-11-21', amount: { amountMinor: 5_000_00, currency: 'INR' }, invoiceIds: ['1'], status: 'pending' },
    ],
    activities: [{ id: 'a1', kind: 'call', direction: 'outbound', occurredAt: '2026-11-18T06:00:00Z', conversation: true }],
    fetchedAt: NOW.toISOString(),
    ...overrides,
  });
}

describe('withDerivedData', () => {
  it('adds the rules in force and the priority scored from the records, without the compliance gate', () => {
    const snapshot = withDerivedData(mapped(), { now: NOW });
    expect(snapshot.complianceRules).toEqual(getProfileRules('in-rbi'));
    // The facts as the panel used to read them: account currency, oldest DPD, broken promises in 90 days, next promise, last conversation.
    expect(snapshot.priority).toEqual(
      scoreAccount(
        { accountId: '001000000000001AAA', collectableReportingMinor: 60_000_00, currency: 'INR', maxDaysPastDue: 59, brokenPromisesLast90Days: 1, nextPromiseDueDate: '2026-11-21', lastConversationAt: '2026-11-18T06:00:00Z', riskRating: 'high', keyAccount: true, compliance: null },
        { asOf: NOW.toISOString(), zone: 'Asia/Kolkata' },
      ),
    );
    // The panel gates it with its live check; ungated it carries no compliance reasons.
    expect(snapshot.priority?.reasons).toEqual([]);
    expect(withComplianceGate(snapshot.priority!, null)).toEqual(snapshot.priority);
  });

  it('has no priority when nothing is open, and says why when the records cannot be scored', () => {
    expect(withDerivedData(mapped({ invoices: [] }), { now: NOW }).priority).toBeNull();
    const broken = withDerivedData(mapped({ account: { ...mapped().account, timeZone: 'Mars/Olympus' } }), { now: NOW });
    expect(broken.priority).toBeNull();
    expect(broken.dataQuality.at(-1)).toMatchObject({ recordKind: 'account', message: expect.stringMatching(/^Priority could not be scored: /) });
    // The rest of the snapshot is intact.
    expect(broken.invoices).toHaveLength(2);
  });

  it('applies the host override and notes an unknown profile without losing the priority', () => {
    expect(withDerivedData(mapped(), { now: NOW, complianceProfile: 'uk-fca' }).complianceRules).toEqual(getProfileRules('uk-fca'));
    const unknown = withDerivedData(mapped({ account: { ...mapped().account, complianceProfile: 'us-tx' } }), { now: NOW });
    expect(unknown.complianceRules).toBeNull();
    expect(unknown.dataQuality.map((n) => n.field)).toEqual(['complianceProfile']);
    expect(unknown.priority).not.toBeNull();
  });
});
