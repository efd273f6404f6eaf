/**
 * guards.ts must accept exactly what the zod/mini schemas in model.ts and compliance/profile.ts
 * accept, return the same parsed value, and name the same first offending field. Every leaf and
 * branch of real-shaped fixtures is replaced by wrong-typed, empty, boundary and malformed values and
 * both validators are compared on each mutant.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { DomainValidationError } from './errors';
import type { Guard } from './guard';
import * as guards from './guards';
import {
  AccountSchema,
  ActivitySchema,
  ChannelSchema,
  ContactSchema,
  CreditSchema,
  CurrencyCodeSchema,
  DisputeReasonSchema,
  DisputeSchema,
  DisputeStatusSchema,
  InstantSchema,
  InvoiceSchema,
  IsoDateSchema,
  MoneySchema,
  PaymentPlanSchema,
  PaymentSchema,
  PlanFrequencySchema,
  PromiseToPaySchema,
  PriorityResultSchema,
} from './model';
import { PolicyProfileSchema, PolicyRulesSchema } from './compliance/profile';
import { getProfileRules, PROFILE_IDS, PROFILES } from './compliance/profiles';
import { scoreAccount } from './priority';
import { call, debtorAccount, debtorContact } from './compliance/fixtures';

const HistoryActivitySchema = z.extend(ActivitySchema, { debtRefs: z.optional(z.nullable(z.array(z.string()))) });

const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });

const invoice = {
  id: 'a0AR0000001INV1AAA',
  number: 'INV-2026-0412',
  issueDate: '2026-08-01',
  dueDate: '2026-08-31',
  total: usd(1_250_00),
  balance: usd(750_00),
  status: 'partially_paid',
  poNumber: 'PO-88',
};
const plan = {
  id: 'a0PR0000001PLN1AAA',
  status: 'active',
  frequency: 'monthly',
  total: usd(3_000_00),
  downPayment: usd(500_00),
  instalments: [
    { id: 'i1', sequence: 0, dueDate: '2026-09-01', amount: usd(500_00), paidAmount: usd(500_00), status: 'paid' },
    { id: null, sequence: 1, dueDate: '2026-10-01', amount: usd(2_500_00), paidAmount: usd(0), status: 'scheduled' },
  ],
  invoiceIds: ['a0AR0000001INV1AAA'],
  createdOn: '2026-08-20',
};
const dispute = {
  id: '500R000000DSP1AAA',
  reference: '00001042',
  reason: 'pricing',
  status: 'in_review',
  lines: [{ invoiceId: 'a0AR0000001INV1AAA', amount: usd(120_00) }],
  owner: { id: '005R0000001xYzAIAU', name: 'Dana Collector', email: null },
  openedOn: '2026-09-02',
  slaDueDate: '2026-09-16',
  evidence: null,
};
const promise = {
  id: 'a0QR0000001PTP1AAA',
  takenOn: '2026-09-01',
  dueDate: '2026-09-15',
  amount: usd(400_00),
  invoiceIds: ['a0AR0000001INV1AAA'],
  status: 'pending',
  contactId: '003R000000Xy12AIAB',
};
const payment = { id: 'pay-1', receivedOn: '2026-09-14', amount: usd(400_00), invoiceId: null };
const credit = { id: 'cr-1', kind: 'credit_note', amount: usd(50_00), issuedOn: '2026-09-10', reference: 'CN-7' };
const account = debtorAccount({
  collector: { id: '005R0000001xYzAIAU', name: 'Dana Collector' },
  creditLimit: usd(10_000_00),
  riskRating: 'high',
  keyAccount: false,
  flags: [{ flag: 'vulnerable', since: '2026-01-01', until: null, note: 'specialist team' }],
});
const contact = debtorContact({ title: 'Owner', optOuts: ['sms'] });
const activity = call('2026-09-01T14:05:00.000-04:00', { debtRefs: ['LOAN-1'], subject: 'Chaser', createdBy: { id: 'u1', name: 'Dana' } });

/** Values substituted at every path: wrong types, empties, boundaries, malformed formats. */
const REPLACEMENTS: unknown[] = [
  undefined,
  null,
  '',
  'x',
  0,
  -1,
  1.5,
  Number.NaN,
  2 ** 60,
  true,
  [],
  {},
  ['call'],
  'USD',
  'usd',
  'monday',
  'mon',
  '2026-02-29',
  '2024-02-29',
  '2026-13-01',
  '2026-09-01T14:05:00Z',
  '2026-09-01T14:05Z',
  '2026-09-01T14:05:00',
  '2026-09-01T24:00:00+01:00',
  '09:00',
  '9:00',
  '23:59',
  'us-fdcpa',
  'US_FDCPA',
];

type Outcome = { ok: true; value: unknown } | { ok: false; path: string };

function viaZod(schema: z.ZodMiniType, value: unknown): Outcome {
  const result = schema.safeParse(value);
  if (result.success) {
    return { ok: true, value: result.data };
  }
  const issue = result.error.issues[0];
  return { ok: false, path: ['root', ...(issue?.path ?? []).map(String)].join('.') };
}

function viaGuard(guard: Guard<unknown>, value: unknown): Outcome {
  try {
    return { ok: true, value: guard(value, 'root') };
  } catch (error) {
    expect(error).toBeInstanceOf(DomainValidationError);
    return { ok: false, path: (error as DomainValidationError).field };
  }
}

/** The fixture itself plus one mutant per (path, replacement), including deleting each key. */
function* mutants(value: unknown): Generator<[string, unknown]> {
  yield ['(original)', value];
  for (const replacement of REPLACEMENTS) {
    yield [`= ${String(replacement)}`, replacement];
  }
  if (Array.isArray(value)) {
    for (const [index, entry] of value.entries()) {
      for (const [label, mutated] of mutants(entry)) {
        yield [`${index} ${label}`, value.map((e, i) => (i === index ? mutated : e))];
      }
    }
  } else if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    yield ['+extraKey', { ...record, extraKey: 1 }];
    for (const key of Object.keys(record)) {
      const { [key]: _removed, ...without } = record;
      yield [`-${key}`, without];
      for (const [label, mutated] of mutants(record[key])) {
        yield [`${key} ${label}`, { ...record, [key]: mutated }];
      }
    }
  }
}

/** A scored priority with every component and a reason (as `AccountSnapshot.priority` carries it). */
const priority = scoreAccount(
  { accountId: '001R000000AbCdEIAV', collectableReportingMinor: 0, currency: 'USD', maxDaysPastDue: 88, brokenPromisesLast90Days: 1, nextPromiseDueDate: '2026-06-20', lastConversationAt: '2026-06-01T15:00:00Z', riskRating: 'high', keyAccount: true },
  { asOf: '2026-06-03T14:00:00Z', zone: 'America/New_York' },
);

const cases: [name: string, guard: Guard<unknown>, schema: z.ZodMiniType, fixture: unknown][] = [
  ['money', guards.money, MoneySchema, usd(1)],
  ['currencyCode', guards.currencyCode, CurrencyCodeSchema, 'EUR'],
  ['isoDate', guards.isoDate, IsoDateSchema, '2026-09-01'],
  ['instant', guards.instant, InstantSchema, '2026-09-01T14:05:00.123+05:30'],
  ['channel', guards.channel, ChannelSchema, 'call'],
  ['planFrequency', guards.planFrequency, PlanFrequencySchema, 'weekly'],
  ['disputeReason', guards.disputeReason, DisputeReasonSchema, 'tax'],
  ['disputeStatus', guards.disputeStatus, DisputeStatusSchema, 'open'],
  ['invoice', guards.invoice, InvoiceSchema, invoice],
  ['payment', guards.payment, PaymentSchema, payment],
  ['credit', guards.credit, CreditSchema, credit],
  ['promiseToPay', guards.promiseToPay, PromiseToPaySchema, promise],
  ['paymentPlan', guards.paymentPlan, PaymentPlanSchema, plan],
  ['dispute', guards.dispute, DisputeSchema, dispute],
  ['account', guards.account, AccountSchema, account],
  ['contact', guards.contact, ContactSchema, contact],
  ['historyActivity', guards.historyActivity, HistoryActivitySchema, activity],
  ...Object.values(PROFILES).map(
    (profile) => [`policyProfile ${profile.id}`, guards.policyProfile, PolicyProfileSchema, profile] as [string, Guard<unknown>, z.ZodMiniType, unknown],
  ),
  ['priorityResult', guards.priorityResult, PriorityResultSchema, priority],
  ...PROFILE_IDS.map(
    (id) => [`policyRules ${id}`, guards.policyRules, PolicyRulesSchema, getProfileRules(id)] as [string, Guard<unknown>, z.ZodMiniType, unknown],
  ),
];

describe('guards.ts agrees with the zod/mini schemas', () => {
  it.each(cases)('%s: same acceptance, output and failing field on every mutant', (_name, guard, schema, fixture) => {
    let accepted = 0;
    let rejected = 0;
    for (const [label, value] of mutants(fixture)) {
      const expected = viaZod(schema, value);
      expect(viaGuard(guard, value), label).toEqual(expected);
      if (expected.ok) {
        accepted += 1;
      } else {
        rejected += 1;
      }
    }
    // The mutants must exercise both sides, or the comparison proves nothing.
    expect(accepted).toBeGreaterThan(0);
    expect(rejected).toBeGreaterThan(0);
  });

  it('reports malformed dates and instants as invalid_date, other fields as invalid_input', () => {
    const badDate = viaGuardError(guards.invoice, { ...invoice, dueDate: '2026-02-30' });
    expect([badDate.code, badDate.field]).toEqual(['invalid_date', 'invoice.dueDate']);
    const badInstant = viaGuardError(guards.historyActivity, { ...activity, occurredAt: 'yesterday' });
    expect([badInstant.code, badInstant.field]).toEqual(['invalid_date', 'invoice.occurredAt']);
    const badAmount = viaGuardError(guards.invoice, { ...invoice, total: usd(1.5) });
    expect([badAmount.code, badAmount.field]).toEqual(['invalid_input', 'invoice.total.amountMinor']);
  });
});

describe('calendar dates and instants: the shape regex + daysInMonth check agrees with zod', () => {
  const digits = (length: number, max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(length, '0'));
  // Every year (0000 and century years included), months 00-13 and days 00-32 cover every calendar edge.
  const dateText = fc.tuple(digits(4, 9999), digits(2, 13), digits(2, 32)).map(([y, m, d]) => `${y}-${m}-${d}`);
  const leapEdge = fc.integer({ min: 0, max: 9999 }).map((y) => `${String(y).padStart(4, '0')}-02-29`);
  const time = fc.tuple(digits(2, 25), digits(2, 61), digits(2, 61), fc.constantFrom('', '.5', '.123456789'));
  const offset = fc.oneof(fc.constant('Z'), fc.tuple(fc.constantFrom('+', '-'), digits(2, 25), digits(2, 61)).map(([s, h, m]) => `${s}${h}:${m}`));

  it('isoDate accepts exactly what IsoDateSchema accepts', () => {
    fc.assert(
      fc.property(fc.oneof(dateText, leapEdge, fc.string()), (text) => {
        expect(viaGuard(guards.isoDate, text)).toEqual(viaZod(IsoDateSchema, text));
      }),
      { numRuns: 3000 },
    );
  });

  it('instant accepts exactly what InstantSchema accepts', () => {
    const instantText = fc.tuple(fc.oneof(dateText, leapEdge), time, offset).map(([date, [h, m, s, frac], zone]) => `${date}T${h}:${m}:${s}${frac}${zone}`);
    fc.assert(
      fc.property(fc.oneof(instantText, fc.string()), (text) => {
        expect(viaGuard(guards.instant, text)).toEqual(viaZod(InstantSchema, text));
      }),
      { numRuns: 3000 },
    );
  });
});

function viaGuardError(guard: Guard<unknown>, value: unknown): DomainValidationError {
  try {
    guard(value, 'invoice');
  } catch (error) {
    if (error instanceof DomainValidationError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected a DomainValidationError');
}
