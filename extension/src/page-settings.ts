/**
 * The three settings the panel in the page reads (locale, compliance profile, reporting currency), each checked
 * without zod by the same rule as settings.ts `SettingsSchema` (page-settings.test.ts compares them field by field):
 * zod/mini stays out of panel.js (decision 0007, issue 18). A bad field falls back to '' (the default), as in
 * `normaliseSettings`.
 */
import { isProfileId } from '../../connector/domain/vocabulary';

export interface PageSettings {
  locale: string;
  complianceProfile: string;
  reportingCurrency: string;
}

export const PAGE_SETTING_RULES: { [K in keyof PageSettings]: (value: unknown) => boolean } = {
  locale: (value) => typeof value === 'string' && value.length <= 35,
  complianceProfile: (value) => typeof value === 'string' && (value === '' || isProfileId(value)),
  reportingCurrency: (value) => typeof value === 'string' && /^([A-Z]{3})?$/.test(value),
};

export function pageSettings(stored: unknown): PageSettings {
  const record = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  const read = (key: keyof PageSettings): string => (PAGE_SETTING_RULES[key](record[key]) ? (record[key] as string) : '');
  return { locale: read('locale'), complianceProfile: read('complianceProfile'), reportingCurrency: read('reportingCurrency') };
}
