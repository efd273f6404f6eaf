import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageInvoices } from '../aging';
import { toEpochDay } from '../dates';
import type { DomainValidationError } from '../errors';
import type { Invoice, PromiseToPay } from '../model';
import { brokenPromiseCount } from '../promises';
import { errorOf, expectDomainError } from '../test-support';
import { PortfolioBook } from './book';
import { computeFacts } from './facts';
import { addShuffled, asOfArbitrary, DEFAULT_ZONE, entriesOf, portfolioArbitrary, RATES, REPORTING } from './test-support';

const owner = { id: 'U1', name: 'Asha' };
const account = { id: 'A1', name: 'Acme', owner, segment: 'b2b' as const, currency: 'EUR', flags: [] };
const invoice: Invoice = {
  id: 'I1',
  number: '1',
  issueDate: '2026-01-01',
  dueDate: '2026-02-01',
  total: { amountMinor: 1_000, currency: 'EUR' },
  balance: { amountMinor: 400, currency: 'EUR' },
  status: 'partially_paid',
};
const promise: PromiseToPay = { id: 'P1', takenOn: '2026-01-01', dueDate: '2026-02-01', amount: { amountMinor: 100, currency: 'EUR' }, invoiceIds: [], status: 'broken' };

/** The error a call throws, or null. */
function outcome(fn: () => unknown): { code: string; field: string } | null {
  try {
    fn();
    return null;
  } catch (error) {
    const e = error as DomainValidationError;
    return { code: e.code, field: e.field };
  }
}

describe('PortfolioBook: records validated once, at the boundary, as the per-account functions validate them', () => {
  const badInvoices: [string, unknown][] = [
    ['bad due date', { ...invoice, dueDate: '2026-02-30' }],
    ['unknown currency', { ...invoice, total: { amountMinor: 1, currency: 'XXY' }, balance: { amountMinor: 1, currency: 'XXY' } }],
    ['balance in another currency', { ...invoice, balance: { amountMinor: 400, currency: 'USD' } }],
    ['negative balance', { ...invoice, balance: { amountMinor: -1, currency: 'EUR' } }],
    ['fractional minor units', { ...invoice, balance: { amountMinor: 1.5, currency: 'EUR' } }],
    ['unknown status', { ...invoice, status: 'void' }],
    ['missing id', { ...invoice, id: '' }],
  ];
  it.each(badInvoices)('rejects an invoice with %s like ageInvoices (same code, same field below the record)', (_, bad) => {
    const inBook = outcome(() => new PortfolioBook().addInvoice('A1', bad as Invoice));
    const inAging = outcome(() => ageInvoices({ invoices: [bad as Invoice], asOf: '2026-03-01' }));
    expect(inBook).not.toBeNull();
    expect(inBook?.code).toBe(inAging?.code);
    // ageInvoices names `invoices[0].x`, the book `invoice.x`: the same field of the record.
    expect(inBook?.field.replace(/^invoice\./, '')).toBe(inAging?.field.replace(/^invoices\[0\]\./, '').replace(/^invoices\.0\./, ''));
  });

  it('rejects a promise brokenPromiseCount would reject', () => {
    for (const bad of [{ ...promise, amount: { amountMinor: 0, currency: 'EUR' } }, { ...promise, takenOn: '2026-13-01' }, { ...promise, status: 'maybe' }]) {
      const inBook = outcome(() => new PortfolioBook().addPromise('A1', bad as PromiseToPay));
      const inPromises = outcome(() => brokenPromiseCount([bad as PromiseToPay], { from: '2026-01-01', to: '2026-03-01' }));
      expect(inBook?.code).toBe(inPromises?.code);
    }
  });

  it('names the field of other bad records', () => {
    const book = new PortfolioBook();
    expectDomainError(() => book.addAccount({ ...account, currency: 'ABC' }), 'unknown_currency', 'account.currency');
    expectDomainError(() => book.addAccount({ ...account, timeZone: 'Mars/Base' }), 'invalid_time_zone', 'account.timeZone');
    expectDomainError(() => book.addCredit('A1', { id: 'C', kind: 'credit_note', amount: { amountMinor: -5, currency: 'EUR' }, issuedOn: '2026-01-01' }), 'out_of_range', 'credit.amount.amountMinor');
    expectDomainError(() => book.addActivity('A1', { id: 'X', kind: 'call', direction: 'outbound', occurredAt: '2026-03-01T10:00:00', conversation: true }), 'invalid_date', 'activity.occurredAt');
    expectDomainError(() => book.addFollowUp('A1', { id: 'F', dueDate: '2026-02-29', open: true }), 'invalid_date', 'followUp.dueDate');
    expectDomainError(() => book.addAccount({ ...account, flags: [{ flag: 'bankruptcy', since: '2026-1-1' }] }), 'invalid_date', 'account.flags.0.since');
    // A rejected record reserves no account.
    expect(book.accountCount).toBe(0);
  });

  it('refuses the same account twice, but fills in an account that records named first', () => {
    const book = new PortfolioBook();
    book.addInvoice('A1', invoice);
    expect(book.hasAccount(0)).toBe(false);
    expect(book.addAccount(account)).toBe(0);
    expect(book.hasAccount(0)).toBe(true);
    expectDomainError(() => book.addAccount(account), 'invalid_input', 'accountId');
  });

  it('stores only what facts need and counts the rest', () => {
    const book = new PortfolioBook();
    book.addAccount(account);
    expect(book.addInvoice('A1', { ...invoice, status: 'paid' })).toBe(-1);
    expect(book.addInvoice('A1', { ...invoice, balance: { amountMinor: 0, currency: 'EUR' } })).toBe(-1);
    expect(book.addInvoice('A1', invoice)).toBe(0);
    book.addDispute('A1', { id: 'D', reason: 'pricing', status: 'resolved_credit', lines: [], owner, openedOn: '2026-01-01', slaDueDate: '2026-01-15' });
    book.addPlan('A1', { id: 'PL', status: 'completed', frequency: 'monthly', total: { amountMinor: 0, currency: 'EUR' }, instalments: [], invoiceIds: [], createdOn: '2026-01-01' });
    expect(book.skipped()).toEqual({ closedInvoices: 2, inactiveDisputes: 1, inactivePlans: 1 });
    expect(book.counts()).toMatchObject({ accounts: 1, openInvoices: 1, plans: 0, disputeLines: 0 });
  });

  it('checks compact rows by range only, naming the argument', () => {
    const book = new PortfolioBook();
    const eur = book.currencyIndex('EUR');
    const a = book.addAccountCompact('A1', { currencyIndex: eur, segment: 'b2b' });
    expectDomainError(() => book.addInvoiceCompact(1, 0, 1, eur, 'open'), 'out_of_range', 'accountIndex');
    expectDomainError(() => book.addInvoiceCompact(a, 3_000_000, 1, eur, 'open'), 'out_of_range', 'dueEpochDay');
    expectDomainError(() => book.addInvoiceCompact(a, 0, -1, eur, 'open'), 'out_of_range', 'balanceMinor');
    expectDomainError(() => book.addInvoiceCompact(a, 0, 1, 7, 'open'), 'out_of_range', 'currencyIndex');
    expectDomainError(() => book.addPromiseCompact(a, 0, 'pending', eur, 0), 'out_of_range', 'amountMinor');
    expectDomainError(() => book.addDisputeLineCompact(a, 5, 1, eur), 'out_of_range', 'invoiceRow');
    expectDomainError(() => book.addAccountCompact('A2', { currencyIndex: eur, segment: 'b2b', zoneIndex: 0 }), 'out_of_range', 'zoneIndex');
    expect(errorOf(() => book.addAccountCompact('A3', { currencyIndex: eur, segment: 'b2b', flags: [{ flag: 'asleep' as 'bankruptcy' }] })).field).toBe('flags.0.flag');
    expect(book.accountCount).toBe(1);
  });
});

describe('PortfolioBook: arrival order', () => {
  it('gives the same facts whatever order records and accounts arrive in', () => {
    fc.assert(
      fc.property(
        asOfArbitrary.chain((asOf) => fc.tuple(fc.constant(asOf), portfolioArbitrary(asOf, 4), fc.integer())),
        ([asOf, scenarios, seed]) => {
          const options = { asOf, reportingCurrency: REPORTING, rates: RATES, defaultZone: DEFAULT_ZONE };
          const inOrder = new PortfolioBook();
          entriesOf(scenarios).forEach((add) => add(inOrder));
          const shuffled = addShuffled(new PortfolioBook(), scenarios, seed);
          const a = computeFacts(inOrder, options);
          const b = computeFacts(shuffled, options);
          for (const s of scenarios) {
            const { accountIndex: _x, ...left } = a.account(a.indexOf(s.account.id));
            const { accountIndex: _y, ...right } = b.account(b.indexOf(s.account.id));
            expect(right).toEqual(left);
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('resolves a dispute line whose invoice arrives after it', () => {
    const book = new PortfolioBook();
    book.addDispute('A1', { id: 'D', reason: 'pricing', status: 'open', lines: [{ invoiceId: 'I1', amount: { amountMinor: 150, currency: 'EUR' } }], owner, openedOn: '2026-01-01', slaDueDate: '2026-01-15' });
    book.addInvoice('A1', invoice);
    book.addAccount(account);
    const facts = computeFacts(book, { asOf: '2026-03-01T12:00:00Z', reportingCurrency: 'EUR' });
    expect(facts.account(0).accountCurrency.disputed.amountMinor).toBe(150);
    expect(facts.account(0).accountCurrency.collectable.amountMinor).toBe(250);
  });

  it('keeps the latest payment and contact and the earliest open follow-up, whatever the order', () => {
    const book = new PortfolioBook();
    const eur = book.currencyIndex('EUR');
    const a = book.addAccountCompact('A1', { currencyIndex: eur, segment: 'b2c' });
    book.addPaymentCompact(a, toEpochDay('2026-02-01'));
    book.addPaymentCompact(a, toEpochDay('2026-01-01'));
    book.addFollowUpCompact(a, toEpochDay('2026-03-09'), true);
    book.addFollowUpCompact(a, toEpochDay('2026-03-02'), false);
    book.addFollowUpCompact(a, toEpochDay('2026-03-05'), true);
    book.addActivityCompact(a, Date.parse('2026-02-20T10:00:00Z'), 'note', true);
    book.addActivityCompact(a, Date.parse('2026-02-10T10:00:00Z'), 'call', false);
    const facts = computeFacts(book, { asOf: '2026-03-01T12:00:00Z', reportingCurrency: 'EUR' }).account(a);
    expect(facts.lastPaymentDate).toBe('2026-02-01');
    expect(facts.nextFollowUpDate).toBe('2026-03-05');
    // A note is not a contact, but it can record a conversation.
    expect(facts.lastContactAt).toBe('2026-02-10T10:00:00.000Z');
    expect(facts.lastConversationAt).toBe('2026-02-20T10:00:00.000Z');
  });
});
