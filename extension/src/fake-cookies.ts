/** An in-memory `chrome.cookies` for tests: host-only and domain cookies, matched like the browser does. */
import type { CookieLike, CookiesApi } from './session';

export interface FakeCookie extends CookieLike {
  /** Host-only cookies match exactly; domain cookies (leading dot) match subdomains. */
  secure?: boolean;
  storeId?: string;
}

export function fakeCookies(cookies: FakeCookie[]): CookiesApi & { calls: string[] } {
  const calls: string[] = [];
  const matchesHost = (cookie: FakeCookie, host: string): boolean =>
    cookie.domain.startsWith('.') ? host === cookie.domain.slice(1) || host.endsWith(cookie.domain) : host === cookie.domain;
  return {
    calls,
    async get({ url, name, storeId }) {
      calls.push(`get ${name} ${url}`);
      const host = new URL(url).hostname;
      return cookies.find((c) => c.name === name && matchesHost(c, host) && (storeId === undefined || c.storeId === storeId)) ?? null;
    },
    async getAll({ name, domain, secure, storeId }) {
      calls.push(`getAll ${name ?? '*'} ${domain ?? '*'}`);
      return cookies.filter(
        (c) =>
          (name === undefined || c.name === name) &&
          (domain === undefined || c.domain.replace(/^\./, '') === domain || c.domain.endsWith(`.${domain}`)) &&
          (secure === undefined || (c.secure ?? true) === secure) &&
          (storeId === undefined || c.storeId === storeId),
      );
    },
  };
}
