import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AGING_BUCKETS, ageInvoices, type CurrencyAging } from '../aging';
import { addDays } from '../dates';
import type { Money } from '../model';
import { convert, roundedQuotient } from '../money';
import { brokenPromiseCount } from '../promises';
import { expectDomainError, STRESS_HOST_ZONES, underHostTimeZones } from '../test-support';
import { toInstant, zonedParts } from '../time';
import { PortfolioBook } from './book';
import { computeFacts, NO_DAY, type PortfolioAccountFacts } from './facts';
import { addShuffled, type AccountScenario, asOfArbitrary, DEFAULT_ZONE, portfolioArbitrary, RATES, REPORTING } from './test-support';

function factsOf(scenarios: AccountScenario[], asOf: string, seed: number) {
  const book = addShuffled(new PortfolioBook(), scenarios, seed);
  return computeFacts(book, { asOf, reportingCurrency: REPORTING, rates: RATES, defaultZone: DEFAULT_ZONE });
}

const zero = (currency: string): Money => ({ amountMinor: 0, currency });

/** What the per-account functions say about one account, shaped like the portfolio's facts. */
function expectedFacts(s: AccountScenario, asOfInstant: string) {
  const zone = s.account.timeZone ?? DEFAULT_ZONE;
  const asOf = zonedParts(asOfInstant, zone).date;
  const report = ageInvoices({
    invoices: s.invoices,
    disputes: s.disputes,
    promises: s.promises,
    plans: s.plans,
    credits: s.credits,
    asOf,
    reportingCurrency: REPORTING,
    rates: RATES,
  });
  const own = s.account.currency;
  const block: CurrencyAging | undefined = report.byCurrency.find((c) => c.currency === own);
  const reporting = report.reporting as NonNullable<typeof report.reporting>;
  const toUsd = (m: Money): number => (m.amountMinor === 0 ? 0 : convert(m, REPORTING, RATES, asOf).amountMinor);
  const convertedSum = (pick: (c: CurrencyAging) => Money): number => report.byCurrency.reduce((sum, c) => sum + toUsd(pick(c)), 0);
  const latest = (values: number[]): string | null => (values.length === 0 ? null : toInstant(Math.max(...values)));
  const pendingDue = s.promises.filter((p) => p.status === 'pending').map((p) => p.dueDate).sort();
  const openFollowUps = s.followUps.filter((f) => f.open).map((f) => f.dueDate).sort();
  const limit = s.account.creditLimit;
  let utilisation: number | null = null;
  if (limit && limit.amountMinor > 0) {
    const elsewhere = report.byCurrency.some((c) => c.currency !== limit.currency && c.openBalance.amountMinor > 0);
    utilisation = elsewhere
      ? roundedQuotient(BigInt(reporting.openBalance.amountMinor) * 100n, BigInt(toUsd(limit)))
      : roundedQuotient(BigInt(block?.openBalance.amountMinor ?? 0) * 100n, BigInt(limit.amountMinor));
  }
  return {
    asOf,
    zone,
    accountCurrency: {
      currency: own,
      open: block?.openBalance ?? zero(own),
      overdue: { amountMinor: (block?.openBalance.amountMinor ?? 0) - (block?.buckets.current.amountMinor ?? 0), currency: own },
      collectable: block?.collectable ?? zero(own),
      disputed: block?.disputed ?? zero(own),
      promised: block?.promised ?? zero(own),
      onPlan: block?.onPlan ?? zero(own),
      creditNotes: block?.creditNotes ?? zero(own),
      unappliedCash: block?.unappliedCash ?? zero(own),
      netBalance: block?.netBalance ?? zero(own),
      buckets: block?.buckets ?? Object.fromEntries(AGING_BUCKETS.map((b) => [b, zero(own)])),
    },
    reporting: {
      currency: REPORTING,
      rateDate: asOf,
      open: reporting.openBalance,
      overdue: { amountMinor: reporting.openBalance.amountMinor - reporting.buckets.current.amountMinor, currency: REPORTING },
      collectable: reporting.collectable,
      disputed: reporting.disputed,
      promised: { amountMinor: Math.min(convertedSum((c) => c.promised), reporting.openBalance.amountMinor), currency: REPORTING },
      onPlan: { amountMinor: Math.min(convertedSum((c) => c.onPlan), reporting.openBalance.amountMinor), currency: REPORTING },
      credits: reporting.credits,
      netBalance: reporting.netBalance,
      buckets: reporting.buckets,
    },
    maxDaysPastDue: Math.max(0, ...report.byCurrency.map((c) => c.oldestOpenItem?.dpd ?? 0)),
    brokenPromisesLast90Days: brokenPromiseCount(s.promises, { from: addDays(asOf, -90), to: asOf }),
    nextPromiseDueDate: pendingDue[0] ?? null,
    lastPaymentDate: s.payments.map((p) => p.receivedOn).sort().at(-1) ?? null,
    lastContactAt: latest(s.activities.filter((a) => a.kind !== 'note').map((a) => Date.parse(a.occurredAt))),
    lastConversationAt: latest(s.activities.filter((a) => a.conversation).map((a) => Date.parse(a.occurredAt))),
    nextFollowUpDate: openFollowUps[0] ?? null,
    creditUtilisationPct: utilisation,
    flags: s.account.flags.filter((f) => (!f.since || f.since <= asOf) && (!f.until || f.until >= asOf)).map((f) => f.flag),
    collectableByCurrency: byCurrencyKey(report.byCurrency.map((c) => c.collectable)),
  };
}

/** Per-currency amounts as a comparable record, zeros left out (a block can exist for a credit or a promise alone). */
function byCurrencyKey(amounts: readonly Money[]): Record<string, number> {
  return Object.fromEntries(amounts.filter((m) => m.amountMinor !== 0).map((m) => [m.currency, m.amountMinor]).sort((a, b) => (a[0]! < b[0]! ? -1 : 1)));
}

function comparable(facts: PortfolioAccountFacts) {
  const { accountIndex: _i, accountId: _a, name: _n, segment: _s, collector: _c, riskRating: _r, keyAccount: _k, creditLimit: _l, otherCurrencies: _o, hardBlocked: _h, ...rest } = facts;
  return { ...rest, flags: [...new Set(rest.flags)], collectableByCurrency: byCurrencyKey(rest.collectableByCurrency) };
}

describe('computeFacts: one definition of each fact', () => {
  it('gives, per account, what ageInvoices, brokenPromiseCount and the snapshot derivation give for its records', () => {
    fc.assert(
      fc.property(
        asOfArbitrary.chain((asOf) => fc.tuple(fc.constant(asOf), portfolioArbitrary(asOf), fc.integer())),
        ([asOf, scenarios, seed]) => {
          const facts = factsOf(scenarios, asOf, seed);
          expect(facts.orphanAccountIds).toEqual([]);
          expect(facts.issues).toEqual([]);
          for (const scenario of scenarios) {
            const expected = expectedFacts(scenario, asOf);
            const actual = comparable(facts.account(facts.indexOf(scenario.account.id)));
            const flags = [...new Set(expected.flags)].sort((a, b) => (a < b ? -1 : 1));
            expect({ ...actual, flags: [...actual.flags].sort((a, b) => (a < b ? -1 : 1)) }).toEqual({ ...expected, flags });
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('does not depend on the host time zone', () => {
    fc.assert(
      fc.property(
        asOfArbitrary.chain((asOf) => fc.tuple(fc.constant(asOf), portfolioArbitrary(asOf, 3), fc.integer())),
        ([asOf, scenarios, seed]) => {
          const answers = underHostTimeZones(STRESS_HOST_ZONES, () => {
            const facts = factsOf(scenarios, asOf, seed);
            return scenarios.map((s) => facts.account(facts.indexOf(s.account.id)));
          });
          answers.forEach((answer) => expect(answer).toEqual(answers[0]));
        },
      ),
      { numRuns: 15 },
    );
  });
});

describe('computeFacts: worked example', () => {
  const owner = { id: 'U1', name: 'Asha' };
  function book(): PortfolioBook {
    const b = new PortfolioBook();
    // Records first, account last: the book keeps them for the account that arrives later.
    b.addInvoice('A1', { id: 'I1', number: '1', issueDate: '2026-01-01', dueDate: '2026-02-01', total: { amountMinor: 10_000, currency: 'EUR' }, balance: { amountMinor: 10_000, currency: 'EUR' }, status: 'open' });
    b.addInvoice('A1', { id: 'I2', number: '2', issueDate: '2026-02-20', dueDate: '2026-03-20', total: { amountMinor: 5_000, currency: 'EUR' }, balance: { amountMinor: 2_500, currency: 'EUR' }, status: 'partially_paid' });
    b.addInvoice('A1', { id: 'I3', number: '3', issueDate: '2026-01-01', dueDate: '2026-01-10', total: { amountMinor: 700, currency: 'EUR' }, balance: { amountMinor: 0, currency: 'EUR' }, status: 'paid' });
    b.addDispute('A1', { id: 'D1', reason: 'pricing', status: 'open', lines: [{ invoiceId: 'I1', amount: { amountMinor: 12_000, currency: 'EUR' } }], owner, openedOn: '2026-02-10', slaDueDate: '2026-02-24' });
    b.addPromise('A1', { id: 'P1', takenOn: '2026-02-20', dueDate: '2026-03-05', amount: { amountMinor: 1_000, currency: 'EUR' }, invoiceIds: [], status: 'pending' });
    b.addPromise('A1', { id: 'P2', takenOn: '2026-01-20', dueDate: '2026-02-01', amount: { amountMinor: 1_000, currency: 'EUR' }, invoiceIds: [], status: 'broken' });
    b.addCredit('A1', { id: 'C1', kind: 'credit_note', amount: { amountMinor: 300, currency: 'EUR' }, issuedOn: '2026-02-01' });
    b.addFollowUp('A1', { id: 'F1', dueDate: '2026-03-04', open: true });
    b.addFollowUp('A1', { id: 'F2', dueDate: '2026-03-01', open: false });
    b.addAccount({ id: 'A1', name: 'Acme', owner, segment: 'b2b', currency: 'EUR', timeZone: 'Asia/Kolkata', creditLimit: { amountMinor: 50_000, currency: 'EUR' }, flags: [{ flag: 'bankruptcy', since: '2026-03-03' }] });
    return b;
  }

  it('ages, holds the disputed amount, converts once per total and reports the dates', () => {
    // 2026-03-02T20:00Z is already 3 March in Kolkata: I1 is 30 days past due there.
    const facts = computeFacts(book(), { asOf: '2026-03-02T20:00:00Z', reportingCurrency: 'USD', rates: [{ from: 'EUR', to: 'USD', rate: '1.0825', asOf: '2026-03-01' }] });
    const a = facts.account(0);
    expect(a.asOf).toBe('2026-03-03');
    expect(a.accountCurrency.open.amountMinor).toBe(12_500);
    expect(a.accountCurrency.buckets['1-30'].amountMinor).toBe(10_000);
    expect(a.accountCurrency.buckets.current.amountMinor).toBe(2_500);
    expect(a.accountCurrency.overdue.amountMinor).toBe(10_000);
    // The dispute line (120.00) is capped at I1's balance (100.00).
    expect(a.accountCurrency.disputed.amountMinor).toBe(10_000);
    expect(a.accountCurrency.collectable.amountMinor).toBe(2_500);
    expect(a.accountCurrency.netBalance.amountMinor).toBe(12_200);
    // 100.00 EUR × 1.0825 = 108.25; 25.00 × 1.0825 = 27.0625 → 27.06 (half-even).
    expect(a.reporting.buckets['1-30'].amountMinor).toBe(10_825);
    expect(a.reporting.buckets.current.amountMinor).toBe(2_706);
    expect(a.reporting.collectable.amountMinor).toBe(2_706);
    expect(a.maxDaysPastDue).toBe(30);
    expect(a.brokenPromisesLast90Days).toBe(1);
    expect(a.nextPromiseDueDate).toBe('2026-03-05');
    expect(a.nextFollowUpDate).toBe('2026-03-04');
    expect(a.creditUtilisationPct).toBe(25); // 125.00 of 500.00
    expect(a.flags).toEqual(['bankruptcy']);
    expect(a.hardBlocked).toBe(true);
    expect(book().skipped()).toEqual({ closedInvoices: 1, inactiveDisputes: 0, inactivePlans: 0 });
  });

  it('reads the flag as not yet in force on the day before it starts locally', () => {
    const facts = computeFacts(book(), { asOf: '2026-03-02T12:00:00Z', reportingCurrency: 'EUR' });
    expect(facts.account(0).asOf).toBe('2026-03-02');
    expect(facts.account(0).flags).toEqual([]);
    expect(facts.nextPromiseDueDay[0]).not.toBe(NO_DAY);
  });

  it('clamps the converted disputed total at the converted open balance, as ageInvoices does', () => {
    // Two fully disputed invoices of EUR 0.04 in two buckets: 4.33 → 4 cents each, but 8 → 8.66 → 9 cents disputed.
    const b = new PortfolioBook();
    const invoice = (id: string, dueDate: string) => ({ id, number: id, issueDate: '2026-01-01', dueDate, total: { amountMinor: 4, currency: 'EUR' }, balance: { amountMinor: 4, currency: 'EUR' }, status: 'open' as const });
    const invoices = [invoice('I1', '2026-03-10'), invoice('I2', '2026-02-20')];
    const disputes = [{ id: 'D', reason: 'pricing' as const, status: 'open' as const, lines: invoices.map((i) => ({ invoiceId: i.id, amount: i.balance })), owner, openedOn: '2026-02-01', slaDueDate: '2026-02-14' }];
    b.addAccount({ id: 'A', name: 'A', owner, segment: 'b2b', currency: 'EUR', flags: [] });
    invoices.forEach((i) => b.addInvoice('A', i));
    b.addDispute('A', disputes[0] as (typeof disputes)[number]);
    const rates = [{ from: 'EUR', to: 'USD', rate: '1.0825', asOf: '2026-01-01' }];
    const a = computeFacts(b, { asOf: '2026-03-02T12:00:00Z', reportingCurrency: 'USD', rates }).account(0);
    const report = ageInvoices({ invoices, disputes, asOf: '2026-03-02', reportingCurrency: 'USD', rates });
    expect(a.reporting.open.amountMinor).toBe(8);
    expect(a.reporting.disputed).toEqual(report.reporting?.disputed);
    expect(a.reporting.disputed.amountMinor).toBe(8);
    expect(a.reporting.collectable.amountMinor).toBe(0);
  });

  it('lists every missing rate at once, and needs none for currencies with nothing in them', () => {
    const b = book();
    b.addInvoice('A2', { id: 'J1', number: 'J', issueDate: '2026-01-01', dueDate: '2026-02-01', total: { amountMinor: 10, currency: 'JPY' }, balance: { amountMinor: 10, currency: 'JPY' }, status: 'open' });
    b.addAccount({ id: 'A2', name: 'Kabushiki', owner, segment: 'b2b', currency: 'JPY', flags: [] });
    b.addAccount({ id: 'A3', name: 'Empty', owner, segment: 'b2b', currency: 'GBP', flags: [] });
    expectDomainError(() => computeFacts(b, { asOf: '2026-03-02T12:00:00Z', reportingCurrency: 'USD' }), 'missing_rate', 'rates');
    try {
      computeFacts(b, { asOf: '2026-03-02T12:00:00Z', reportingCurrency: 'USD' });
    } catch (error) {
      expect(String(error)).toContain('EUR→USD on 2026-03-02');
      expect(String(error)).toContain('JPY→USD on 2026-03-02');
      expect(String(error)).not.toContain('GBP');
    }
  });

  it('leaves out a dispute line in another currency than its invoice, says so, and keeps the rest', () => {
    const b = book();
    b.addDispute('A1', { id: 'D2', reason: 'tax', status: 'in_review', lines: [{ invoiceId: 'I2', amount: { amountMinor: 100, currency: 'USD' } }], owner, openedOn: '2026-02-10', slaDueDate: '2026-02-24' });
    const facts = computeFacts(b, { asOf: '2026-03-02T12:00:00Z', reportingCurrency: 'EUR' });
    expect(facts.issues).toEqual([{ accountId: 'A1', recordKind: 'dispute', recordId: 'D2', message: expect.stringContaining('line left out') }]);
    expect(facts.account(0).accountCurrency.disputed.amountMinor).toBe(10_000);
  });

  it('reports ids whose account never arrived and leaves them out', () => {
    const b = book();
    b.addPayment('GHOST', { id: 'X', receivedOn: '2026-01-01', amount: { amountMinor: 1, currency: 'EUR' } });
    const facts = computeFacts(b, { asOf: '2026-03-02T12:00:00Z', reportingCurrency: 'EUR' });
    expect(facts.orphanAccountIds).toEqual(['GHOST']);
    expectDomainError(() => facts.account(facts.indexOf('GHOST')), 'invalid_input', 'accountIndex');
  });

  it('validates its options, naming the field', () => {
    expectDomainError(() => computeFacts(book(), { asOf: '2026-03-02 12:00', reportingCurrency: 'EUR' }), 'invalid_date', 'asOf');
    expectDomainError(() => computeFacts(book(), { asOf: '2026-03-02T12:00:00Z', reportingCurrency: 'XAU' }), 'unknown_currency', 'reportingCurrency');
    expectDomainError(() => computeFacts(book(), { asOf: '2026-03-02T12:00:00Z', reportingCurrency: 'EUR', defaultZone: 'Mars/Base' }), 'invalid_time_zone', 'defaultZone');
    expectDomainError(() => computeFacts(book(), { asOf: '2026-03-02T12:00:00Z', reportingCurrency: 'EUR', zoneOf: () => 'Nowhere' }), 'invalid_time_zone', 'zoneOf(0)');
  });

  it('uses zoneOf before the account zone', () => {
    const facts = computeFacts(book(), { asOf: '2026-03-02T20:00:00Z', reportingCurrency: 'EUR', zoneOf: () => 'America/New_York' });
    expect(facts.account(0).zone).toBe('America/New_York');
    expect(facts.account(0).asOf).toBe('2026-03-02');
  });
});
