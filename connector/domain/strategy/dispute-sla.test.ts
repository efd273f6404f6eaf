import { describe, expect, it } from 'vitest';
import { DEFAULT_STRATEGY } from './defaults';
import { DEFAULT_DISPUTE_SLA_POLICY, disputeSlaPolicyOf, parseDisputeSlaPolicy } from './dispute-sla';
import { DisputeSlaPolicySchema } from './dispute-sla-schema';
import { parseStrategy } from './parse';
import { StrategySchema } from './schema';

const mutations: unknown[] = [
  DEFAULT_DISPUTE_SLA_POLICY,
  { ...DEFAULT_DISPUTE_SLA_POLICY, byReason: { pricing: 5, tax: 20 } },
  { ...DEFAULT_DISPUTE_SLA_POLICY, byReason: { nonsense: 5 } },
  { ...DEFAULT_DISPUTE_SLA_POLICY, resolveBusinessDays: 0 },
  { ...DEFAULT_DISPUTE_SLA_POLICY, resolveBusinessDays: 61 },
  { ...DEFAULT_DISPUTE_SLA_POLICY, steps: [] },
  { ...DEFAULT_DISPUTE_SLA_POLICY, steps: [{ id: 'x', label: 'x', offsetBusinessDays: -21, action: 'remind_owner' }] },
  { ...DEFAULT_DISPUTE_SLA_POLICY, steps: [{ id: 'x y', label: 'x', offsetBusinessDays: -1, action: 'remind_owner' }] },
  { ...DEFAULT_DISPUTE_SLA_POLICY, steps: [{ id: 'x', label: 'x', offsetBusinessDays: -1, action: 'call' }] },
];

describe('dispute SLA as strategy data', () => {
  it('ships with the default strategy, which still parses', () => {
    expect(parseStrategy(DEFAULT_STRATEGY).disputeSla).toEqual(DEFAULT_DISPUTE_SLA_POLICY);
    expect(disputeSlaPolicyOf(DEFAULT_STRATEGY)).toBe(DEFAULT_STRATEGY.disputeSla);
    const { disputeSla: _omitted, ...older } = DEFAULT_STRATEGY;
    expect(disputeSlaPolicyOf(parseStrategy(older))).toBe(DEFAULT_DISPUTE_SLA_POLICY);
  });

  it('accepts and refuses the same shapes as the zod/mini schema', () => {
    for (const input of mutations) {
      const zodOk = DisputeSlaPolicySchema.safeParse(input).success;
      let guardOk = true;
      try {
        parseDisputeSlaPolicy(input);
      } catch {
        guardOk = false;
      }
      expect({ input, guardOk }).toEqual({ input, guardOk: zodOk });
    }
  });

  it('is validated inside a strategy, naming the field', () => {
    const bad = { ...DEFAULT_STRATEGY, disputeSla: { ...DEFAULT_DISPUTE_SLA_POLICY, steps: [{ id: 'late', label: 'x', offsetBusinessDays: -1, action: 'escalate_owner_manager' }] } };
    expect(StrategySchema.safeParse(bad).success).toBe(true);
    expect(() => parseStrategy(bad)).toThrow(/disputeSla.steps.0.offsetBusinessDays|escalation comes after/);
  });
});
