import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AGING_BUCKETS } from '../aging';
import { toEpochDay } from '../dates';
import { expectDomainError } from '../test-support';
import { PortfolioBook } from './book';
import { aggregatePortfolio, type PortfolioTotals } from './aggregate';
import { computeFacts, type PortfolioAccountFacts } from './facts';
import { addShuffled, asOfArbitrary, DEFAULT_ZONE, portfolioArbitrary, RATES, REPORTING } from './test-support';

/** Totals summed the slow way from the plain per-account facts. */
function summed(accounts: PortfolioAccountFacts[], view: (a: PortfolioAccountFacts) => PortfolioAccountFacts['reporting'] | PortfolioAccountFacts['accountCurrency'], currency: string) {
  const sum = (pick: (a: PortfolioAccountFacts) => number) => ({ amountMinor: accounts.reduce((total, a) => total + pick(a), 0), currency });
  const credits = (a: PortfolioAccountFacts): number => {
    const v = view(a);
    return 'credits' in v ? v.credits.amountMinor : v.creditNotes.amountMinor + v.unappliedCash.amountMinor;
  };
  return {
    open: sum((a) => view(a).open.amountMinor),
    overdue: sum((a) => view(a).overdue.amountMinor),
    collectable: sum((a) => view(a).collectable.amountMinor),
    disputed: sum((a) => view(a).disputed.amountMinor),
    promised: sum((a) => view(a).promised.amountMinor),
    onPlan: sum((a) => view(a).onPlan.amountMinor),
    credits: sum(credits),
    netBalance: sum((a) => view(a).open.amountMinor - credits(a)),
    buckets: Object.fromEntries(AGING_BUCKETS.map((b) => [b, sum((a) => view(a).buckets[b].amountMinor)])),
  };
}

function counts(accounts: PortfolioAccountFacts[]) {
  return {
    accounts: accounts.length,
    accountsWithOpen: accounts.filter((a) => a.reporting.open.amountMinor > 0).length,
    accountsOverdue: accounts.filter((a) => a.reporting.overdue.amountMinor > 0).length,
  };
}

describe('aggregatePortfolio', () => {
  it('sums the accounts of each group, and the groups of each grouping to the grand total', () => {
    fc.assert(
      fc.property(
        asOfArbitrary.chain((asOf) => fc.tuple(fc.constant(asOf), portfolioArbitrary(asOf, 6), fc.integer())),
        ([asOf, scenarios, seed]) => {
          const facts = computeFacts(addShuffled(new PortfolioBook(), scenarios, seed), { asOf, reportingCurrency: REPORTING, rates: RATES, defaultZone: DEFAULT_ZONE });
          const accounts = scenarios.map((s) => facts.account(facts.indexOf(s.account.id)));
          const result = aggregatePortfolio(facts);
          const reporting = (a: PortfolioAccountFacts) => a.reporting;
          expect(result.total).toEqual({ ...counts(accounts), ...summed(accounts, reporting, REPORTING) });
          for (const group of result.byAccountCurrency) {
            const members = accounts.filter((a) => a.accountCurrency.currency === group.accountCurrency);
            expect(group).toEqual({
              accountCurrency: group.accountCurrency,
              ...counts(members),
              ...summed(members, reporting, REPORTING),
              native: summed(members, (a) => a.accountCurrency, group.accountCurrency),
            });
          }
          for (const group of result.byCollector) {
            const members = accounts.filter((a) => a.collector?.id === group.collector?.id);
            expect({ ...group, collector: null }).toEqual({ collector: null, ...counts(members), ...summed(members, reporting, REPORTING) });
          }
          for (const grouping of [result.byCollector, result.bySegment, result.byAccountCurrency] as PortfolioTotals[][]) {
            expect(grouping.reduce((n, g) => n + g.accounts, 0)).toBe(accounts.length);
            expect(grouping.reduce((n, g) => n + g.collectable.amountMinor, 0)).toBe(result.total.collectable.amountMinor);
          }
          expect(result.byAccountCurrency.map((g) => g.accountCurrency)).toEqual([...new Set(accounts.map((a) => a.accountCurrency.currency))].sort());
        },
      ),
      { numRuns: 150 },
    );
  });

  it('orders collectors by name, unassigned last, and segments in vocabulary order', () => {
    const book = new PortfolioBook();
    const usd = book.currencyIndex('USD');
    const zed = book.collectorIndex({ id: 'U9', name: 'Zed' });
    const amy = book.collectorIndex({ id: 'U2', name: 'Amy' });
    const rows: [string, number | null, 'b2b' | 'b2c'][] = [['A', zed, 'b2c'], ['B', null, 'b2b'], ['C', amy, 'b2c']];
    for (const [id, collectorIndex, segment] of rows) {
      const index = book.addAccountCompact(id, { currencyIndex: usd, segment, collectorIndex });
      book.addInvoiceCompact(index, toEpochDay('2026-01-01'), 100, usd, 'open');
    }
    const result = aggregatePortfolio(computeFacts(book, { asOf: '2026-03-01T00:00:00Z', reportingCurrency: 'USD' }));
    expect(result.byCollector.map((g) => g.collector?.name ?? null)).toEqual(['Amy', 'Zed', null]);
    expect(result.bySegment.map((g) => [g.segment, g.accounts])).toEqual([['b2b', 1], ['b2c', 2]]);
    expect(result.total.buckets['31-60'].amountMinor).toBe(300);
  });

  it('refuses to round a sum beyond the safe integer range', () => {
    const book = new PortfolioBook();
    const usd = book.currencyIndex('USD');
    for (const id of ['A', 'B']) {
      book.addInvoiceCompact(book.addAccountCompact(id, { currencyIndex: usd, segment: 'b2b' }), 0, Number.MAX_SAFE_INTEGER - 10, usd, 'open');
    }
    expectDomainError(() => aggregatePortfolio(computeFacts(book, { asOf: '2026-03-01T00:00:00Z', reportingCurrency: 'USD' })), 'out_of_range', 'total.open');
  });
});
