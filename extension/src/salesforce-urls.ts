/**
 * Everything this extension knows about Salesforce hosts and Lightning URLs, in one tested module
 * (engineering-anchors A7.2). Pure: no DOM, no chrome.* APIs.
 *
 * Test URLs:
 * - https://acme.lightning.force.com/lightning/r/Account/001000000000001AAA/view
 * - https://acme--uat.sandbox.lightning.force.com/lightning/r/Contact/003000000000001AAA/view
 * - https://acme-dev-ed.develop.lightning.force.com/lightning/r/Account/001000000000001AAA/related/Contacts/view
 * - https://acme.lightning.force.com.mcas.ms/lightning/r/Case/500000000000001AAA/view
 */
import { KEY_PREFIXES, toId18 } from './salesforce-ids';

/** Objects whose record pages show the panel; Contact/Opportunity/Case resolve to their Account in the connector. */
export type PanelObjectType = keyof typeof KEY_PREFIXES;

const OBJECT_TYPES: Readonly<Record<string, PanelObjectType>> = {
  account: 'account',
  contact: 'contact',
  opportunity: 'opportunity',
  quote: 'quote',
  case: 'case',
};

/** A Lightning record page the panel can attach to. */
export interface RecordPage {
  objectType: PanelObjectType;
  /** 18-char, checksum-verified id. */
  recordId: string;
  /** Which sub-view: the record itself, its edit modal, or one of its related lists. */
  view: 'view' | 'edit' | 'related';
  /** Related list API name for `/related/<Rel>/view`, else null. */
  relatedList: string | null;
}

// `/lightning/r/{Object}/{Id}/{view|edit|related/{Rel}/view}`, anchored positionally so long object names
// (OpportunityLineItem) or ids inside other segments never match (Jetstream web-extension.utils.ts, §3).
const RECORD_PATH = /^\/lightning\/r\/([A-Za-z][A-Za-z0-9_]*)\/([A-Za-z0-9]{15}|[A-Za-z0-9]{18})\/(view|edit|related\/([A-Za-z][A-Za-z0-9_]*)\/view)\/?$/;

/** Microsoft Defender for Cloud Apps proxies Salesforce under `<host>.mcas.ms`; the sid there cannot be read (§1.1). */
const MCAS_SUFFIX = '.mcas.ms';

// Any My Domain prefix (acme, acme--uat.sandbox, acme-dev-ed.develop, acme.scratch, ...) before `.lightning.force.com`.
const LIGHTNING_HOST = /^((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)\.lightning\.force\.com$/;

/**
 * Origins added by the dev/test build flag (`EXTENSION_DEV_ORIGINS`), as Chrome match-pattern origins such as
 * `http://127.0.0.1:*`. On a dev origin the page and the API share one origin (the local sandbox).
 */
export type DevOrigins = readonly string[];

/** True when `origin` (scheme://host[:port]) matches one of the dev match patterns. */
export function matchesDevOrigin(url: URL, devOrigins: DevOrigins): boolean {
  return devOrigins.some((pattern) => {
    const m = /^(https?):\/\/([^/:]+)(?::(\*|\d+))?\/?\*?$/.exec(pattern);
    if (!m) {
      return false;
    }
    const [, scheme, host, port] = m;
    if (url.protocol !== `${scheme}:` || url.hostname !== host) {
      return false;
    }
    return port === undefined || port === '*' || url.port === port;
  });
}

/** Strips the `.mcas.ms` proxy suffix, lower-cased. */
export function unproxiedHost(hostname: string): string {
  const host = hostname.toLowerCase();
  return host.endsWith(MCAS_SUFFIX) ? host.slice(0, -MCAS_SUFFIX.length) : host;
}

/** True for a Lightning Experience host (`*.lightning.force.com`, also behind `.mcas.ms`). */
export function isLightningHost(hostname: string): boolean {
  return LIGHTNING_HOST.test(unproxiedHost(hostname));
}

/**
 * Maps a Lightning host to the org's API host (§1.3): `acme.lightning.force.com` → `acme.my.salesforce.com`,
 * `acme--uat.sandbox.lightning.force.com` → `acme--uat.sandbox.my.salesforce.com`. Calling the My Domain host
 * directly avoids the redirect that would drop the Authorization header. Null for non-Lightning hosts.
 */
export function apiHostForLightningHost(hostname: string): string | null {
  const m = LIGHTNING_HOST.exec(unproxiedHost(hostname));
  return m ? `${m[1]}.my.salesforce.com` : null;
}

/**
 * The API origin for a page the content script runs on: the mapped My Domain for Lightning pages, the page's
 * own origin on a dev origin (the sandbox serves page and API together), else null.
 */
export function apiOriginForPage(pageUrl: string, devOrigins: DevOrigins = []): string | null {
  const url = safeUrl(pageUrl);
  if (!url) {
    return null;
  }
  if (matchesDevOrigin(url, devOrigins)) {
    return url.origin;
  }
  if (url.protocol !== 'https:') {
    return null;
  }
  const host = apiHostForLightningHost(url.hostname);
  return host ? `https://${host}` : null;
}

/** True for pages our content script may legitimately run on (used to reject foreign message senders). */
export function isPanelPageUrl(pageUrl: string, devOrigins: DevOrigins = []): boolean {
  return apiOriginForPage(pageUrl, devOrigins) !== null;
}

/**
 * True for hosts whose cookies may carry the org's API session: `*.salesforce.com` (My Domain, legacy instances)
 * and `*.force.com` (older My Domains); never help.salesforce.com (a different org's session, SIR background.js).
 */
export function isApiSessionHost(hostname: string): boolean {
  const host = hostname.replace(/^\./, '').toLowerCase();
  if (host === 'help.salesforce.com') {
    return false;
  }
  // Lightning and Visualforce hosts hold sessions without API access (SIR background.js comment).
  if (host.endsWith('.lightning.force.com') || host.endsWith('.visual.force.com') || host.endsWith('.vf.force.com')) {
    return false;
  }
  return host.endsWith('.salesforce.com') || host.endsWith('.force.com');
}

/** Cookie domains searched for the API session, limited to our host permissions (SIR uses more, §1.1). */
export const SESSION_COOKIE_DOMAINS = ['salesforce.com', 'force.com'] as const;

/**
 * Parses a Lightning record page URL. Returns null for anything else: other pages, other objects,
 * malformed ids, ids whose checksum fails, or ids whose key prefix does not belong to the object in the URL.
 */
export function parseRecordPage(pageUrl: string, devOrigins: DevOrigins = []): RecordPage | null {
  const url = safeUrl(pageUrl);
  if (!url || !isPanelPageUrl(pageUrl, devOrigins)) {
    return null;
  }
  return parseRecordPath(url.pathname);
}

/** The path part of {@link parseRecordPage}, for callers that already checked the host (console tab links). */
export function parseRecordPath(pathname: string): RecordPage | null {
  const m = RECORD_PATH.exec(pathname);
  if (!m) {
    return null;
  }
  const [, objectName = '', rawId = '', viewPart = '', relatedList] = m;
  const objectType = OBJECT_TYPES[objectName.toLowerCase()];
  if (!objectType) {
    return null;
  }
  const recordId = toId18(rawId);
  // Standard objects have fixed key prefixes; a mismatch means a hand-edited or foreign URL.
  if (!recordId || !recordId.startsWith(KEY_PREFIXES[objectType])) {
    return null;
  }
  const view = viewPart === 'view' ? 'view' : viewPart === 'edit' ? 'edit' : 'related';
  return { objectType, recordId, view, relatedList: relatedList ?? null };
}

function safeUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}
