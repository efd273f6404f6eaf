/**
 * The extension's options (chrome.storage.sync): typed defaults, validated on every read so a hand-edited or
 * older value never breaks the panel (refined-github `options-storage.ts` pattern). No secrets live here:
 * OAuth tokens stay in the worker (storage.session).
 */
import * as z from 'zod/mini';
import { isProfileId } from '../../connector/domain/vocabulary';
import { AUTO_OPEN_RULES } from './auto-open';

export { AUTO_OPEN_RULES, shouldAutoOpen } from './auto-open';
export type { AutoOpenRule } from './auto-open';

export const SettingsSchema = z.object({
  /** Connector mapping preset name, or 'custom' to use `customMapping`. */
  mappingPreset: z.string().check(z.regex(/^[a-z0-9-]{1,40}$/, 'must be a preset id')),
  /** JSON text of a custom mapping (validated by the connector when used). */
  customMapping: z.string().check(z.maxLength(200_000)),
  /** Compliance profile id overriding the account's ('' = use the account's own profile). */
  complianceProfile: z.string().check(z.refine((id) => id === '' || isProfileId(id), 'must be a compliance profile id (lower-case letters, digits and dashes) or empty')),
  /** ISO 4217 code for the cross-currency total ('' = none). */
  reportingCurrency: z.string().check(z.regex(/^([A-Z]{3})?$/, 'must be a 3-letter ISO 4217 code or empty')),
  /**
   * Open the panel automatically: 'never' (default; zero API requests per page view), on Account pages, or on all
   * supported record pages. Auto-open costs one request per matching page view.
   */
  autoOpen: z.enum(AUTO_OPEN_RULES),
  /** Connected-app / External Client App consumer key for the OAuth 2.0 PKCE fallback ('' = not configured). */
  oauthClientId: z.string().check(z.maxLength(256)),
  /** BCP 47 locale for the panel ('' = browser default). */
  locale: z.string().check(z.maxLength(35)),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  mappingPreset: 'product',
  customMapping: '',
  complianceProfile: '',
  reportingCurrency: '',
  autoOpen: 'never',
  oauthClientId: '',
  locale: '',
};

export const SETTINGS_KEY = 'settings';

/**
 * Merges a stored value over the defaults, field by field: one bad field falls back to its default instead of
 * discarding the whole settings object.
 */
export function normaliseSettings(stored: unknown): Settings {
  const result: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  if (typeof stored === 'object' && stored !== null) {
    for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
      const candidate = (stored as Record<string, unknown>)[key];
      if (candidate !== undefined && SettingsSchema.shape[key].safeParse(candidate).success) {
        result[key] = candidate;
      }
    }
  }
  return result as Settings;
}

/** Validates a full settings object from the options form; errors name the field. */
export function validateSettings(input: unknown): { ok: true; settings: Settings } | { ok: false; field: string; message: string } {
  const parsed = SettingsSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, field: String(issue?.path[0] ?? 'settings'), message: issue?.message ?? 'invalid' };
  }
  if (parsed.data.mappingPreset === 'custom') {
    try {
      const mapping: unknown = JSON.parse(parsed.data.customMapping);
      if (typeof mapping !== 'object' || mapping === null || Array.isArray(mapping)) {
        return { ok: false, field: 'customMapping', message: 'must be a JSON object' };
      }
    } catch (error) {
      return { ok: false, field: 'customMapping', message: `is not valid JSON (${error instanceof Error ? error.message : String(error)})` };
    }
  }
  return { ok: true, settings: parsed.data };
}
