/**
 * Generates manifest.json for Chrome/Edge (MV3 service worker) and Firefox (MV3 event page) from one description.
 * Pure; build.mjs writes the result. Permissions are deliberately minimal (salesforce-and-browser.md §2):
 *
 * - `storage`: options (sync), drafts (local), OAuth tokens (session, worker only).
 * - `cookies`: read the `sid` session cookie in the service worker (the page's document.cookie cannot: HttpOnly).
 * - `identity` is OPTIONAL, requested on a click in the options page only for the OAuth PKCE fallback.
 *
 * Host permissions (needed for `chrome.cookies` on those hosts and for cross-origin fetch from the worker):
 * - `https://*.my.salesforce.com/*`: My Domain API hosts, where every REST call goes (§1.3 mapping).
 * - `https://*.lightning.force.com/*`: the Lightning pages the content script runs on; their `sid` names the org.
 * - `https://*.salesforce.com/*`: legacy instance hosts (na1.salesforce.com …) that may hold the API session (§1.1).
 * - `https://*.force.com/*`: older My Domains (`*.my.force.com`) that may hold the API session (§1.1).
 */

export type BrowserTarget = 'chrome' | 'firefox';

export interface ManifestOptions {
  target: BrowserTarget;
  version: string;
  /** Dev/test match patterns such as `http://127.0.0.1:*`; empty for production. */
  devOrigins: readonly string[];
  /** Firefox add-on id. */
  geckoId?: string;
}

export const PERMISSIONS = ['storage', 'cookies'] as const;
export const OPTIONAL_PERMISSIONS = ['identity'] as const;
export const HOST_PERMISSIONS = [
  'https://*.my.salesforce.com/*',
  'https://*.lightning.force.com/*',
  'https://*.salesforce.com/*',
  'https://*.force.com/*',
] as const;
export const CONTENT_SCRIPT_MATCHES = ['https://*.lightning.force.com/*'] as const;

/**
 * Bundles the build emits. Worker, content-script loader and options page are standalone IIFEs (Chrome loads them
 * as classic scripts); the panel core is an ES module the loader `import()`s when the panel is opened.
 */
export const ENTRIES = [
  { name: 'background', file: 'background.js', format: 'iife' },
  { name: 'content', file: 'content.js', format: 'iife' },
  { name: 'panel-core', file: 'panel.js', format: 'es' },
  { name: 'options', file: 'options.js', format: 'iife' },
  // The worklist and reports pages (decision 0023): extension pages fed by the worker's message protocol.
  { name: 'worklist-page', file: 'worklist-page.js', format: 'iife' },
  { name: 'reports-page', file: 'reports-page.js', format: 'iife' },
  // "Disputes waiting for me" (issue 19): the sales owner's side, read and answered through the worker.
  { name: 'disputes-page', file: 'disputes-page.js', format: 'iife' },
] as const;
/** The extension's own HTML pages, beside their scripts. */
export const PAGE_FILES = ['options.html', 'worklist.html', 'reports.html', 'disputes.html'] as const;
/**
 * The pages that host one widget, written by the build from one shell (src/widget-page.html): their title, the
 * element the page script mounts into, and the script. The others in PAGE_FILES are copied as they are.
 */
export const WIDGET_PAGES = [
  { file: 'worklist.html', title: 'Collections Worklist', slot: 'worklist', script: 'worklist-page.js' },
  { file: 'reports.html', title: 'Collections Reports', slot: 'reports', script: 'reports-page.js' },
  { file: 'disputes.html', title: 'Disputes waiting for me', slot: 'disputes', script: 'disputes-page.js' },
] as const;
export const ENTRY_FILES = { background: 'background.js', content: 'content.js', panel: 'panel.js', options: 'options.js' } as const;
/** Chunks panel.js imports lazily (the action forms, loaded after first paint; issue 18). The page loads them too. */
export const PANEL_LAZY_FILES = ['panel-forms.js'] as const;

/** `http://127.0.0.1:*` → `http://127.0.0.1:*\/*` (a match pattern needs a path). */
export function devMatchPattern(origin: string): string {
  if (!/^https?:\/\/[^/*]+(:(\*|\d+))?\/?$/.test(origin)) {
    throw new Error(`EXTENSION_DEV_ORIGINS: ${JSON.stringify(origin)} is not an origin like http://127.0.0.1:*`);
  }
  return `${origin.replace(/\/$/, '')}/*`;
}

export function buildManifest(options: ManifestOptions): Record<string, unknown> {
  const devPatterns = options.devOrigins.map(devMatchPattern);
  const isDev = devPatterns.length > 0;
  const common = {
    manifest_version: 3,
    name: isDev ? 'Collections Panel for Salesforce (dev)' : 'Collections Panel for Salesforce',
    short_name: 'Collections',
    version: options.version,
    description: 'Aging, promises to pay, payment plans, disputes and contact compliance beside your Salesforce customer pages.',
    permissions: [...PERMISSIONS],
    optional_permissions: [...OPTIONAL_PERMISSIONS],
    host_permissions: [...HOST_PERMISSIONS, ...devPatterns],
    content_scripts: [
      {
        matches: [...CONTENT_SCRIPT_MATCHES, ...devPatterns],
        js: [ENTRY_FILES.content],
        // document_idle: never compete with Lightning's own page load (engineering-anchors B4, Lightning EPT B5).
        run_at: 'document_idle',
        all_frames: false,
      },
    ],
    // The lazily imported panel core must be loadable from the Lightning page's content script.
    web_accessible_resources: [{ resources: [ENTRY_FILES.panel, ...PANEL_LAZY_FILES], matches: [...CONTENT_SCRIPT_MATCHES, ...devPatterns] }],
    options_ui: { page: 'options.html', open_in_tab: true },
    // The toolbar button opens the worklist for the org of the current tab (no extra permission).
    action: { default_title: 'Collections worklist' },
  };
  if (options.target === 'chrome') {
    return {
      ...common,
      // 116: promise-based chrome.* in MV3 workers, storage.session access levels, Navigation API.
      minimum_chrome_version: '116',
      background: { service_worker: ENTRY_FILES.background },
    };
  }
  return {
    ...common,
    // Firefox runs MV3 backgrounds as event pages, not service workers.
    background: { scripts: [ENTRY_FILES.background] },
    browser_specific_settings: {
      gecko: {
        id: options.geckoId ?? 'collections-panel@collections-panel.dev',
        // 128: MV3 host permissions shown at install (127+) and storage.session in content-script-free contexts.
        strict_min_version: '128.0',
      },
    },
  };
}
