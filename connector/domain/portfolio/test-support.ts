/**
 * Random accounts for the portfolio's property tests (not part of the public API, not in the barrel):
 * invoices in one or two currencies with partial payments, disputes, promises of every status,
 * plans, credits, activities, follow-ups, flags and zones, all valid domain records that the
 * per-account functions (ageInvoices, brokenPromiseCount, scoreAccount) accept as they are.
 */
import fc from 'fast-check';
import { addDays, fromEpochDay, toEpochDay } from '../dates';
import type { Account, Activity, Credit, Dispute, Invoice, Payment, PaymentPlan, PromiseToPay } from '../model';
import type { FxRate } from '../money';
import { toInstant } from '../time';
import * as V from '../vocabulary';
import type { FollowUp, PortfolioBook } from './book';

export const REPORTING = 'USD';
/** USD, EUR (2 decimals), JPY (0), KWD (3). */
export const CURRENCY_POOL = ['USD', 'EUR', 'JPY', 'KWD'] as const;
/** Dated rates into USD; EUR changes mid-2026 so accounts in different zones may use different rates. */
export const RATES: FxRate[] = [
  { from: 'EUR', to: 'USD', rate: '1.0825', asOf: '2025-01-01' },
  { from: 'EUR', to: 'USD', rate: '1.1013', asOf: '2026-06-01' },
  { from: 'JPY', to: 'USD', rate: '0.006712', asOf: '2025-01-01' },
  { from: 'KWD', to: 'USD', rate: '3.2571', asOf: '2025-01-01' },
];
/** Account zones (null: the default zone), chosen to put the same instant on different local dates. */
export const ZONES = [null, 'UTC', 'America/Los_Angeles', 'Asia/Kolkata', 'Pacific/Kiritimati', 'Australia/Lord_Howe', 'Pacific/Pago_Pago'] as const;
export const DEFAULT_ZONE = 'Europe/London';

/** "Now" for a generated portfolio: any minute of 2026 (around the EUR rate change and DST changes). */
export const asOfArbitrary = fc
  .integer({ min: Date.UTC(2026, 0, 1) / 60_000, max: Date.UTC(2026, 11, 31) / 60_000 })
  .map((minute) => toInstant(minute * 60_000));

/** One account and its records. */
export interface AccountScenario {
  account: Account;
  invoices: Invoice[];
  payments: Payment[];
  credits: Credit[];
  promises: PromiseToPay[];
  plans: PaymentPlan[];
  disputes: Dispute[];
  activities: Activity[];
  followUps: FollowUp[];
}

const user = fc.constantFrom({ id: 'U1', name: 'Asha' }, { id: 'U2', name: 'Ben' }, { id: 'U3', name: 'Chloé' });

/** An account with its records, dates within ±200 days of `centreDay` (epoch day). */
export function accountScenario(id: string, centreDay: number): fc.Arbitrary<AccountScenario> {
  // Dates anywhere in ±spread days, often on an edge: the local as-of date is the centre ±1, and
  // buckets, the 90-day broken-promise window and "today/tomorrow" turn on these offsets.
  const edges = [-122, -121, -120, -91, -90, -89, -61, -60, -31, -30, -8, -7, -6, -2, -1, 0, 1, 2, 3];
  const day = (spread: number) =>
    fc
      .oneof(fc.integer({ min: -spread, max: spread }), fc.constantFrom(...edges.filter((edge) => Math.abs(edge) <= spread)))
      .map((offset) => fromEpochDay(centreDay + offset));
  // Small amounts make the rounding of converted totals matter; large ones the caps.
  const amount = (max: number) => fc.oneof(fc.integer({ min: 1, max: 99 }), fc.integer({ min: 1, max }));
  return fc
    .record({
      own: fc.constantFrom(...CURRENCY_POOL),
      other: fc.option(fc.constantFrom(...CURRENCY_POOL), { freq: 2 }),
      zone: fc.constantFrom(...ZONES),
      segment: fc.constantFrom(...V.SEGMENTS),
      owner: user,
      collector: fc.option(user),
      riskRating: fc.option(fc.constantFrom(...V.RISK_RATINGS)),
      keyAccount: fc.option(fc.boolean(), { nil: undefined }),
      limit: fc.option(fc.integer({ min: 0, max: 20_000_000 })),
      flags: fc.array(
        fc.record({ flag: fc.constantFrom(...V.ACCOUNT_FLAGS), since: fc.option(day(10)), until: fc.option(day(10)) }),
        { maxLength: 2 },
      ),
      invoices: fc.array(
        fc.record({
          due: day(200),
          balance: fc.oneof(fc.constant(0), amount(5_000_000)),
          extra: fc.integer({ min: 0, max: 1_000_000 }),
          status: fc.constantFrom(...V.INVOICE_STATUSES),
          inOther: fc.boolean(),
        }),
        { maxLength: 8 },
      ),
      disputes: fc.array(
        fc.record({
          status: fc.constantFrom(...V.DISPUTE_STATUSES),
          lines: fc.array(fc.record({ invoice: fc.nat(9), amount: fc.oneof(fc.integer({ min: -100, max: 0 }), amount(6_000_000)) }), { minLength: 1, maxLength: 3 }),
        }),
        { maxLength: 2 },
      ),
      promises: fc.array(
        fc.record({ due: day(120), status: fc.constantFrom(...V.PROMISE_STATUSES), amount: amount(3_000_000), inOther: fc.boolean() }),
        { maxLength: 4 },
      ),
      plans: fc.array(
        fc.record({
          status: fc.constantFrom(...V.PLAN_STATUSES),
          instalments: fc.array(fc.record({ amount: fc.integer({ min: 0, max: 1_000_000 }), paid: fc.integer({ min: 0, max: 1_200_000 }) }), { maxLength: 4 }),
          inOther: fc.boolean(),
        }),
        { maxLength: 2 },
      ),
      credits: fc.array(
        fc.record({ kind: fc.constantFrom(...V.CREDIT_KINDS), amount: fc.integer({ min: 0, max: 2_000_000 }), inOther: fc.boolean() }),
        { maxLength: 2 },
      ),
      payments: fc.array(day(200), { maxLength: 3 }),
      activities: fc.array(
        fc.record({
          // Minutes around the centre: conversations just inside and outside the 7-day clock in every zone.
          minute: fc.integer({ min: -15 * 1440, max: 3 * 1440 }),
          kind: fc.constantFrom(...V.ACTIVITY_KINDS),
          conversation: fc.boolean(),
        }),
        { maxLength: 5 },
      ),
      followUps: fc.array(fc.record({ due: day(30), open: fc.boolean() }), { maxLength: 3 }),
    })
    .map((g): AccountScenario => {
      const currencyOf = (inOther: boolean): string => (inOther && g.other ? g.other : g.own);
      const invoices = g.invoices.map((inv, k): Invoice => {
        const currency = currencyOf(inv.inOther);
        return {
          id: `${id}-I${k}`,
          number: `INV-${k}`,
          issueDate: addDays(inv.due, -30),
          dueDate: inv.due,
          total: { amountMinor: inv.balance + inv.extra, currency },
          balance: { amountMinor: inv.balance, currency },
          status: inv.status,
        };
      });
      const centreMs = centreDay * 86_400_000;
      return {
        account: {
          id,
          name: `Account ${id}`,
          owner: g.owner,
          collector: g.collector,
          segment: g.segment,
          timeZone: g.zone,
          currency: g.own,
          creditLimit: g.limit === null ? null : { amountMinor: g.limit, currency: g.own },
          riskRating: g.riskRating,
          ...(g.keyAccount === undefined ? {} : { keyAccount: g.keyAccount }),
          flags: g.flags,
        },
        invoices,
        // Lines name one of the account's invoices (k < invoices) or an unknown id, in that invoice's currency.
        disputes: g.disputes.map((d, k): Dispute => ({
          id: `${id}-D${k}`,
          reason: 'pricing',
          status: d.status,
          lines: d.lines.map((line) => {
            const invoice = invoices[line.invoice];
            return { invoiceId: invoice?.id ?? `${id}-unknown`, amount: { amountMinor: line.amount, currency: invoice?.balance.currency ?? g.own } };
          }),
          owner: g.owner,
          openedOn: fromEpochDay(centreDay - 20),
          slaDueDate: fromEpochDay(centreDay - 6),
        })),
        promises: g.promises.map((p, k): PromiseToPay => ({
          id: `${id}-P${k}`,
          takenOn: addDays(p.due, -14),
          dueDate: p.due,
          amount: { amountMinor: p.amount, currency: currencyOf(p.inOther) },
          invoiceIds: [],
          status: p.status,
        })),
        plans: g.plans.map((plan, k): PaymentPlan => {
          const currency = currencyOf(plan.inOther);
          return {
            id: `${id}-PL${k}`,
            status: plan.status,
            frequency: 'monthly',
            total: { amountMinor: plan.instalments.reduce((sum, i) => sum + i.amount, 0), currency },
            instalments: plan.instalments.map((i, n) => ({
              sequence: n + 1,
              dueDate: fromEpochDay(centreDay + 30 * n),
              amount: { amountMinor: i.amount, currency },
              paidAmount: { amountMinor: i.paid, currency },
              status: 'scheduled',
            })),
            invoiceIds: [],
            createdOn: fromEpochDay(centreDay - 40),
          };
        }),
        credits: g.credits.map((c, k): Credit => ({
          id: `${id}-C${k}`,
          kind: c.kind,
          amount: { amountMinor: c.amount, currency: currencyOf(c.inOther) },
          issuedOn: fromEpochDay(centreDay - 5),
        })),
        payments: g.payments.map((receivedOn, k): Payment => ({ id: `${id}-PAY${k}`, receivedOn, amount: { amountMinor: 100, currency: g.own } })),
        activities: g.activities.map((a, k): Activity => ({
          id: `${id}-A${k}`,
          kind: a.kind,
          direction: 'outbound',
          occurredAt: toInstant(centreMs + a.minute * 60_000),
          conversation: a.conversation,
        })),
        followUps: g.followUps.map((f, k) => ({ id: `${id}-F${k}`, dueDate: f.due, open: f.open })),
      };
    });
}

/** 1–`max` accounts around the epoch day of `asOf`, with distinct ids. */
export function portfolioArbitrary(asOf: string, max = 4): fc.Arbitrary<AccountScenario[]> {
  const centreDay = toEpochDay(asOf.slice(0, 10));
  return fc
    .integer({ min: 1, max })
    .chain((count) => fc.tuple(...Array.from({ length: count }, (_, k) => accountScenario(`ACC-${k}`, centreDay))));
}

type Entry = (book: PortfolioBook) => void;

/** Every record of the scenarios as one add call each, accounts included. */
export function entriesOf(scenarios: readonly AccountScenario[]): Entry[] {
  return scenarios.flatMap((s): Entry[] => {
    const id = s.account.id;
    return [
      (book) => void book.addAccount(s.account),
      ...s.invoices.map((r): Entry => (book) => void book.addInvoice(id, r)),
      ...s.payments.map((r): Entry => (book) => book.addPayment(id, r)),
      ...s.credits.map((r): Entry => (book) => book.addCredit(id, r)),
      ...s.promises.map((r): Entry => (book) => book.addPromise(id, r)),
      ...s.plans.map((r): Entry => (book) => book.addPlan(id, r)),
      ...s.disputes.map((r): Entry => (book) => book.addDispute(id, r)),
      ...s.activities.map((r): Entry => (book) => book.addActivity(id, r)),
      ...s.followUps.map((r): Entry => (book) => book.addFollowUp(id, r)),
    ];
  });
}

/** Add every record to `book` in the order given by `seed` (records may precede their account). */
export function addShuffled(book: PortfolioBook, scenarios: readonly AccountScenario[], seed: number): PortfolioBook {
  let state = seed >>> 0 || 1;
  const next = (): number => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4_294_967_296;
  };
  const entries = entriesOf(scenarios);
  for (let k = entries.length - 1; k > 0; k--) {
    const j = Math.floor(next() * (k + 1));
    [entries[k], entries[j]] = [entries[j] as Entry, entries[k] as Entry];
  }
  entries.forEach((add) => add(book));
  return book;
}
