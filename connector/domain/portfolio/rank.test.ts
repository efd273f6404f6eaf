import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toEpochDay } from '../dates';
import { scoreAccount } from '../priority';
import { expectDomainError } from '../test-support';
import { PortfolioBook } from './book';
import { computeFacts, type PortfolioFacts } from './facts';
import { explainAccount, isRankable, priorityFactsOf, rankPortfolio, scorePortfolio } from './rank';
import { addShuffled, type AccountScenario, asOfArbitrary, DEFAULT_ZONE, portfolioArbitrary, RATES, REPORTING } from './test-support';

function factsOf(scenarios: AccountScenario[], asOf: string, seed: number): PortfolioFacts {
  return computeFacts(addShuffled(new PortfolioBook(), scenarios, seed), { asOf, reportingCurrency: REPORTING, rates: RATES, defaultZone: DEFAULT_ZONE });
}

const portfolios = asOfArbitrary.chain((asOf) => fc.tuple(fc.constant(asOf), portfolioArbitrary(asOf, 6), fc.integer(), fc.integer()));

/** The full sort the bounded heap must agree with: score desc, then account id asc. */
function fullOrder(facts: PortfolioFacts): number[] {
  const scores = scorePortfolio(facts);
  return Array.from({ length: facts.accountCount }, (_, i) => i)
    .filter((i) => isRankable(facts, i))
    .sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0) || (facts.accountId(a) < facts.accountId(b) ? -1 : 1));
}

describe('portfolio ranking', () => {
  it("scores every account with scoreAccount's number, and explains returned rows with scoreAccount itself", () => {
    fc.assert(
      fc.property(portfolios, ([asOf, scenarios, seed]) => {
        const facts = factsOf(scenarios, asOf, seed);
        const scores = scorePortfolio(facts);
        for (let i = 0; i < facts.accountCount; i++) {
          const account = facts.account(i);
          expect(priorityFactsOf(facts, i)).toEqual({
            accountId: account.accountId,
            collectableReportingMinor: account.reporting.collectable.amountMinor,
            currency: REPORTING,
            maxDaysPastDue: account.maxDaysPastDue,
            brokenPromisesLast90Days: account.brokenPromisesLast90Days,
            nextPromiseDueDate: account.nextPromiseDueDate,
            lastConversationAt: account.lastConversationAt,
            riskRating: account.riskRating,
            keyAccount: account.keyAccount,
            compliance: null,
          });
          const expected = scoreAccount(priorityFactsOf(facts, i), { asOf, zone: facts.zone(i) });
          // Rankable accounts: the same double. Others score 0 (hard-blocked ones are still positive for scoreAccount without compliance).
          expect(scores[i]).toBe(isRankable(facts, i) ? expected.score : 0);
        }
        const ranking = rankPortfolio(facts, { limit: 3 });
        for (const row of ranking.rows) {
          expect(row.score).toBe(scores[row.accountIndex]);
          expect(row.eligible).toBe(true);
          expect(row.components.map((c) => c.name)[0]).toBe('eligibility');
        }
      }),
      { numRuns: 200 },
    );
  });

  it('returns the top N of the full sort (score, then account id), whatever the arrival order', () => {
    fc.assert(
      fc.property(portfolios, fc.integer({ min: 1, max: 7 }), ([asOf, scenarios, seed, otherSeed], limit) => {
        const facts = factsOf(scenarios, asOf, seed);
        const ranking = rankPortfolio(facts, { limit });
        const expected = fullOrder(facts).slice(0, limit).map((i) => facts.accountId(i));
        expect(ranking.rows.map((row) => row.accountId)).toEqual(expected);
        expect(ranking.rows.map((row) => row.rank)).toEqual(expected.map((_, k) => k + 1));
        const reordered = rankPortfolio(factsOf(scenarios, asOf, otherSeed), { limit });
        expect(reordered.rows.map(({ accountIndex: _, ...row }) => row)).toEqual(ranking.rows.map(({ accountIndex: _, ...row }) => row));
        expect(ranking.eligible + ranking.notRanked.hardBlocked + ranking.notRanked.nothingCollectable).toBe(scenarios.length);
      }),
      { numRuns: 200 },
    );
  });

  describe('examples', () => {
    const asOf = '2026-03-02T10:00:00Z';
    function bookWith(accounts: { id: string; balance: number; flags?: ('bankruptcy' | 'vulnerable')[] }[]): PortfolioBook {
      const book = new PortfolioBook();
      const usd = book.currencyIndex('USD');
      for (const a of accounts) {
        const index = book.addAccountCompact(a.id, { currencyIndex: usd, segment: 'b2b', flags: (a.flags ?? []).map((flag) => ({ flag })) });
        book.addInvoiceCompact(index, toEpochDay('2026-02-01'), a.balance, usd, 'open');
      }
      return book;
    }

    it('breaks ties by account id, not by arrival order', () => {
      const facts = computeFacts(bookWith([{ id: 'B', balance: 500 }, { id: 'C', balance: 900 }, { id: 'A', balance: 500 }]), { asOf, reportingCurrency: 'USD' });
      expect(rankPortfolio(facts).rows.map((row) => row.accountId)).toEqual(['C', 'A', 'B']);
      expect(rankPortfolio(facts, { limit: 2 }).rows.map((row) => row.accountId)).toEqual(['C', 'A']);
    });

    it('keeps the right rows in the bounded heap over many accounts with many ties', () => {
      fc.assert(
        fc.property(fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 300 }), fc.integer({ min: 1, max: 40 }), (balances, limit) => {
          const facts = computeFacts(bookWith(balances.map((balance, k) => ({ id: `A${(k * 7919) % 1000}-${k}`, balance }))), { asOf, reportingCurrency: 'USD' });
          expect(rankPortfolio(facts, { limit }).rows.map((row) => row.accountIndex)).toEqual(fullOrder(facts).slice(0, limit));
        }),
        { numRuns: 50 },
      );
    });

    it('leaves out hard-blocked accounts and those with nothing collectable, and says how many', () => {
      const facts = computeFacts(
        bookWith([
          { id: 'A', balance: 500, flags: ['bankruptcy'] },
          { id: 'B', balance: 400, flags: ['vulnerable'] },
          { id: 'C', balance: 0 },
        ]),
        { asOf, reportingCurrency: 'USD' },
      );
      const ranking = rankPortfolio(facts);
      expect(ranking.rows.map((row) => row.accountId)).toEqual(['B']);
      expect(ranking.notRanked).toEqual({ hardBlocked: 1, nothingCollectable: 1 });
      const blocked = explainAccount(facts, facts.indexOf('A'));
      expect(blocked.eligible).toBe(false);
      expect(blocked.score).toBe(0);
      expect(blocked.reasons[0]).toMatchObject({ code: 'account_flag', rule: expect.stringContaining('US-18') });
      expect(explainAccount(facts, facts.indexOf('C')).reasons.map((r) => r.code)).toEqual(['nothing_collectable']);
    });

    it('applies weights as scoreAccount does and validates them the same way', () => {
      const facts = computeFacts(bookWith([{ id: 'A', balance: 500 }, { id: 'B', balance: 1_000 }]), { asOf, reportingCurrency: 'USD' });
      const weights = { urgencyBeta: 2, dpdCap: 10 };
      const ranking = rankPortfolio(facts, { weights });
      expect(ranking.rows[0]?.score).toBe(scoreAccount(priorityFactsOf(facts, facts.indexOf('B')), { asOf, zone: 'UTC' }, weights).score);
      expectDomainError(() => rankPortfolio(facts, { weights: { urgencyBeta: -1 } }), 'invalid_input', 'weights.urgencyBeta');
      expectDomainError(() => rankPortfolio(facts, { limit: 0 }), 'out_of_range', 'limit');
    });
  });
});
