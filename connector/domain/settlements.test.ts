import { describe, expect, it } from 'vitest';
import { money } from './money';
import { evaluateSettlementOffer } from './settlements';
import { errorOf } from './test-support';

const policy = { maxDiscountPct: 40, approvalThresholdPct: '20', approvalAmountThreshold: money(500_000, 'GBP') };

describe('evaluateSettlementOffer', () => {
  const balance = money(1_000_000, 'GBP');

  it('allows a discount within policy without approval', () => {
    const result = evaluateSettlementOffer({ balance, offerAmount: money(850_000, 'GBP'), remainderTreatment: 'extinguished' }, policy);
    expect(result).toMatchObject({ allowed: true, needsApproval: false, discount: money(150_000, 'GBP'), discountPct: 15 });
    expect(result.remainderStatement).toMatch(/written off/);
  });

  it('treats the threshold as inclusive and requires approval above it', () => {
    expect(evaluateSettlementOffer({ balance, offerAmount: money(800_000, 'GBP'), remainderTreatment: 'extinguished' }, policy).needsApproval).toBe(false);
    const above = evaluateSettlementOffer({ balance, offerAmount: money(799_999, 'GBP'), remainderTreatment: 'may_be_pursued' }, policy);
    expect(above).toMatchObject({ allowed: true, needsApproval: true, discountPct: 20 });
    expect(above.reasons[0]).toMatch(/approval threshold/);
    expect(above.remainderStatement).toMatch(/may still be pursued or sold/);
  });

  it('requires approval above an amount threshold', () => {
    const big = money(10_000_000, 'GBP');
    const result = evaluateSettlementOffer({ balance: big, offerAmount: money(9_000_000, 'GBP'), remainderTreatment: 'extinguished' }, policy);
    expect(result.needsApproval).toBe(true);
    expect(result.reasons[0]).toMatch(/approval amount/);
  });

  it('refuses a discount above the ceiling', () => {
    const result = evaluateSettlementOffer({ balance, offerAmount: money(599_999, 'GBP'), remainderTreatment: 'extinguished' }, policy);
    expect(result).toMatchObject({ allowed: false, needsApproval: false, discountPct: 40 });
    expect(result.reasons).toEqual(['discount 40% exceeds the maximum of 40%']);
  });

  it('accepts a full-balance offer', () => {
    expect(evaluateSettlementOffer({ balance, offerAmount: balance, remainderTreatment: 'extinguished' }, policy).reasons).toEqual(['offer covers the full balance']);
  });

  it('validates the offer and the policy', () => {
    const ok = { balance, offerAmount: money(900_000, 'GBP'), remainderTreatment: 'extinguished' as const };
    expect(errorOf(() => evaluateSettlementOffer({ ...ok, offerAmount: money(1_000_001, 'GBP') }, policy)).field).toBe('offerAmount.amountMinor');
    expect(errorOf(() => evaluateSettlementOffer({ ...ok, offerAmount: money(0, 'GBP') }, policy)).field).toBe('offerAmount.amountMinor');
    expect(errorOf(() => evaluateSettlementOffer({ ...ok, offerAmount: money(5, 'EUR') }, policy)).code).toBe('currency_mismatch');
    expect(errorOf(() => evaluateSettlementOffer({ ...ok, balance: money(0, 'GBP') }, policy)).field).toBe('balance.amountMinor');
    expect(errorOf(() => evaluateSettlementOffer({ ...ok, remainderTreatment: undefined as never }, policy)).field).toBe('remainderTreatment');
    expect(errorOf(() => evaluateSettlementOffer(ok, { ...policy, maxDiscountPct: 120 })).field).toBe('policy.maxDiscountPct');
    expect(errorOf(() => evaluateSettlementOffer(ok, { ...policy, approvalThresholdPct: 'NaN' })).field).toBe('policy.approvalThresholdPct');
    expect(errorOf(() => evaluateSettlementOffer(ok, { ...policy, approvalAmountThreshold: money(1, 'USD') })).code).toBe('currency_mismatch');
  });
});
