import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkContact } from './compliance/check-contact';
import { DomainValidationError } from './errors';
import { DEFAULT_PRIORITY_WEIGHTS, rankAccounts, scoreAccount, withComplianceGate } from './priority';
import type { PriorityFacts } from './priority';

const clock = { asOf: '2026-06-03T14:00:00Z', zone: 'America/New_York' }; // Wed 3 Jun 2026, 10:00 EDT

function facts(overrides: Partial<PriorityFacts> = {}): PriorityFacts {
  return {
    accountId: '001R000000AbCdEIAV',
    collectableReportingMinor: 1_250_000, // USD 12,500.00
    currency: 'USD',
    maxDaysPastDue: 45,
    brokenPromisesLast90Days: 0,
    nextPromiseDueDate: null,
    lastConversationAt: null,
    riskRating: null,
    keyAccount: false,
    compliance: null,
    ...overrides,
  };
}

const component = (result: ReturnType<typeof scoreAccount>, name: string) => result.components.find((entry) => entry.name === name);
const product = (result: ReturnType<typeof scoreAccount>) => result.components.reduce((acc, entry) => acc * entry.value, 1);

describe('scoreAccount', () => {
  it('core: collectable × (1 + β·ln(1 + DPD)) with documented defaults', () => {
    const result = scoreAccount(facts(), clock);
    expect(result.eligible).toBe(true);
    expect(component(result, 'urgency')?.value).toBeCloseTo(1 + 0.5 * Math.log(46), 12);
    expect(result.score).toBeCloseTo(1_250_000 * (1 + 0.5 * Math.log(46)), 6);
    expect(result.components.map((entry) => entry.name)).toEqual([
      'eligibility',
      'collectable',
      'urgency',
      'brokenPromises',
      'promiseDueSoon',
      'promiseInForce',
      'recentConversation',
      'risk',
      'keyAccount',
      'bucketBoundary',
    ]);
    expect(result.score).toBe(product(result));
  });

  it('caps DPD so very old debt stops gaining urgency', () => {
    const capped = scoreAccount(facts({ maxDaysPastDue: 900 }), clock);
    expect(component(capped, 'urgency')?.value).toBe(1 + 0.5 * Math.log(1 + DEFAULT_PRIORITY_WEIGHTS.dpdCap));
    expect(component(capped, 'urgency')?.explanation).toContain('capped at 180');
    expect(scoreAccount(facts({ maxDaysPastDue: -3 }), clock).components[2]?.value).toBe(1);
  });

  it('broken promises raise priority, capped at 3', () => {
    expect(component(scoreAccount(facts({ brokenPromisesLast90Days: 2 }), clock), 'brokenPromises')?.value).toBeCloseTo(1.3, 12);
    expect(component(scoreAccount(facts({ brokenPromisesLast90Days: 9 }), clock), 'brokenPromises')?.value).toBeCloseTo(1.45, 12);
  });

  it('promise due today or tomorrow boosts; a promise in force suppresses; a past-due date does neither', () => {
    expect(component(scoreAccount(facts({ nextPromiseDueDate: '2026-06-03' }), clock), 'promiseDueSoon')?.value).toBe(1.3);
    expect(component(scoreAccount(facts({ nextPromiseDueDate: '2026-06-04' }), clock), 'promiseDueSoon')?.value).toBe(1.3);
    const inForce = scoreAccount(facts({ nextPromiseDueDate: '2026-06-10' }), clock);
    expect(component(inForce, 'promiseInForce')?.value).toBe(0.2);
    expect(component(inForce, 'promiseDueSoon')?.value).toBe(1);
    const past = scoreAccount(facts({ nextPromiseDueDate: '2026-05-30' }), clock);
    expect([component(past, 'promiseDueSoon')?.value, component(past, 'promiseInForce')?.value]).toEqual([1, 1]);
  });

  it('"today" is the local day in the clock zone', () => {
    // 02:00Z on 4 Jun is still 3 Jun in New York: a promise due 4 Jun is "tomorrow", not "today".
    const lateEvening = scoreAccount(facts({ nextPromiseDueDate: '2026-06-05' }), { asOf: '2026-06-04T02:00:00Z', zone: 'America/New_York' });
    expect(component(lateEvening, 'promiseInForce')?.value).toBe(0.2);
    const sameInstantInDelhi = scoreAccount(facts({ nextPromiseDueDate: '2026-06-05' }), { asOf: '2026-06-04T02:00:00Z', zone: 'Asia/Kolkata' });
    expect(component(sameInstantInDelhi, 'promiseDueSoon')?.value).toBe(1.3);
  });

  it('a conversation in the last 7 local days (day 1 = its date) de-prioritises', () => {
    const day7 = scoreAccount(facts({ lastConversationAt: '2026-05-28T15:00:00Z' }), clock); // 28 May = day 1, 3 Jun = day 7
    expect(component(day7, 'recentConversation')?.value).toBe(0.5);
    expect(component(day7, 'recentConversation')?.explanation).toContain('day 7 of 7');
    const day8 = scoreAccount(facts({ lastConversationAt: '2026-05-27T15:00:00Z' }), clock);
    expect(component(day8, 'recentConversation')?.value).toBe(1);
  });

  it('risk rating, key account and the bucket-boundary boost', () => {
    expect(component(scoreAccount(facts({ riskRating: 'high' }), clock), 'risk')?.value).toBe(1.25);
    expect(component(scoreAccount(facts({ riskRating: 'low' }), clock), 'risk')?.value).toBe(0.9);
    expect(component(scoreAccount(facts({ keyAccount: true }), clock), 'keyAccount')?.value).toBe(1.2);
    expect([24, 25, 30, 31, 55, 60, 61].map((dpd) => component(scoreAccount(facts({ maxDaysPastDue: dpd }), clock), 'bucketBoundary')?.value)).toEqual([
      1, 1.2, 1.2, 1, 1.2, 1.2, 1,
    ]);
  });

  it('weights are configurable', () => {
    const result = scoreAccount(facts({ riskRating: 'high' }), clock, { urgencyBeta: 0, risk: { low: 1, medium: 1, high: 2 } });
    expect(result.score).toBe(2_500_000);
  });

  it('eligibility gate: a compliance block zeroes the score and carries reasons and next permitted contact', () => {
    const compliance = checkContact({
      profile: 'us-fdcpa',
      channel: 'call',
      at: '2026-06-04T02:00:00Z', // 22:00 EDT
      contact: {
        id: '003R000000Xy12AIAB',
        name: 'Maria Alvarez',
        phones: [{ number: '+1 212 555 0147', kind: 'mobile', timeZone: 'America/New_York' }],
        timeZone: 'America/New_York',
        role: 'debtor',
        optOuts: [],
      },
      account: {
        id: '001R000000AbCdEIAV',
        name: 'Maria Alvarez',
        owner: { id: '005R0000001xYzAIAU', name: 'Dana Collector' },
        segment: 'b2c',
        currency: 'USD',
        flags: [],
      },
      history: [],
    });
    const result = scoreAccount(facts({ compliance }), clock);
    expect(result.eligible).toBe(false);
    expect(result.score).toBe(0);
    expect(result.score).toBe(product(result));
    expect(result.reasons.map((reason) => reason.code)).toEqual(['outside_window']);
    expect(result.nextPermittedContactAt).toBe('2026-06-04T12:00:00.000Z');
    expect(component(result, 'eligibility')?.explanation).toContain('outside_window');
  });

  it('withComplianceGate: a priority scored without compliance, gated later, equals scoring with that answer', () => {
    const blocked = {
      allowed: false,
      nextAllowedAt: '2026-06-04T12:00:00.000Z',
      reasons: [
        { code: 'default_zone_used', severity: 'info', message: 'Zone fallback.', rule: 'US-3' },
        { code: 'outside_window', severity: 'block', message: 'It is 22:00: calls 08:00-21:00.', rule: 'US-1' },
        { code: 'frequency_cap', severity: 'block', message: '7 calls in 7 days.', rule: 'US-6' },
      ],
    } as NonNullable<PriorityFacts['compliance']>;
    const allowed = { allowed: true, nextAllowedAt: '2026-06-03T14:00:00.000Z', reasons: [] };
    fc.assert(
      fc.property(
        fc.integer({ min: -100_000, max: 10_000_000 }),
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 0, max: 5 }),
        fc.constantFrom(null, 'low', 'medium', 'high'),
        fc.boolean(),
        fc.constantFrom(null, allowed, blocked),
        (collectable, dpd, broken, risk, key, compliance) => {
          const base = facts({ collectableReportingMinor: collectable, maxDaysPastDue: dpd, brokenPromisesLast90Days: broken, riskRating: risk as PriorityFacts['riskRating'], keyAccount: key });
          // Through JSON, as a snapshot's priority arrives in the page.
          const ungated = JSON.parse(JSON.stringify(scoreAccount(base, clock))) as ReturnType<typeof scoreAccount>;
          expect(withComplianceGate(ungated, compliance)).toEqual(scoreAccount({ ...base, compliance }, clock));
        },
      ),
    );
  });

  it('withComplianceGate, pinned: blocking reasons first, info dropped, score 0, next permitted contact', () => {
    const ungated = scoreAccount(facts({ collectableReportingMinor: 0 }), clock);
    const gated = withComplianceGate(ungated, {
      allowed: false,
      nextAllowedAt: '2026-06-04T12:00:00.000Z',
      reasons: [
        { code: 'default_zone_used', severity: 'info', message: 'Zone fallback.', rule: 'US-3' },
        { code: 'outside_window', severity: 'block', message: 'It is 22:00: calls 08:00-21:00.', rule: 'US-1' },
      ],
    } as NonNullable<PriorityFacts['compliance']>);
    expect(gated.eligible).toBe(false);
    expect(gated.score).toBe(0);
    expect(gated.reasons).toEqual([
      { code: 'outside_window', message: 'It is 22:00: calls 08:00-21:00.', rule: 'US-1' },
      { code: 'nothing_collectable', message: 'No collectable balance (paid, disputed or in credit).', rule: '(g) 1 eligibility' },
    ]);
    expect(gated.nextPermittedContactAt).toBe('2026-06-04T12:00:00.000Z');
    expect(component(gated, 'eligibility')).toEqual({
      name: 'eligibility',
      value: 0,
      explanation: 'Not contactable now: outside_window, nothing_collectable; next permitted 2026-06-04T12:00:00.000Z.',
    });
    // Every other factor is the ungated one.
    expect(gated.components.filter((c) => c.name !== 'eligibility')).toEqual(ungated.components.filter((c) => c.name !== 'eligibility'));
  });

  it('withComplianceGate rejects a malformed or already gated priority, naming the field', () => {
    const blocked = { allowed: false, nextAllowedAt: null, reasons: [{ code: 'account_flag', severity: 'hard', message: 'Cease.', rule: 'US-11' }] } as NonNullable<PriorityFacts['compliance']>;
    const gated = scoreAccount(facts({ compliance: blocked }), clock);
    expect(() => withComplianceGate(gated, null)).toThrow(/already gated/);
    const malformed = { ...scoreAccount(facts(), clock), score: 'high' } as unknown as ReturnType<typeof scoreAccount>;
    expect(() => withComplianceGate(malformed, null)).toThrow(DomainValidationError);
    expect(() => withComplianceGate(malformed, null)).toThrow(/priority\.score/);
  });

  it('nothing collectable is not eligible', () => {
    const result = scoreAccount(facts({ collectableReportingMinor: -5000 }), clock);
    expect(result.eligible).toBe(false);
    expect(result.reasons.map((reason) => reason.code)).toEqual(['nothing_collectable']);
    expect(result.score).toBe(0);
  });

  it('validates inputs, naming the field', () => {
    const expectField = (fn: () => unknown, code: string, field: string) => {
      try {
        fn();
      } catch (error) {
        expect(error).toBeInstanceOf(DomainValidationError);
        expect(error).toMatchObject({ code, field });
        return;
      }
      throw new Error('expected a DomainValidationError');
    };
    expectField(() => scoreAccount(facts({ collectableReportingMinor: 12.5 }), clock), 'invalid_input', 'facts.collectableReportingMinor');
    expectField(() => scoreAccount(facts({ brokenPromisesLast90Days: -1 }), clock), 'invalid_input', 'facts.brokenPromisesLast90Days');
    expectField(() => scoreAccount(facts({ nextPromiseDueDate: '2026-02-31' }), clock), 'invalid_date', 'facts.nextPromiseDueDate');
    expectField(() => scoreAccount(facts({ lastConversationAt: 'last week' }), clock), 'invalid_date', 'facts.lastConversationAt');
    expectField(() => scoreAccount(facts(), { asOf: '2026-06-03T14:00:00Z', zone: 'Mars/Base' }), 'invalid_time_zone', 'clock.zone');
    expectField(() => scoreAccount(facts(), clock, { urgencyBeta: Number.NaN }), 'invalid_input', 'weights.urgencyBeta');
    expectField(() => rankAccounts([facts(), facts({ maxDaysPastDue: 1.5 })], clock), 'invalid_input', 'list.1.maxDaysPastDue');
    expectField(() => rankAccounts([facts(), facts({ currency: 'EUR' })], clock), 'currency_mismatch', 'list.1.currency');
  });

  it('score is always the exact product of its components', () => {
    fc.assert(
      fc.property(
        fc.record({
          collectableReportingMinor: fc.integer({ min: -1000, max: 10_000_000_00 }),
          maxDaysPastDue: fc.integer({ min: -30, max: 2000 }),
          brokenPromisesLast90Days: fc.integer({ min: 0, max: 10 }),
          nextPromiseDueDate: fc.constantFrom(null, '2026-06-01', '2026-06-03', '2026-06-04', '2026-06-20'),
          lastConversationAt: fc.constantFrom(null, '2026-06-01T12:00:00Z', '2026-05-01T12:00:00Z'),
          riskRating: fc.constantFrom(null, 'low' as const, 'medium' as const, 'high' as const),
          keyAccount: fc.boolean(),
        }),
        (draft) => {
          const result = scoreAccount(facts(draft), clock);
          expect(result.score).toBe(product(result));
          expect(result.score >= 0).toBe(true);
        },
      ),
    );
  });
});

describe('rankAccounts', () => {
  it('orders eligible accounts by score, then blocked ones by next permitted contact; stable on ties', () => {
    const blockedSoon = { allowed: false, nextAllowedAt: '2026-06-04T12:00:00.000Z', reasons: [{ code: 'outside_window' as const, severity: 'block' as const, message: 'after hours', rule: 'US-1' }] };
    const blockedForever = { allowed: false, nextAllowedAt: null, reasons: [{ code: 'account_flag' as const, severity: 'hard' as const, message: 'bankruptcy', rule: 'US-18' }] };
    const ranked = rankAccounts(
      [
        facts({ accountId: 'A-small', collectableReportingMinor: 10_000 }),
        facts({ accountId: 'B-blocked-forever', compliance: blockedForever }),
        facts({ accountId: 'C-big', collectableReportingMinor: 5_000_000 }),
        facts({ accountId: 'D-tie-1', collectableReportingMinor: 200_000 }),
        facts({ accountId: 'E-blocked-soon', compliance: blockedSoon }),
        facts({ accountId: 'F-tie-2', collectableReportingMinor: 200_000 }),
      ],
      clock,
    );
    expect(ranked.map((row) => row.accountId)).toEqual(['C-big', 'D-tie-1', 'F-tie-2', 'A-small', 'E-blocked-soon', 'B-blocked-forever']);
    expect(ranked.map((row) => row.rank)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('a promise in force sinks an otherwise bigger account below a smaller one with a promise due today', () => {
    const ranked = rankAccounts(
      [
        facts({ accountId: 'in-force', collectableReportingMinor: 3_000_000, nextPromiseDueDate: '2026-06-12' }),
        facts({ accountId: 'due-today', collectableReportingMinor: 1_000_000, nextPromiseDueDate: '2026-06-03' }),
      ],
      clock,
    );
    expect(ranked.map((row) => row.accountId)).toEqual(['due-today', 'in-force']);
  });

  it('handles an empty list', () => {
    expect(rankAccounts([], clock)).toEqual([]);
  });
});
