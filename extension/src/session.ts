/**
 * Finds the Salesforce session for a tab's org from the browser's cookies (service worker only).
 *
 * Approach from Salesforce Inspector Reloaded `addon/background.js` (`getSfHost`, salesforce-and-browser.md §1.1):
 * the Lightning page's `sid` names the org (`00D…!…`); the API host is the `*.salesforce.com`/`*.force.com` cookie
 * carrying a session for the same org. Lightning-domain sessions have no API access. Keyed by org id, so several
 * orgs can be open at once. The token itself is read only at request time and never leaves the worker.
 */
import type { DevOrigins } from './salesforce-urls';
import { apiOriginForPage, isApiSessionHost, matchesDevOrigin, SESSION_COOKIE_DOMAINS } from './salesforce-urls';
import { isOrgId } from './salesforce-ids';

/** The parts of `chrome.cookies` we use (injectable for tests). */
export interface CookieLike {
  name: string;
  value: string;
  domain: string;
}
export interface CookiesApi {
  get(details: { url: string; name: string; storeId?: string }): Promise<CookieLike | null | undefined>;
  getAll(details: { name?: string; domain?: string; secure?: boolean; storeId?: string }): Promise<CookieLike[]>;
}

/** Where an org's API lives; no token in here. */
export interface OrgSession {
  /** Stable key for caches: the org id when known (multi-org), else the API origin. */
  orgKey: string;
  orgId: string | null;
  /** e.g. `https://acme.my.salesforce.com` (or the sandbox origin in dev builds). */
  apiOrigin: string;
  /** Cookie store of the tab (Firefox containers); undefined in Chrome. */
  storeId: string | undefined;
}

export const SESSION_COOKIE = 'sid';

/** Org id prefix of a session id (`00D…!AQ…`), or null. */
export function orgIdFromSessionId(sid: string): string | null {
  const [prefix = ''] = sid.split('!');
  return prefix !== sid && isOrgId(prefix) ? prefix : null;
}

/**
 * Locates the API session for the page `pageUrl`. Returns null when the collector is not signed in to that org
 * (no readable session), which the caller reports as `session_expired`.
 */
export async function findOrgSession(
  cookies: CookiesApi,
  pageUrl: string,
  options: { storeId?: string; devOrigins?: DevOrigins } = {},
): Promise<OrgSession | null> {
  const devOrigins = options.devOrigins ?? [];
  const storeId = options.storeId;
  const mappedOrigin = apiOriginForPage(pageUrl, devOrigins);
  if (!mappedOrigin) {
    return null;
  }
  const store = storeId === undefined ? {} : { storeId };

  // Dev builds: the local sandbox serves page and API on one origin and sets its own sid there.
  if (matchesDevOrigin(new URL(pageUrl), devOrigins)) {
    const sid = await cookies.get({ url: pageUrl, name: SESSION_COOKIE, ...store });
    return sid ? toSession(sid.value, mappedOrigin, storeId) : null;
  }

  // 1. The Lightning page's own sid tells us which org this tab belongs to (unreadable behind .mcas.ms).
  const pageSid = await cookies.get({ url: pageUrl, name: SESSION_COOKIE, ...store }).catch(() => null);
  const orgId = pageSid ? orgIdFromSessionId(pageSid.value) : null;
  if (orgId) {
    // 2. Find the same org's session on an API-capable host.
    for (const domain of SESSION_COOKIE_DOMAINS) {
      const candidates = await cookies.getAll({ name: SESSION_COOKIE, domain, secure: true, ...store });
      const match = candidates.find((c) => c.value.startsWith(`${orgId}!`) && isApiSessionHost(c.domain));
      if (match) {
        return { orgKey: orgId, orgId, apiOrigin: `https://${match.domain.replace(/^\./, '')}`, storeId };
      }
    }
  }

  // 3. Fall back to the mapped My Domain host (§1.3), which also covers .mcas.ms pages.
  const mappedSid = await cookies.get({ url: `${mappedOrigin}/`, name: SESSION_COOKIE, ...store });
  if (!mappedSid) {
    return null;
  }
  const mappedOrgId = orgIdFromSessionId(mappedSid.value);
  // Never pair a page of org A with a session of org B (stale sid after a My Domain change, SIR troubleshooting).
  if (orgId && mappedOrgId && orgId !== mappedOrgId) {
    return null;
  }
  return toSession(mappedSid.value, mappedOrigin, storeId);
}

/** Reads the current session id for an org at request time (it may have been refreshed by Salesforce since). */
export async function readSessionToken(cookies: CookiesApi, session: OrgSession): Promise<string | null> {
  const cookie = await cookies.get({
    url: `${session.apiOrigin}/`,
    name: SESSION_COOKIE,
    ...(session.storeId === undefined ? {} : { storeId: session.storeId }),
  });
  if (!cookie) {
    return null;
  }
  // A different org's session now sits on this host (user switched orgs): do not use it for this org.
  if (session.orgId && orgIdFromSessionId(cookie.value) !== session.orgId) {
    return null;
  }
  return cookie.value;
}

function toSession(sid: string, apiOrigin: string, storeId: string | undefined): OrgSession {
  const orgId = orgIdFromSessionId(sid);
  return { orgKey: orgId ?? apiOrigin, orgId, apiOrigin, storeId };
}
