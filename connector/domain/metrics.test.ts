import { describe, expect, it } from 'vitest';
import {
  averageDaysDelinquent, badDebtRatio, bestPossibleDso, collectionEffectivenessIndex, dsoCountBack, dsoSimple, percentCurrent,
  percentOver90, ptpKeptRateByAmount, ptpKeptRateByCount, rollRate,
} from './metrics';
import { money } from './money';
import { errorOf } from './test-support';

const usd = (dollars: number) => money(dollars * 100, 'USD');

describe('domain-rules (h) worked examples', () => {
  it('DSO simple: 27 and 91.25', () => {
    expect(dsoSimple({ receivables: usd(18_000), creditSales: usd(20_000), days: 30 })).toBe(27);
    expect(dsoSimple({ receivables: usd(50_000), creditSales: usd(200_000), days: 365 })).toBe(91.25);
  });

  it('DSO count-back: 73.7', () => {
    const periods = [
      { sales: usd(100_000), days: 30 },
      { sales: usd(80_000), days: 30 },
      { sales: usd(70_000), days: 30 },
    ];
    expect(dsoCountBack({ receivables: usd(212_000), periods, decimals: 1 })).toBe(73.7);
    expect(dsoCountBack({ receivables: usd(212_000), periods })).toBe(73.71);
  });

  it('BPDSO 12 and ADD 33', () => {
    expect(bestPossibleDso({ currentReceivables: usd(4_000), creditSales: usd(10_000), days: 30 })).toBe(12);
    expect(averageDaysDelinquent({ receivables: usd(15_000), currentReceivables: usd(4_000), creditSales: usd(10_000), days: 30 })).toBe(33);
  });

  it('CEI 55.9 %', () => {
    const input = { beginningReceivables: usd(6_200), creditSales: usd(10_890), months: 3, endingReceivables: usd(6_340), endingCurrentReceivables: usd(3_590) };
    expect(collectionEffectivenessIndex({ ...input, decimals: 1 })).toBe(55.9);
    expect(collectionEffectivenessIndex(input)).toBe(55.93);
  });

  it('roll rate 20 % and bad-debt ratio 1 %', () => {
    expect(rollRate({ bucketAtStart: usd(1_000_000), rolledForward: usd(200_000) })).toBe(20);
    expect(badDebtRatio({ writeOffs: usd(1_000), creditSales: usd(100_000) })).toBe(1);
  });

  it('% current, % over 90 and PTP kept rates', () => {
    expect(percentCurrent({ current: usd(9_056), total: usd(10_000) })).toBe(90.56);
    expect(percentOver90({ over90: usd(56), total: usd(10_000) })).toBe(0.56);
    expect(ptpKeptRateByCount({ kept: 2, due: 3 })).toBe(66.67);
    expect(ptpKeptRateByAmount({ received: usd(190), promised: usd(400), decimals: 1 })).toBe(47.5);
  });
});

describe('edge cases and validation', () => {
  it('returns null instead of NaN or Infinity on zero denominators', () => {
    expect(dsoSimple({ receivables: usd(1), creditSales: usd(0), days: 30 })).toBeNull();
    expect(percentCurrent({ current: usd(0), total: usd(0) })).toBeNull();
    expect(ptpKeptRateByCount({ kept: 0, due: 0 })).toBeNull();
  });

  it('count-back stops early, handles zero A/R and refuses short history', () => {
    expect(dsoCountBack({ receivables: usd(0), periods: [] })).toBe(0);
    expect(dsoCountBack({ receivables: usd(50_000), periods: [{ sales: usd(100_000), days: 31 }] })).toBe(15.5);
    expect(errorOf(() => dsoCountBack({ receivables: usd(300_000), periods: [{ sales: usd(100_000), days: 30 }] })).field).toBe('periods');
  });

  it('rounds half-up exactly', () => {
    // 1/8 × 100 = 12.5 → 13 at 0 dp; 2/3 → 0.67
    expect(percentCurrent({ current: usd(1), total: usd(8), decimals: 0 })).toBe(13);
    expect(dsoSimple({ receivables: usd(2), creditSales: usd(3), days: 1 })).toBe(0.67);
  });

  it('names bad fields', () => {
    expect(errorOf(() => dsoSimple({ receivables: usd(1), creditSales: money(1, 'EUR'), days: 30 })).field).toBe('creditSales.currency');
    expect(errorOf(() => dsoSimple({ receivables: usd(1), creditSales: usd(1), days: 0 })).field).toBe('days');
    expect(errorOf(() => dsoSimple({ receivables: usd(-1), creditSales: usd(1), days: 30 })).field).toBe('receivables.amountMinor');
    expect(errorOf(() => percentOver90({ over90: usd(2), total: usd(1) })).field).toBe('over90.amountMinor');
    expect(errorOf(() => collectionEffectivenessIndex({ beginningReceivables: usd(1), creditSales: usd(1), months: 365, endingReceivables: usd(1), endingCurrentReceivables: usd(1) })).field).toBe('months');
    expect(errorOf(() => averageDaysDelinquent({ receivables: usd(1), currentReceivables: usd(2), creditSales: usd(1), days: 30 })).field).toBe('currentReceivables.amountMinor');
    expect(errorOf(() => ptpKeptRateByCount({ kept: 4, due: 3 })).field).toBe('kept');
    expect(errorOf(() => dsoSimple({ receivables: usd(1), creditSales: usd(1), days: 30, decimals: -1 })).field).toBe('decimals');
  });
});
