/**
 * The auto-open rule, readable without a schema library: the content-script loader needs only this setting, and
 * stays small (the full settings schema lives in settings.ts, loaded with the panel).
 */
export const AUTO_OPEN_RULES = ['never', 'accounts', 'all'] as const;
export type AutoOpenRule = (typeof AUTO_OPEN_RULES)[number];

/** The stored rule, or 'never' for anything missing or unknown (zero API requests per page view by default). */
export function readAutoOpenRule(storedSettings: unknown): AutoOpenRule {
  const value = typeof storedSettings === 'object' && storedSettings !== null ? (storedSettings as { autoOpen?: unknown }).autoOpen : undefined;
  return (AUTO_OPEN_RULES as readonly unknown[]).includes(value) ? (value as AutoOpenRule) : 'never';
}

/** Whether a page of this object type opens the panel by itself under `rule`. */
export function shouldAutoOpen(rule: AutoOpenRule, objectType: string): boolean {
  return rule === 'all' || (rule === 'accounts' && objectType === 'account');
}
