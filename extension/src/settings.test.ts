import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, normaliseSettings, shouldAutoOpen, validateSettings } from './settings';

describe('settings', () => {
  it('defaults to a collapsed panel (zero API requests per page view) and the product mapping', () => {
    expect(normaliseSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS.autoOpen).toBe('never');
  });

  it('keeps valid stored fields and replaces only the invalid ones', () => {
    const stored = { autoOpen: 'accounts', reportingCurrency: 'eur', oauthClientId: '3MVG9abc', unknown: 1 };
    expect(normaliseSettings(stored)).toEqual({ ...DEFAULT_SETTINGS, autoOpen: 'accounts', oauthClientId: '3MVG9abc' });
  });

  it('validates the form and names the bad field', () => {
    expect(validateSettings({ ...DEFAULT_SETTINGS, reportingCurrency: 'EURO' })).toMatchObject({ ok: false, field: 'reportingCurrency' });
    // A malformed profile id would make every snapshot request invalid: refused at the form, ignored when stored.
    expect(validateSettings({ ...DEFAULT_SETTINGS, complianceProfile: 'US FDCPA' })).toMatchObject({ ok: false, field: 'complianceProfile' });
    expect(validateSettings({ ...DEFAULT_SETTINGS, complianceProfile: 'us-fdcpa' })).toMatchObject({ ok: true });
    expect(normaliseSettings({ complianceProfile: 'US FDCPA' }).complianceProfile).toBe('');
    expect(validateSettings({ ...DEFAULT_SETTINGS, autoOpen: 'sometimes' })).toMatchObject({ ok: false, field: 'autoOpen' });
    expect(validateSettings({ ...DEFAULT_SETTINGS, mappingPreset: 'custom', customMapping: '{not json' })).toMatchObject({ ok: false, field: 'customMapping' });
    expect(validateSettings({ ...DEFAULT_SETTINGS, mappingPreset: 'custom', customMapping: '[1]' })).toMatchObject({ ok: false, field: 'customMapping' });
    expect(validateSettings({ ...DEFAULT_SETTINGS, mappingPreset: 'custom', customMapping: '{"invoice":{}}' })).toMatchObject({ ok: true });
  });

  it('auto-opens only where the rule says', () => {
    expect(shouldAutoOpen('never', 'account')).toBe(false);
    expect(shouldAutoOpen('accounts', 'account')).toBe(true);
    expect(shouldAutoOpen('accounts', 'contact')).toBe(false);
    expect(shouldAutoOpen('all', 'case')).toBe(true);
  });
});
