import { describe, expect, it } from 'vitest';
import type { Account } from './domain';
import type { PortfolioReadOptions, PortfolioRecord, PortfolioSource } from './portfolio-source';
import { monthsBefore, readReportPass } from './report-pass';

const owner = { id: 'U9', name: 'Owner' };
const account = (id: string): Account => ({ id, name: id, owner, collector: { id: 'U1', name: 'Asha' }, segment: 'b2b', currency: 'USD', flags: [] });
const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });

/** A source that hands out fixed pages and remembers what it was asked for. */
function fakeSource(pages: PortfolioRecord[][]): PortfolioSource & { asked: PortfolioReadOptions[] } {
  const asked: PortfolioReadOptions[] = [];
  return {
    asked,
    read(options) {
      asked.push(options);
      return (async function* () {
        yield* pages;
      })();
    },
    lastPass: () => null,
  };
}

describe('monthsBefore', () => {
  it('goes back across years to the first day of the month', () => {
    expect(monthsBefore('2026-01', 12)).toBe('2025-01-01');
    expect(monthsBefore('2026-03', 14)).toBe('2025-01-01');
    expect(monthsBefore('2026-11', 0)).toBe('2026-11-01');
  });
});

describe('readReportPass', () => {
  it('reads every kind over the history window from twelve months before the first month, into the book and the history, keeping data-quality notes', async () => {
    const note = { recordKind: 'invoice', recordId: 'I2', field: 'dueDate', message: 'Invoice I2 is not shown: due date is missing.' };
    const source = fakeSource([
      [{ kind: 'payment', accountId: 'A', payment: { id: 'P', receivedOn: '2026-02-03', amount: usd(500) } }, { kind: 'dataQuality', note }],
      [{ kind: 'account', account: account('A') }],
    ]);
    const pass = await readReportPass(source, { scope: { kind: 'org' }, from: '2026-01', mode: 'rest' });
    expect(source.asked[0]).toMatchObject({ scope: { kind: 'org' }, mode: 'rest', history: { since: '2025-01-01' } });
    expect(source.asked[0]?.kinds).toEqual(['invoices', 'disputes', 'promises', 'activities', 'payments', 'plans']);
    expect(pass.notes).toEqual([note]);
    expect(pass.history.history().accounts.map((a) => [a.id, a.payments.length])).toEqual([['A', 1]]);
    expect(pass.book.currencyCodes()).toEqual(['USD']);
  });
});
