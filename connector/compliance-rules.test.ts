import { describe, expect, it } from 'vitest';
import { getProfileRules } from './domain/compliance/profiles';
import { resolveComplianceRules } from './compliance-rules';

const ACCOUNT_ID = '001000000000001AAA';

describe('resolveComplianceRules', () => {
  it("applies the host's override, else the account's profile, else the B2B default", () => {
    expect(resolveComplianceRules({ id: ACCOUNT_ID, complianceProfile: 'in-rbi' }, 'uk-fca')).toEqual({ rules: getProfileRules('uk-fca'), note: null });
    expect(resolveComplianceRules({ id: ACCOUNT_ID, complianceProfile: 'in-rbi' })).toEqual({ rules: getProfileRules('in-rbi'), note: null });
    expect(resolveComplianceRules({ id: ACCOUNT_ID, complianceProfile: 'in-rbi' }, '')).toEqual({ rules: getProfileRules('in-rbi'), note: null });
    expect(resolveComplianceRules({ id: ACCOUNT_ID, complianceProfile: null })).toEqual({ rules: getProfileRules('b2b-default'), note: null });
    expect(resolveComplianceRules({ id: ACCOUNT_ID })).toEqual({ rules: getProfileRules('b2b-default'), note: null });
  });

  it('never falls back to a laxer policy for an unknown id: no rules and a data-quality note naming it', () => {
    const fromAccount = resolveComplianceRules({ id: ACCOUNT_ID, complianceProfile: 'us-tx' });
    expect(fromAccount.rules).toBeNull();
    expect(fromAccount.note).toMatchObject({ recordKind: 'account', recordId: ACCOUNT_ID, field: 'complianceProfile' });
    expect(fromAccount.note?.message).toMatch(/^The account's compliance profile "us-tx" is not one the panel knows \(us-fdcpa, .*b2b-default\)/);
    const fromHost = resolveComplianceRules({ id: ACCOUNT_ID, complianceProfile: 'in-rbi' }, 'eu-gdpr');
    expect(fromHost.rules).toBeNull();
    expect(fromHost.note?.message).toMatch(/^The compliance profile chosen in the panel settings "eu-gdpr"/);
  });
});
