/**
 * Every Lightning DOM selector the extension relies on, in one place (refined-github `selectors.ts` pattern).
 * Lightning markup is not a public API: if Salesforce changes it, only this file changes.
 */
import type { DevOrigins, RecordPage } from './salesforce-urls';
import { isPanelPageUrl, parseRecordPage, parseRecordPath } from './salesforce-urls';

/**
 * Console apps keep several record pages alive; only the focused workspace tab is "active"
 * (SIR `addon/button.js`, salesforce-and-browser.md §4).
 */
export const ACTIVE_CONSOLE_TAB_LINK =
  'li.oneConsoleTabItem.slds-is-active a[href*="/lightning/r/"], .tabBarItems [role="tab"][aria-selected="true"][href*="/lightning/r/"]';

/**
 * The record the collector is looking at: the URL when it is a record page (standard apps, and console apps,
 * whose URL follows the focused tab); otherwise the active console tab's link (console home with record tabs open).
 */
export function resolveActiveRecord(pageUrl: string, doc: Pick<Document, 'querySelector'>, devOrigins: DevOrigins = []): RecordPage | null {
  const fromUrl = parseRecordPage(pageUrl, devOrigins);
  if (fromUrl) {
    return fromUrl;
  }
  // Only consult the DOM on pages we are allowed to run on at all.
  if (!isPanelPageUrl(pageUrl, devOrigins)) {
    return null;
  }
  const link = doc.querySelector(ACTIVE_CONSOLE_TAB_LINK);
  const href = link?.getAttribute('href');
  if (!href) {
    return null;
  }
  try {
    const url = new URL(href, pageUrl);
    // A tab link pointing off-origin is not one of this org's records.
    return url.origin === new URL(pageUrl).origin ? parseRecordPath(url.pathname) : null;
  } catch {
    return null;
  }
}
