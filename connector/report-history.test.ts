import { describe, expect, it } from 'vitest';
import type { Account } from './domain';
import { ReportHistoryCollector } from './report-history';

const owner = { id: 'U9', name: 'Owner' };
const account = (id: string, collector: Account['collector']): Account => ({ id, name: id, owner, collector, segment: 'b2b', currency: 'USD', flags: [] });
const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });

describe('ReportHistoryCollector', () => {
  it('keeps records that arrive before their account, takes the owner when there is no collector, and filters by collector', () => {
    const c = new ReportHistoryCollector();
    c.add({ kind: 'payment', accountId: 'B', payment: { id: 'P', receivedOn: '2026-01-02', amount: usd(5) } });
    c.add({ kind: 'account', account: account('A', { id: 'U1', name: 'Asha' }) });
    c.add({ kind: 'account', account: account('B', null) });
    c.add({
      kind: 'dispute',
      accountId: 'A',
      dispute: { id: 'D', reason: 'pricing', status: 'closed', lines: [], owner, openedOn: '2026-01-01', slaDueDate: '2026-01-15' },
      resolvedOn: '2026-01-09',
    });
    c.add({ kind: 'followUp', accountId: 'A', followUp: { id: 'F', dueDate: '2026-01-03', subject: null } });
    const all = c.history();
    expect(all.accounts.map((a) => [a.id, a.collector?.name, a.payments.length, a.disputes.map((d) => d.resolvedOn)])).toEqual([
      ['A', 'Asha', 0, ['2026-01-09']],
      ['B', 'Owner', 1, []],
    ]);
    expect(c.history(['U1']).accounts.map((a) => a.id)).toEqual(['A']);
  });
});
