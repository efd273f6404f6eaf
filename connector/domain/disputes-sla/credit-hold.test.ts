import { describe, expect, it } from 'vitest';
import { expectDomainError, STRESS_HOST_ZONES, underHostTimeZones } from '../test-support';
import { defaultCreditHoldPolicy, suggestCreditHold } from './credit-hold';
import type { CreditHoldPolicy } from './credit-hold';

const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });
const POLICY: CreditHoldPolicy = { overLimit: true, overdueDays: 90, overdueThreshold: usd(1_000_000) };
const asOf = '2026-12-06';

describe('credit-hold suggestion', () => {
  it('suggests a hold over the credit limit, in words with the utilisation', () => {
    const result = suggestCreditHold({ invoices: [{ dueDate: '2026-12-01', balance: usd(1_250_000) }], creditLimit: usd(1_000_000), asOf, currency: 'USD' }, POLICY);
    expect(result).toMatchObject({ suggested: true, utilisationPercent: 125 });
    expect(result.reasons).toEqual(['Over the credit limit: owes $12,500.00 against a limit of $10,000.00 (125% used).']);
  });

  it('suggests a hold when the 90+ days overdue amount is above the threshold, not at it', () => {
    const old = '2026-09-07'; // 90 days before asOf
    const at = suggestCreditHold({ invoices: [{ dueDate: old, balance: usd(1_000_000) }], creditLimit: null, asOf, currency: 'USD' }, POLICY);
    expect(at.suggested).toBe(false);
    const above = suggestCreditHold({ invoices: [{ dueDate: old, balance: usd(600_000) }, { dueDate: '2026-08-01', balance: usd(400_001) }, { dueDate: '2026-09-08', balance: usd(9_000_000) }], creditLimit: null, asOf, currency: 'USD' }, POLICY);
    expect(above.seriouslyOverdue).toEqual(usd(1_000_001));
    expect(above.reasons).toEqual(['$10,000.01 is 90 or more days overdue, above the $10,000.00 the policy allows.']);
  });

  it('lists both reasons, ignores paid invoices, and can turn the limit rule off', () => {
    const input = { invoices: [{ dueDate: '2026-01-01', balance: usd(2_000_000) }, { dueDate: '2026-01-01', balance: usd(0) }], creditLimit: usd(1_000_000), asOf, currency: 'USD' };
    expect(suggestCreditHold(input, POLICY).reasons).toHaveLength(2);
    expect(suggestCreditHold(input, { ...POLICY, overLimit: false }).reasons).toHaveLength(1);
    expect(suggestCreditHold({ ...input, invoices: [] }, POLICY)).toMatchObject({ suggested: false, reasons: [], utilisationPercent: 0 });
  });

  it('refuses mixed currencies rather than converting silently', () => {
    expectDomainError(() => suggestCreditHold({ invoices: [], creditLimit: { amountMinor: 1, currency: 'EUR' }, asOf, currency: 'USD' }, POLICY), 'currency_mismatch', 'creditLimit.currency');
    expectDomainError(() => suggestCreditHold({ invoices: [{ dueDate: asOf, balance: { amountMinor: 1, currency: 'INR' } }], creditLimit: null, asOf, currency: 'USD' }, POLICY), 'currency_mismatch', 'invoices[0].balance.currency');
    expectDomainError(() => suggestCreditHold({ invoices: [], creditLimit: null, asOf, currency: 'USD' }, { ...POLICY, overdueDays: 0 }), 'out_of_range', 'policy.overdueDays');
  });

  it('answers identically whatever the host time zone is', () => {
    const results = underHostTimeZones(STRESS_HOST_ZONES, () => suggestCreditHold({ invoices: [{ dueDate: '2026-09-07', balance: usd(2_000_000) }], creditLimit: usd(1), asOf, currency: 'USD' }, POLICY));
    results.forEach((result) => expect(result).toEqual(results[0]));
  });

  it('the shipped policy holds anything 90+ days overdue or over the limit, and says so without "above $0.00"', () => {
    const policy = defaultCreditHoldPolicy('USD');
    expect(suggestCreditHold({ invoices: [{ dueDate: '2026-09-07', balance: usd(1) }], creditLimit: null, asOf, currency: 'USD' }, policy).reasons).toEqual(['$0.01 is 90 or more days overdue.']);
    expect(suggestCreditHold({ invoices: [{ dueDate: '2026-09-08', balance: usd(1) }], creditLimit: null, asOf, currency: 'USD' }, policy).suggested).toBe(false);
  });
});
