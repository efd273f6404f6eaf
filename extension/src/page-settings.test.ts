/** The page's zod-free reading of its three settings agrees with SettingsSchema field by field. */
import { describe, expect, it } from 'vitest';
import { pageSettings, PAGE_SETTING_RULES } from './page-settings';
import { DEFAULT_SETTINGS, normaliseSettings, SettingsSchema } from './settings';

const CANDIDATES: unknown[] = [
  '', 'en-US', 'de-DE', 'x'.repeat(35), 'x'.repeat(36), 'us-fdcpa', 'uk-fca', 'US-FDCPA', 'a b', 'EUR', 'eur', 'EURO', 'EU',
  'a'.repeat(40), 'a'.repeat(41), 3, null, undefined, true, {}, ['EUR'],
];

describe('page settings (zod-free)', () => {
  it.each(Object.keys(PAGE_SETTING_RULES) as (keyof typeof PAGE_SETTING_RULES)[])('%s: same verdict as SettingsSchema on every candidate', (key) => {
    for (const candidate of CANDIDATES) {
      expect(PAGE_SETTING_RULES[key](candidate), `${key} ${JSON.stringify(candidate)}`).toBe(SettingsSchema.shape[key].safeParse(candidate).success);
    }
  });

  it('reads the same values as normaliseSettings, a bad field falling back to its default', () => {
    const stored = { locale: 'fr-FR', complianceProfile: 'NOT A PROFILE', reportingCurrency: 'EUR', autoOpen: 'account' };
    const full = normaliseSettings(stored);
    expect(pageSettings(stored)).toEqual({ locale: full.locale, complianceProfile: full.complianceProfile, reportingCurrency: full.reportingCurrency });
    expect(pageSettings(undefined)).toEqual({ locale: DEFAULT_SETTINGS.locale, complianceProfile: '', reportingCurrency: '' });
  });
});
