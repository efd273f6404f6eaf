import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AGING_BUCKETS, agingBucket, OVER_90_BUCKETS } from '../aging';
import { fromEpochDay, toEpochDay } from '../dates';
import type { Activity, Credit, Invoice, Payment, PromiseToPay } from '../model';
import { convert } from '../money';
import { PortfolioBook } from '../portfolio/book';
import { aggregatePortfolio } from '../portfolio/aggregate';
import { computeFacts } from '../portfolio/facts';
import { addShuffled, asOfArbitrary, DEFAULT_ZONE, portfolioArbitrary, RATES, REPORTING } from '../portfolio/test-support';
import { expectDomainError, STRESS_HOST_ZONES, underHostTimeZones } from '../test-support';
import { agingReport } from './aging';
import { explainBalance } from './balance';
import { parseHistory, parseOptions, reportMonths, type HistoryAccount, type ReportHistory, type ReportOptions } from './history';
import { rebuildMonthEnds } from './receivables';
import { buildManagementReport } from './report';

const ASHA = { id: 'U1', name: 'Asha' };
const BEN = { id: 'U2', name: 'Ben' };
const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });

function invoice(id: string, issueDate: string, dueDate: string, total: number, status: Invoice['status'] = 'open'): Invoice {
  return { id, number: id, issueDate, dueDate, total: usd(total), balance: usd(status === 'paid' ? 0 : total), status };
}
function payment(id: string, receivedOn: string, amount: number, invoiceId: string | null): Payment {
  return { id, receivedOn, amount: usd(amount), invoiceId };
}
function account(id: string, records: Partial<HistoryAccount>): HistoryAccount {
  return { id, name: id, segment: 'b2b', collector: ASHA, invoices: [], payments: [], credits: [], promises: [], activities: [], disputes: [], ...records };
}

describe('month-end metrics: the worked examples of domain-rules.md (h)', () => {
  it('CEI over three months, N = 3: 6,200; 10,890/3; 6,340; 3,590 → 55.9 %', () => {
    // Begin A/R 6,200 (Dec); sales 3,630 a month; end March: 3,590 not yet due + 2,750 overdue = 6,340.
    const history: ReportHistory = {
      accounts: [
        account('A', {
          invoices: [
            invoice('I0', '2025-12-01', '2026-01-15', 6_200),
            invoice('I1', '2026-01-10', '2026-02-09', 3_630),
            invoice('I2', '2026-02-10', '2026-03-12', 3_630),
            invoice('I3', '2026-03-10', '2026-04-09', 3_630),
          ],
          payments: [payment('P0', '2026-01-20', 6_200, 'I0'), payment('P1', '2026-02-05', 3_630, 'I1'), payment('P2', '2026-03-20', 880, 'I2'), payment('P3', '2026-03-25', 40, 'I3')],
        }),
      ],
    };
    const report = buildManagementReport(history, { from: '2026-01', to: '2026-03', asOf: '2026-03-31', reportingCurrency: 'USD' });
    const march = report.receivables.months[2];
    expect(report.receivables.opening.total).toBe(6_200);
    expect(report.receivables.months.reduce((sum, m) => sum + m.sales, 0)).toBe(10_890);
    expect([march?.total, march?.current]).toEqual([6_340, 3_590]);
    expect(report.receivables.periodCei).toBe(55.9);
  });

  it('count-back DSO: A/R 212,000; sales 100,000, 80,000, 70,000 (latest first), 30-day months → 73.7', () => {
    const history: ReportHistory = {
      accounts: [
        account('A', {
          invoices: [invoice('J', '2026-04-05', '2026-07-04', 70_000), invoice('K', '2026-05-05', '2026-08-04', 80_000), invoice('L', '2026-06-05', '2026-09-04', 100_000)],
          payments: [payment('P', '2026-06-20', 38_000, 'J')],
        }),
      ],
    };
    const options: ReportOptions = { from: '2026-06', to: '2026-06', asOf: '2026-06-30', reportingCurrency: 'USD', dayBasis: 30 };
    const june = buildManagementReport(history, options).receivables.months[0];
    expect(june?.total).toBe(212_000);
    expect(june?.dsoCountBack).toBe(73.7);
    // All of it is not yet due: best possible DSO = 212,000 / 100,000 × 30, nothing delinquent.
    expect(june?.bestPossibleDso).toBe(63.6);
    expect(june?.averageDaysDelinquent).toBe(0);
    // On calendar days June has 30 days, May 31 and April 30: 30 + 31 + 32/70 × 30.
    expect(buildManagementReport(history, { ...options, dayBasis: 'calendar' }).receivables.months[0]?.dsoCountBack).toBe(74.7);
  });

  it("counts back a whole month when that month's sales are all still open, and leaves ratios empty without sales", () => {
    const history = { accounts: [account('A', { invoices: [invoice('I', '2026-01-10', '2026-01-20', 500)] })] };
    const [jan, feb] = buildManagementReport(history, { from: '2026-01', to: '2026-02', asOf: '2026-02-28', reportingCurrency: 'USD' }).receivables.months;
    expect(jan?.dsoCountBack).toBe(31);
    expect([jan?.percentOver90, jan?.buckets['1-30']]).toEqual([0, 500]);
    // February: no sales, so no best possible DSO or ADD; the count-back runs on into January.
    expect([feb?.dsoCountBack, feb?.bestPossibleDso, feb?.averageDaysDelinquent]).toEqual([59, null, null]);
  });
});

// ---------------------------------------------------------------------------------------------
// Month-end rebuild = brute force

const CURRENCIES = ['USD', 'EUR', 'JPY'] as const;

const historyArbitrary: fc.Arbitrary<HistoryAccount[]> = fc
  .array(
    fc.record({
      invoices: fc.array(
        fc.record({
          issue: fc.integer({ min: toEpochDay('2025-09-01'), max: toEpochDay('2026-07-31') }),
          terms: fc.integer({ min: 0, max: 150 }),
          total: fc.integer({ min: 0, max: 500_000 }),
          currency: fc.constantFrom(...CURRENCIES),
          status: fc.constantFrom<Invoice['status']>('open', 'partially_paid', 'paid', 'cancelled'),
        }),
        { maxLength: 6 },
      ),
      payments: fc.array(
        fc.record({ day: fc.integer({ min: toEpochDay('2025-09-01'), max: toEpochDay('2026-08-31') }), amount: fc.integer({ min: 1, max: 300_000 }), invoice: fc.integer({ min: -1, max: 6 }), currency: fc.constantFrom(...CURRENCIES) }),
        { maxLength: 8 },
      ),
      credits: fc.array(
        fc.record({ day: fc.integer({ min: toEpochDay('2025-09-01'), max: toEpochDay('2026-08-31') }), amount: fc.integer({ min: 1, max: 90_000 }), kind: fc.constantFrom<Credit['kind']>('credit_note', 'unapplied_cash'), currency: fc.constantFrom(...CURRENCIES) }),
        { maxLength: 3 },
      ),
    }),
    { minLength: 1, maxLength: 4 },
  )
  .map((accounts) =>
    accounts.map((a, k) => {
      const invoices = a.invoices.map((i, n) => ({
        id: `I${k}-${n}`,
        number: `${n}`,
        issueDate: fromEpochDay(i.issue),
        dueDate: fromEpochDay(i.issue + i.terms),
        total: { amountMinor: i.total, currency: i.currency },
        balance: { amountMinor: 0, currency: i.currency },
        status: i.status,
      }));
      return account(`A${k}`, {
        invoices,
        payments: a.payments.map((p, n) => ({ id: `P${k}-${n}`, receivedOn: fromEpochDay(p.day), amount: { amountMinor: p.amount, currency: invoices[p.invoice]?.total.currency ?? p.currency }, invoiceId: invoices[p.invoice]?.id ?? null })),
        credits: a.credits.map((c, n) => ({ id: `C${k}-${n}`, kind: c.kind, amount: { amountMinor: c.amount, currency: c.currency }, issuedOn: fromEpochDay(c.day) })),
      });
    }),
  );

const JPY_RATE = { from: 'JPY', to: 'USD', rate: '0.006712', asOf: '2025-01-01' };

/** The definition of receivables.ts, one month-end at a time, straight from the records. */
function bruteForce(accounts: HistoryAccount[], monthEnd: string) {
  const rates = [...RATES, JPY_RATE];
  const toUsd = (amountMinor: number, currency: string) => convert({ amountMinor, currency }, 'USD', rates, monthEnd).amountMinor;
  const row = { total: 0, current: 0, over90: 0, creditNotes: 0, unappliedCash: 0, sales: 0, buckets: Object.fromEntries(AGING_BUCKETS.map((b) => [b, 0])) as Record<string, number> };
  for (const a of accounts) {
    for (const i of a.invoices) {
      if (i.status === 'cancelled' || i.issueDate > monthEnd) {
        continue;
      }
      if (i.issueDate.slice(0, 7) === monthEnd.slice(0, 7)) {
        row.sales += toUsd(i.total.amountMinor, i.total.currency);
      }
      const paid = a.payments.filter((p) => p.invoiceId === i.id && p.receivedOn <= monthEnd && p.amount.currency === i.total.currency).reduce((s, p) => s + p.amount.amountMinor, 0);
      const open = Math.max(0, i.total.amountMinor - paid);
      if (open === 0) {
        continue;
      }
      const amount = toUsd(open, i.total.currency);
      const bucket = agingBucket(Math.max(0, toEpochDay(monthEnd) - toEpochDay(i.dueDate)));
      row.total += amount;
      row.buckets[bucket] = (row.buckets[bucket] ?? 0) + amount;
      row.current += bucket === 'current' ? amount : 0;
      row.over90 += OVER_90_BUCKETS.includes(bucket) ? amount : 0;
    }
    for (const c of a.credits) {
      if (c.issuedOn <= monthEnd) {
        row[c.kind === 'credit_note' ? 'creditNotes' : 'unappliedCash'] += toUsd(c.amount.amountMinor, c.amount.currency);
      }
    }
  }
  return { ...row, net: row.total - row.creditNotes - row.unappliedCash };
}

describe('month-end receivables rebuilt from invoices, payments and credits', () => {
  it('equal a brute-force recomputation over random histories', () => {
    fc.assert(
      fc.property(historyArbitrary, (accounts) => {
        const options = parseOptions({ from: '2025-10', to: '2026-08', asOf: '2026-08-31', reportingCurrency: 'USD', rates: [...RATES, JPY_RATE] });
        const rebuilt = rebuildMonthEnds(parseHistory({ accounts }, 'UTC'), options.months, options);
        expect(rebuilt).toEqual(options.months.map((m) => ({ month: m.month, asOf: fromEpochDay(m.lastDay), ...bruteForce(accounts, fromEpochDay(m.lastDay)) })));
      }),
      { numRuns: 150 },
    );
  });
});

describe('aging report (aggregate.ts laid out as rows)', () => {
  it('totals equal the sum of open balances, per row and per grouping', () => {
    fc.assert(
      fc.property(
        asOfArbitrary.chain((asOf) => fc.tuple(fc.constant(asOf), portfolioArbitrary(asOf, 6), fc.integer())),
        ([asOf, scenarios, seed]) => {
          const facts = computeFacts(addShuffled(new PortfolioBook(), scenarios, seed), { asOf, reportingCurrency: REPORTING, rates: RATES, defaultZone: DEFAULT_ZONE });
          const { rows } = agingReport(aggregatePortfolio(facts));
          const openOf = (id: string) => facts.account(facts.indexOf(id)).reporting.open.amountMinor;
          const book = rows.find((r) => r.grouping === 'book');
          expect(book?.open).toBe(scenarios.reduce((sum, s) => sum + openOf(s.account.id), 0));
          for (const row of rows) {
            expect(AGING_BUCKETS.reduce((sum, b) => sum + row.buckets[b], 0)).toBe(row.open);
          }
          for (const grouping of ['collector', 'segment', 'currency'] as const) {
            expect(rows.filter((r) => r.grouping === grouping).reduce((sum, r) => sum + r.open, 0)).toBe(book?.open);
          }
          // In each account currency: the open balances of the invoices in that currency, straight from the records.
          for (const row of rows.filter((r) => r.grouping === 'currency')) {
            const native = scenarios
              .filter((s) => s.account.currency === row.group)
              .flatMap((s) => s.invoices)
              .filter((i) => (i.status === 'open' || i.status === 'partially_paid') && i.balance.currency === row.group && i.balance.amountMinor > 0)
              .reduce((sum, i) => sum + i.balance.amountMinor, 0);
            expect(row.nativeOpen).toBe(native);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('explains the balance in words: open − credits = net, and what of it is disputed, promised, on plan', () => {
    const book = new PortfolioBook();
    const usdIndex = book.currencyIndex('USD');
    const a = book.addAccountCompact('A', { currencyIndex: usdIndex, segment: 'b2b' });
    book.addInvoiceCompact(a, toEpochDay('2026-01-01'), 10_000, usdIndex, 'open');
    book.addCreditCompact(a, usdIndex, 'credit_note', 1_500);
    const aggregates = aggregatePortfolio(computeFacts(book, { asOf: '2026-03-01T12:00:00Z', reportingCurrency: 'USD' }));
    const lines = explainBalance(aggregates.total);
    expect(lines.map((l) => l.label)).toEqual(['Open invoices', 'Unapplied cash and credit notes', 'Net balance', 'Overdue', 'In dispute', 'Promised to pay', 'On a payment plan', 'Left to collect']);
    expect(lines[0]?.amount.amountMinor).toBe(10_000);
    expect(lines[2]?.amount.amountMinor).toBe(10_000 - (lines[1]?.amount.amountMinor ?? 0));
  });
});

// ---------------------------------------------------------------------------------------------
// Cash, promises, collectors, disputes

function call(id: string, occurredAt: string, conversation: boolean, createdBy = ASHA): Activity {
  return { id, kind: 'call', direction: 'outbound', occurredAt, conversation, createdBy };
}
function promise(id: string, takenOn: string, dueDate: string, amount: number): PromiseToPay {
  return { id, takenOn, dueDate, amount: usd(amount), invoiceIds: [], status: 'pending' };
}

const busyHistory: ReportHistory = {
  accounts: [
    account('A', {
      invoices: [invoice('I1', '2026-01-05', '2026-02-04', 50_000)],
      payments: [payment('P1', '2026-02-02', 20_000, 'I1'), payment('P2', '2026-02-09', 10_000, 'I1'), payment('P3', '2026-03-01', 5_000, null)],
      promises: [promise('R1', '2026-01-20', '2026-02-02', 20_000), promise('R2', '2026-02-03', '2026-02-10', 15_000), promise('R3', '2026-02-15', '2026-02-20', 5_000)],
      activities: [call('C1', '2026-01-20T10:00:00Z', true), call('C2', '2026-02-03T23:30:00Z', true), call('C3', '2026-02-15T09:00:00Z', false), { ...call('E1', '2026-02-16T09:00:00Z', false), kind: 'email' }],
      disputes: [
        { id: 'D1', reason: 'pricing', status: 'open', lines: [{ invoiceId: 'I1', amount: usd(4_000) }], owner: ASHA, openedOn: '2026-02-01', slaDueDate: '2026-02-13' },
        { id: 'D2', reason: 'pricing', status: 'resolved_credit', lines: [{ invoiceId: 'I1', amount: usd(1_000) }], owner: ASHA, openedOn: '2026-01-10', slaDueDate: '2026-01-23', resolvedOn: '2026-01-30' },
      ],
    }),
    account('B', { collector: BEN, segment: 'b2c', payments: [payment('P4', '2026-03-02', 7_000, null)], activities: [call('C4', '2026-03-02T12:00:00Z', false, BEN)] }),
  ],
};
const busyOptions: ReportOptions = { from: '2026-01', to: '2026-03', asOf: '2026-03-31', reportingCurrency: 'USD' };

describe('cash collected, promises, collectors and disputes', () => {
  it('adds cash by day, ISO week (Monday), month and collector', () => {
    const { cash } = buildManagementReport(busyHistory, busyOptions);
    expect(cash.total).toBe(42_000);
    expect(cash.byMonth).toEqual([
      { period: '2026-02', amount: 30_000, payments: 2 },
      { period: '2026-03', amount: 12_000, payments: 2 },
    ]);
    // 2026-03-01 is a Sunday (week of 23 Feb), 2026-03-02 a Monday.
    expect(cash.byWeek.map((w) => [w.period, w.amount])).toEqual([['2026-02-02', 20_000], ['2026-02-09', 10_000], ['2026-02-23', 5_000], ['2026-03-02', 7_000]]);
    expect(cash.byDay).toHaveLength(4);
    expect(cash.byCollector.map((c) => [c.collector?.name, c.amount])).toEqual([['Asha', 35_000], ['Ben', 7_000]]);
  });

  it('counts promises taken, kept, partially kept and broken, with the kept rate by count and amount (promises.ts)', () => {
    const { promises } = buildManagementReport(busyHistory, busyOptions);
    // R1 20,000 due 2 Feb: paid 20,000 on 2 Feb → kept. R2 15,000 due 10 Feb: 10,000 on 9 Feb → partially kept. R3 → broken.
    expect(promises.total).toMatchObject({ taken: 3, takenAmount: 40_000, due: 3, kept: 1, partiallyKept: 1, broken: 1, promisedAmount: 40_000, receivedAmount: 30_000, keptRateByCount: 33.3, keptRateByAmount: 75 });
    expect(promises.byMonth.map((m) => [m.month, m.due])).toEqual([['2026-01', 0], ['2026-02', 3], ['2026-03', 0]]);
  });

  it('measures collector productivity: calls, right-party contacts, promises per call, cash', () => {
    const { collectors } = buildManagementReport(busyHistory, busyOptions);
    expect(collectors).toEqual([
      { collector: ASHA, accounts: 1, calls: 3, contacts: 4, rightPartyContacts: 2, rightPartyRate: 66.7, promisesTaken: 3, promisesPerCall: 1, promiseRate: 150, cashCollected: 35_000 },
      { collector: BEN, accounts: 1, calls: 1, contacts: 1, rightPartyContacts: 0, rightPartyRate: 0, promisesTaken: 0, promisesPerCall: 0, promiseRate: null, cashCollected: 7_000 },
    ]);
  });

  it('lists open disputes by reason and age, SLA breaches and average days to resolve', () => {
    const { disputes } = buildManagementReport(busyHistory, busyOptions);
    expect(disputes).toMatchObject({ open: 1, openAmount: 4_000, openPastSla: 1, resolved: 1, resolvedLate: 1, averageDaysToResolve: 20 });
    expect(disputes.byReason).toEqual([{ reason: 'pricing', label: expect.any(String), open: 1, amount: 4_000, byAge: { '0-10': 0, '11-30': 0, '31-60': 1, '61-90': 0, '90+': 0 }, pastSla: 1 }]);
  });

  it('puts an activity on the day of its instant in the report zone, never the host zone', () => {
    const utc = buildManagementReport(busyHistory, busyOptions);
    const answers = underHostTimeZones(STRESS_HOST_ZONES, () => JSON.stringify(buildManagementReport(busyHistory, busyOptions)));
    expect(new Set(answers).size).toBe(1);
    expect(answers[0]).toBe(JSON.stringify(utc));
    // 20:00 UTC on 31 Jan is 01:30 on 1 Feb in Kolkata: a February call there, a January one in UTC.
    const late = { accounts: [account('A', { activities: [call('C', '2026-01-31T20:00:00Z', true)] })] };
    const february = { ...busyOptions, from: '2026-02', to: '2026-02' };
    expect(buildManagementReport(late, february).collectors[0]?.calls).toBe(0);
    expect(buildManagementReport(late, { ...february, timeZone: 'Asia/Kolkata' }).collectors[0]?.calls).toBe(1);
  });

  it('rejects bad input with the field named', () => {
    expectDomainError(() => reportMonths('2026-11', '2026-01'), 'out_of_range', 'to');
    expectDomainError(() => reportMonths('2026-13', '2026-12'), 'invalid_date', 'from');
    const bad = { accounts: [account('A', { payments: [payment('P', '2026-02-30', 5, null)] })] };
    expectDomainError(() => buildManagementReport(bad, busyOptions), 'invalid_date', 'accounts[0].payments[0].receivedOn');
    const eur = { accounts: [account('A', { payments: [{ id: 'P', receivedOn: '2026-02-01', amount: { amountMinor: 5, currency: 'EUR' } }] })] };
    expectDomainError(() => buildManagementReport(eur, busyOptions), 'missing_rate', 'rates');
  });
});
