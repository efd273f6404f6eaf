import { describe, expect, it } from 'vitest';
import * as partA from './index-a';

describe('index-a barrel', () => {
  it('exposes the part A API as functions and data', () => {
    for (const name of ['money', 'ageInvoices', 'buildSchedule', 'evaluatePromise', 'evaluateSettlementOffer', 'msmedInterest', 'slaDueDate', 'dsoSimple', 'addMonthsClamped', 'currencyExponent']) {
      expect(typeof (partA as Record<string, unknown>)[name]).toBe('function');
    }
    expect(partA.AGING_BUCKETS).toHaveLength(6);
    expect(Object.keys(partA.DISPUTE_REASONS)).toHaveLength(10);
  });

  it('works end to end through the barrel', () => {
    expect(partA.formatMoney(partA.money(10_000_000, 'INR'), 'en-IN')).toBe('₹1,00,000.00');
  });
});
