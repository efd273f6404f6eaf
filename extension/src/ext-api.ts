/**
 * The WebExtension API object: `browser` in Firefox (promise-based), `chrome` in Chromium (promise-based in MV3).
 * One accessor so the same bundle runs in both.
 */
export function extensionApi(): typeof chrome {
  const g = globalThis as { browser?: typeof chrome; chrome?: typeof chrome };
  const api = g.browser ?? g.chrome;
  if (!api) {
    throw new Error('WebExtension API not available');
  }
  return api;
}

/** Dev/test origins compiled in by `EXTENSION_DEV_ORIGINS` (build.mjs `define`); empty in production builds. */
declare const __DEV_ORIGINS__: readonly string[] | undefined;
declare const __SHADOW_MODE__: 'open' | 'closed' | undefined;
/**
 * The dock's and the panel's shadow roots are closed, so the Salesforce page's scripts cannot read or
 * drive the panel; only the end-to-end build opens them for its locators (build option `shadowMode`).
 */
export const SHADOW_MODE: 'open' | 'closed' = typeof __SHADOW_MODE__ === 'undefined' ? 'closed' : __SHADOW_MODE__;
export const DEV_ORIGINS: readonly string[] = typeof __DEV_ORIGINS__ === 'undefined' ? [] : __DEV_ORIGINS__;
