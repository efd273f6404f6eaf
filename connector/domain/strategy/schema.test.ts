/* eslint-disable @typescript-eslint/no-explicit-any -- these tests mutate strategies into shapes the types forbid, on purpose */
import { describe, expect, it } from 'vitest';
import { errorOf } from '../test-support';
import { DEFAULT_STRATEGY } from './defaults';
import { nextAction } from './next-action';
import { parseStrategy, strategyShapeOf } from './parse';
import { StrategySchema } from './schema';
import * as z from 'zod/mini';

/** A mutable deep copy of the default strategy. */
function copy(): any {
  return structuredClone(DEFAULT_STRATEGY);
}

/** The error an invalid strategy gives: its field and message. */
function rejection(mutate: (strategy: any) => void): { code: string; field: string; message: string } {
  const strategy = copy();
  mutate(strategy);
  const error = errorOf(() => parseStrategy(strategy));
  return { code: error.code, field: error.field, message: error.message };
}

describe('parseStrategy', () => {
  it('accepts the shipped default and returns an equal strategy', () => {
    expect(parseStrategy(copy())).toEqual(DEFAULT_STRATEGY);
    expect(Object.isFrozen(DEFAULT_STRATEGY.segments[0]!.steps[0])).toBe(true);
  });

  it.each([
    ['a step with an unknown action', (s: any) => (s.segments[1].steps[2].action = 'sms'), 'segments.1.steps.2.action', "segment 'regulated-consumer' step 'first-call'"],
    ['an e-mail without a template', (s: any) => delete s.segments[4].steps[1].templateId, 'segments.4.steps.1.templateId', "segment 'standard' step 'first-reminder': an e-mail step needs a template id"],
    ['a letter without a template', (s: any) => delete s.segments[4].steps[4].templateId, 'segments.4.steps.4.templateId', 'a letter step needs a template id'],
    ['a template on a call', (s: any) => (s.segments[4].steps[3].templateId = 'x'), 'segments.4.steps.3.templateId', "only e-mail and letter steps take a template (this step is 'call')"],
    ['a call without a contact level', (s: any) => delete s.segments[4].steps[3].contactLevel, 'segments.4.steps.3.contactLevel', "step 'first-call': a 'call' step needs the contact level it goes to"],
    ['a contact level that does not exist', (s: any) => (s.segments[4].steps[3].contactLevel = 3), 'segments.4.steps.3.contactLevel', 'there is no contact level 3 (levels 0 to 2)'],
    ['a contact level on an internal step', (s: any) => (s.segments[4].steps[6].contactLevel = 0), 'segments.4.steps.6.contactLevel', "an internal 'suggest_credit_hold' step goes to no customer contact"],
    ['steps out of day order', (s: any) => (s.segments[4].steps[2].offsetDays = 3), 'segments.4.steps.2.offsetDays', "step 'second-reminder': must come after the previous step's 3 days"],
    ['a fractional offset', (s: any) => (s.segments[0].steps[0].offsetDays = -4.5), 'segments.0.steps.0.offsetDays', "segment 'key-accounts' step 'pre-due'"],
    ['an offset out of range', (s: any) => (s.segments[0].steps[0].offsetDays = -61), 'segments.0.steps.0.offsetDays', "step 'pre-due'"],
    ['a step id used twice', (s: any) => (s.segments[4].steps[2].id = 'pre-due'), 'segments.4.steps.2.id', "id 'pre-due' is used twice"],
    ['a segment id used twice', (s: any) => (s.segments[3].id = 'standard'), 'segments.4.id', "id 'standard' is used twice"],
    ['an empty ladder', (s: any) => (s.segments[2].steps = []), 'segments.2.steps', "segment 'high-risk-large'"],
    ['a missing tolerance', (s: any) => delete s.pauses.promiseToleranceDays, 'pauses.promiseToleranceDays', 'strategy'],
    ['a gap above 30 days', (s: any) => (s.pauses.minGapDays = 31), 'pauses.minGapDays', 'strategy'],
    ['an unknown contact role', (s: any) => (s.contactLevels[0].roles = ['clerk']), 'contactLevels.0.roles.0', 'strategy'],
    ['an amount band upside down', (s: any) => (s.segments[3].match.maxAmountMinor = 100), 'segments.3.match.maxAmountMinor', 'the upper amount must be above the lower amount'],
    ['a lower-case country', (s: any) => (s.segments[3].match.countries = ['in']), 'segments.3.match.countries.0', 'must be an ISO 3166-1 alpha-2 code'],
    ['no catch-all last segment', (s: any) => (s.segments[4].match = { tiers: ['standard'] }), 'segments.4.match', 'the last segment must take every account'],
  ])('rejects %s, naming the step and field', (_what, mutate, field, words) => {
    const error = rejection(mutate);
    expect(error.code).toBe('invalid_input');
    expect(error.field).toBe(field);
    expect(error.message).toContain(words);
  });

  it('rejects more than 10 steps after the due date (Chaser\'s limit)', () => {
    const error = rejection((s) => {
      s.segments[4].steps = Array.from({ length: 11 }, (_, i) => ({ id: `s${i}`, label: `Step ${i}`, offsetDays: i * 5, action: 'call', contactLevel: 0 }));
    });
    expect(error).toMatchObject({ field: 'segments.4.steps', message: "segments.4.steps: segment 'standard': at most 10 steps before and 10 after the due date" });
  });

  it('rejects an unknown currency with its own code', () => {
    expect(rejection((s) => (s.currency = 'ABC'))).toMatchObject({ code: 'unknown_currency', field: 'currency' });
  });

  it('never falls back to the default: nextAction refuses an invalid strategy', () => {
    const bad = copy();
    delete bad.segments[4].steps[1].templateId;
    const facts = {
      accountId: 'A', zone: 'UTC', collectable: { amountMinor: 1, currency: 'USD' }, oldestDueDate: '2026-01-01', disputedInvoices: 0, promiseDueDate: null, plan: null,
      lastContactAt: null, riskRating: null, keyAccount: false, country: null, complianceProfile: null, owner: null, contacts: [],
    };
    expect(errorOf(() => nextAction(facts, { at: '2026-02-01T00:00:00Z', strategy: bad })).field).toBe('segments.4.steps.1.templateId');
    expect(errorOf(() => nextAction(facts, { at: '2026-02-01T00:00:00Z', strategy: null as never })).field).toBe('strategy');
  });
});

describe('StrategySchema (zod/mini, the connector\'s contract) and parseStrategy\'s guards accept the same shapes', () => {
  const shapes: [string, (s: any) => void][] = [
    ['valid', () => undefined],
    ['unknown action', (s) => (s.segments[1].steps[2].action = 'sms')],
    ['fractional offset', (s) => (s.segments[0].steps[0].offsetDays = -4.5)],
    ['offset too early', (s) => (s.segments[0].steps[0].offsetDays = -61)],
    ['offset too late', (s) => (s.segments[0].steps[0].offsetDays = 731)],
    ['empty ladder', (s) => (s.segments[2].steps = [])],
    ['21 steps', (s) => (s.segments[4].steps = Array.from({ length: 21 }, (_, i) => ({ id: `s${i}`, label: 'x', offsetDays: i, action: 'call', contactLevel: 0 })))],
    ['missing tolerance', (s) => delete s.pauses.promiseToleranceDays],
    ['gap 31', (s) => (s.pauses.minGapDays = 31)],
    ['unknown role', (s) => (s.contactLevels[0].roles = ['clerk'])],
    ['no roles', (s) => (s.contactLevels[0].roles = [])],
    ['empty title word', (s) => (s.contactLevels[1].titleWords = [''])],
    ['lower-case country', (s) => (s.segments[3].match.countries = ['in'])],
    ['empty risk list', (s) => (s.segments[3].match.risk = [])],
    ['bad profile id', (s) => (s.segments[1].match.complianceProfiles = ['UK FCA'])],
    ['negative amount', (s) => (s.segments[3].match.minAmountMinor = -1)],
    ['bad id characters', (s) => (s.segments[3].id = 'large segment')],
    ['empty label', (s) => (s.segments[3].steps[0].label = '')],
    ['long label', (s) => (s.segments[3].steps[0].label = 'x'.repeat(121))],
    ['currency shape', (s) => (s.currency = 'usd')],
    ['negative contact level', (s) => (s.segments[4].steps[3].contactLevel = -1)],
    ['empty template', (s) => (s.segments[4].steps[1].templateId = '')],
    ['strategy not an object', (s) => (s.segments = null)],
    ['unknown tier', (s) => (s.segments[0].match.tiers = ['gold'])],
    // Cross-field rules are parseStrategy's alone: both shapes accept this.
    ['missing template (a rule, not a shape)', (s) => delete s.segments[4].steps[1].templateId],
  ];
  it.each(shapes)('%s', (_what, mutate) => {
    const strategy = copy();
    mutate(strategy);
    const zod = z.safeParse(StrategySchema, strategy);
    let guardField: string | null = null;
    try {
      strategyShapeOf(strategy);
    } catch (error) {
      guardField = (error as { field: string }).field;
    }
    expect(guardField === null).toBe(zod.success);
    if (!zod.success) {
      expect(zod.error.issues.map((issue) => issue.path.join('.'))).toContain(guardField);
    }
  });
});
