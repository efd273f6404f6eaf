/**
 * OAuth tokens per org API origin, kept in `storage.session` (memory only, cleared when the browser closes, and by
 * default readable only by trusted extension contexts, never by content scripts) plus an in-memory cache.
 */
import type { OAuthDeps, OAuthTokens } from './oauth';
import { refreshOAuthTokens, signInWithOAuth } from './oauth';

const KEY_PREFIX = 'oauth:';

export interface OAuthStore {
  get(apiOrigin: string): Promise<OAuthTokens | null>;
  signIn(apiOrigin: string, clientId: string): Promise<OAuthTokens>;
  refresh(tokens: OAuthTokens, clientId: string): Promise<OAuthTokens>;
  /** Single-flight: N concurrent 401s collapse to one refresh call (Jetstream callout-adapter.ts). */
}

export function createOAuthStore(area: Pick<chrome.storage.StorageArea, 'get' | 'set'>, deps: () => OAuthDeps): OAuthStore {
  const cache = new Map<string, OAuthTokens | null>();
  const refreshing = new Map<string, Promise<OAuthTokens>>();

  async function save(key: string, tokens: OAuthTokens): Promise<OAuthTokens> {
    cache.set(key, tokens);
    await area.set({ [KEY_PREFIX + key]: tokens });
    return tokens;
  }

  return {
    async get(apiOrigin) {
      if (cache.has(apiOrigin)) {
        return cache.get(apiOrigin) ?? null;
      }
      const stored = (await area.get(KEY_PREFIX + apiOrigin))[KEY_PREFIX + apiOrigin] as OAuthTokens | undefined;
      const tokens = stored && typeof stored.accessToken === 'string' ? stored : null;
      cache.set(apiOrigin, tokens);
      return tokens;
    },
    async signIn(apiOrigin, clientId) {
      // Keyed by the origin we asked for: pages of this org map to it deterministically (§1.3).
      return save(apiOrigin, await signInWithOAuth({ apiOrigin, clientId }, deps()));
    },
    refresh(tokens, clientId) {
      const key = tokens.apiOrigin;
      const pending = refreshing.get(key);
      if (pending) {
        return pending;
      }
      const next = refreshOAuthTokens(tokens, clientId, deps())
        .then((fresh) => save(key, fresh))
        .finally(() => refreshing.delete(key));
      refreshing.set(key, next);
      return next;
    },
  };
}
