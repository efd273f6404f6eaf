import { describe, expect, it } from 'vitest';
import { basisPointsToPct, euLatePaymentInterest, msmedInterest, ukFixedCompensation, ukLatePaymentInterest } from './interest';
import { money } from './money';
import { errorOf } from './test-support';

const RBI_BANK_RATE = [
  { effectiveFrom: '2025-04-09', ratePct: '6.25' },
  { effectiveFrom: '2025-06-06', ratePct: '5.75' },
];

describe('MSMED Act s.16 compound interest', () => {
  it('worked example: ₹1,00,000, 3 rests, Bank Rate 5.75 % → ₹4,374.79', () => {
    const result = msmedInterest({ principal: money(10_000_000, 'INR'), from: '2025-07-01', rests: 3, bankRates: RBI_BANK_RATE });
    expect(result.interest).toEqual(money(437_479, 'INR'));
    expect(result.rests.map((r) => [r.restDate, r.bankRatePct, r.annualRatePct])).toEqual([
      ['2025-08-01', '5.75', '17.25'],
      ['2025-09-01', '5.75', '17.25'],
      ['2025-10-01', '5.75', '17.25'],
    ]);
    expect(result.rests[2]?.balance).toEqual(money(10_437_479, 'INR'));
  });

  it('uses the rate in force at each monthly rest (Calcutta HC 2024)', () => {
    // Rests 15 May (6.25 → 18.75 %), 15 Jun and 15 Jul (5.75 → 17.25 %):
    // 100000 × 1.015625 × 1.014375² − 100000 = 4503.4088…
    const result = msmedInterest({ principal: money(10_000_000, 'INR'), from: '2025-04-15', rests: 3, bankRates: RBI_BANK_RATE });
    expect(result.rests.map((r) => r.annualRatePct)).toEqual(['18.75', '17.25', '17.25']);
    expect(result.interest).toEqual(money(450_341, 'INR'));
  });

  it('counts complete months up to a date and reports leftover days', () => {
    const result = msmedInterest({ principal: money(10_000_000, 'INR'), from: '2025-07-01', until: '2025-10-20', bankRates: RBI_BANK_RATE });
    expect(result.rests).toHaveLength(3);
    expect(result.uncompoundedDays).toBe(19);
    expect(result.interest).toEqual(money(437_479, 'INR'));
    expect(msmedInterest({ principal: money(100, 'INR'), from: '2025-07-01', rests: 0, bankRates: RBI_BANK_RATE }).interest).toEqual(money(0, 'INR'));
  });

  it('validates', () => {
    const ok = { principal: money(10_000_000, 'INR'), from: '2025-07-01', rests: 3, bankRates: RBI_BANK_RATE };
    expect(errorOf(() => msmedInterest({ ...ok, rests: -1 })).field).toBe('rests');
    expect(errorOf(() => msmedInterest({ ...ok, until: '2025-08-01' })).field).toBe('rests');
    expect(errorOf(() => msmedInterest({ ...ok, principal: money(0, 'INR') })).field).toBe('principal.amountMinor');
    expect(errorOf(() => msmedInterest({ ...ok, bankRates: [] })).code).toBe('missing_rate');
    expect(errorOf(() => msmedInterest({ ...ok, from: '2025-01-01' })).code).toBe('missing_rate');
    expect(errorOf(() => msmedInterest({ ...ok, bankRates: [{ effectiveFrom: '2025-01-01', ratePct: '5,75' }] })).field).toBe('bankRates[0].ratePct');
    expect(errorOf(() => msmedInterest({ ...ok, bankRates: [{ effectiveFrom: '2025-02-30', ratePct: '5.75' }] })).field).toBe('bankRates[0].effectiveFrom');
  });
});

describe('UK Late Payment Act', () => {
  it('worked example: £5,000, 30 days, reference 5.25 % → £54.45 + £70', () => {
    const result = ukLatePaymentInterest({ debt: money(500_000, 'GBP'), dueDate: '2024-03-01', until: '2024-03-31', referenceRatePct: '5.25' });
    expect(result.daysLate).toBe(30);
    expect(result.interest).toEqual(money(5_445, 'GBP'));
    expect(result.fixedCompensation).toEqual(money(7_000, 'GBP'));
    expect(result.totalClaim).toEqual(money(12_445, 'GBP'));
    expect(result.segments[0]?.annualRatePct).toBe('13.25');
  });

  it('fixes the reference per half-year from the base rate on 31 Dec / 30 Jun', () => {
    const baseRates = [
      { effectiveFrom: '2023-08-03', ratePct: '5.25' },
      { effectiveFrom: '2024-08-01', ratePct: '5' },
    ];
    // 1 Jun-30 Jun: H1 reference = rate on 2023-12-31 = 5.25; 1 Jul-10 Jul: H2 reference = rate on 2024-06-30 = 5.25.
    const result = ukLatePaymentInterest({ debt: money(500_000, 'GBP'), dueDate: '2024-05-31', until: '2024-07-10', referenceRates: baseRates });
    expect(result.segments.map((s) => [s.from, s.to, s.days, s.referenceRatePct])).toEqual([
      ['2024-06-01', '2024-06-30', 30, '5.25'],
      ['2024-07-01', '2024-07-10', 10, '5.25'],
    ]);
    // H1 2025 uses the base rate on 2024-12-31 (5 %) → 13 %.
    const next = ukLatePaymentInterest({ debt: money(500_000, 'GBP'), dueDate: '2024-12-31', until: '2025-01-30', referenceRates: baseRates });
    expect(next.segments[0]?.annualRatePct).toBe('13');
    expect(next.interest).toEqual(money(5_342, 'GBP')); // 5000 × 13 % × 30/365 = 53.424…
  });

  it('applies the compensation bands', () => {
    expect(ukFixedCompensation(money(99_999, 'GBP'))).toEqual(money(4_000, 'GBP'));
    expect(ukFixedCompensation(money(100_000, 'GBP'))).toEqual(money(7_000, 'GBP'));
    expect(ukFixedCompensation(money(999_999, 'GBP'))).toEqual(money(7_000, 'GBP'));
    expect(ukFixedCompensation(money(1_000_000, 'GBP'))).toEqual(money(10_000, 'GBP'));
  });

  it('gives zero interest when paid on time, and validates', () => {
    expect(ukLatePaymentInterest({ debt: money(500_000, 'GBP'), dueDate: '2024-03-01', until: '2024-03-01', referenceRatePct: 5 }).interest).toEqual(money(0, 'GBP'));
    expect(errorOf(() => ukLatePaymentInterest({ debt: money(500_000, 'USD'), dueDate: '2024-03-01', until: '2024-03-31', referenceRatePct: 5 })).code).toBe('currency_mismatch');
    expect(errorOf(() => ukLatePaymentInterest({ debt: money(500_000, 'GBP'), dueDate: '2024-03-01', until: '2024-03-31' })).code).toBe('missing_rate');
    expect(errorOf(() => ukLatePaymentInterest({ debt: money(500_000, 'GBP'), dueDate: '2024-03-01', until: '2024-03-31', referenceRatePct: '-1' })).field).toBe('referenceRatePct');
  });
});

describe('EU Directive 2011/7/EU', () => {
  it('worked example: €10,000, 45 days, reference 2.15 % → €125.14 + €40', () => {
    const result = euLatePaymentInterest({ debt: money(1_000_000, 'EUR'), dueDate: '2025-09-01', until: '2025-10-16', referenceRatePct: '2.15' });
    expect(result.daysLate).toBe(45);
    expect(result.interest).toEqual(money(12_514, 'EUR'));
    expect(result.fixedCompensation).toEqual(money(4_000, 'EUR'));
    expect(result.segments[0]?.annualRatePct).toBe('10.15');
  });

  it('takes the ECB rate in force on 1 Jan / 1 Jul from a table and honours a higher margin', () => {
    const ecb = [
      { effectiveFrom: '2025-06-11', ratePct: basisPointsToPct(215) },
      { effectiveFrom: '2024-12-18', ratePct: '3.15' },
    ];
    const result = euLatePaymentInterest({ debt: money(1_000_000, 'EUR'), dueDate: '2025-06-20', until: '2025-07-05', referenceRates: ecb, marginPct: '9' });
    expect(result.segments.map((s) => [s.days, s.referenceRatePct, s.annualRatePct])).toEqual([
      [10, '3.15', '12.15'],
      [5, '2.15', '11.15'],
    ]);
  });

  it('needs compensation stated outside the euro and a margin of at least 8 points', () => {
    expect(errorOf(() => euLatePaymentInterest({ debt: money(100_000, 'PLN'), dueDate: '2025-09-01', until: '2025-10-16', referenceRatePct: '5.75' })).field).toBe('fixedCompensation');
    const pln = euLatePaymentInterest({ debt: money(100_000, 'PLN'), dueDate: '2025-09-01', until: '2025-10-16', referenceRatePct: '5.75', fixedCompensation: money(17_000, 'PLN') });
    expect(pln.totalClaim.currency).toBe('PLN');
    expect(errorOf(() => euLatePaymentInterest({ debt: money(100_000, 'EUR'), dueDate: '2025-09-01', until: '2025-10-16', referenceRatePct: '2', marginPct: 7 })).field).toBe('marginPct');
  });

  it('converts basis points', () => {
    expect(basisPointsToPct(575)).toBe('5.75');
    expect(basisPointsToPct(5)).toBe('0.05');
    expect(basisPointsToPct(-25)).toBe('-0.25');
  });
});
