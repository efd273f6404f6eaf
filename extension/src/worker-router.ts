/**
 * The service worker's message handler, with every browser API injected (tested with fakes).
 *
 * - Ignores unknown senders (no answer), validates every message (protocol.ts), answers typed errors.
 * - Finds the org session from cookies (session.ts) or an OAuth token, and keeps one connector port per org
 *   (keyed by org id: several orgs can be open in different tabs).
 * - The session id / access token is read inside `getAccessToken` only; it never appears in a response.
 */
import { ConnectorError, toSerializedError } from '../../connector/errors';
import type { AccountSnapshot, AnswerDisputeInput, CollectionsPort } from '../../connector/port';
import type { AccountRefreshedMessage } from './account-refreshed';
import { accountRefreshedMessage } from './account-refreshed';
import type { OAuthTokens } from './oauth';
import type { ExtensionPage, PagePortMethod, Response } from './protocol';
import { errorResponse, okResponse, parseRequest } from './protocol';
import type { SenderLike, SenderPolicy } from './sender-check';
import { classifySender, isKindAllowed } from './sender-check';
import type { CookiesApi, OrgSession } from './session';
import { findOrgSession, readSessionToken } from './session';
import type { Settings } from './settings';
import { apiOriginForPage } from './salesforce-urls';
import { toId18 } from './salesforce-ids';

/** What the worker needs to build a connector port (mirrors createSalesforcePort's options). */
export interface PortConfig {
  instanceUrl: string;
  getAccessToken: () => Promise<string>;
  refreshAccessToken: () => Promise<string>;
  settings: Settings;
}

/** An org the worker has seen, as listed on the options page. Never includes a token. */
export interface KnownOrg {
  orgKey: string;
  orgId: string | null;
  apiOrigin: string;
  auth: 'cookie' | 'oauth';
  lastSeen: number;
}

export interface WorkerDeps {
  senderPolicy: SenderPolicy;
  cookies: CookiesApi;
  createPort(config: PortConfig): CollectionsPort;
  runSetupCheck(config: PortConfig): Promise<unknown>;
  getSettings(): Promise<Settings>;
  oauthTokens: {
    get(apiOrigin: string): Promise<OAuthTokens | null>;
    signIn(apiOrigin: string, clientId: string): Promise<OAuthTokens>;
    refresh(tokens: OAuthTokens, clientId: string): Promise<OAuthTokens>;
  };
  /**
   * Where the list of seen orgs survives service-worker restarts (storage.session), so the options page can still
   * offer "Check my org" after the worker slept. No tokens in here.
   */
  orgMemory?: {
    load(): Promise<unknown>;
    save(orgs: Record<string, { session: OrgSession; lastSeen: number }>): Promise<void>;
  };
  /** Opens the options page at the OAuth sign-in step for an org. */
  openSignInPage(orgKey: string): Promise<void>;
  /** Opens the extension's worklist or reports page for an org; `lightningOrigin` is where its record pages are. */
  openExtensionPage?(page: ExtensionPage, orgKey: string, lightningOrigin: string): Promise<void>;
  /** The signed-in user's book for the worklist page: their id, the portfolio records and the org's currencies. */
  readWorklist?(config: PortConfig): Promise<unknown>;
  /** The report pass (connector/report-pass.ts) for the reports page, from month `from` (YYYY-MM). */
  readReport?(config: PortConfig, from: string | undefined): Promise<unknown>;
  /** The disputes waiting for the signed-in user (their id from OAuth userinfo) as owner or escalated manager (issue 19). */
  readDisputes?(config: PortConfig): Promise<unknown>;
  /** The owner's answer to a dispute through the REST port (write-once by its idempotency key). */
  answerDispute?(config: PortConfig, input: AnswerDisputeInput): Promise<unknown>;
  /**
   * The signed-in user (OAuth userinfo; not a data API request): the panel signs reminders with the name and offers
   * the owner's answer on disputes the id owns (issue 19).
   */
  readUser?(config: PortConfig): Promise<SignedInUser>;
  /**
   * Tells the extension's own pages about a snapshot a panel just read (account-refreshed.ts): the worklist page
   * re-scores that account's row. Fire and forget; no page open is normal.
   */
  broadcast?(message: AccountRefreshedMessage): void;
  now(): number;
}

/** The 'whoami' answer: never a token. */
export interface SignedInUser {
  id: string | null;
  name: string | null;
}

export interface WorkerRouter {
  /** Handles one message; resolves null for messages that must be ignored (unknown sender). */
  handle(message: unknown, sender: SenderLike & { tab?: { id?: number; url?: string; cookieStoreId?: string } }): Promise<Response | null>;
  /** Opens the worklist or reports page for the org of a Salesforce tab (the toolbar button); false when the tab is not one. */
  openPageForTab(page: ExtensionPage, tab: { url?: string; cookieStoreId?: string }): Promise<boolean>;
  /** Drops cached ports, e.g. after the mapping changed in the options. */
  resetPorts(): void;
  knownOrgs(): KnownOrg[];
}

/** A page read or write this build was given, else a configuration error (background.ts gives them all). */
function able<T>(dep: T | undefined, what: string): T {
  if (!dep) {
    throw new ConnectorError({ kind: 'configuration', detail: `this build cannot answer ${what}` });
  }
  return dep;
}

export function createWorkerRouter(deps: WorkerDeps): WorkerRouter {
  const ports = new Map<string, { port: CollectionsPort; auth: 'cookie' | 'oauth' }>();
  const orgs = new Map<string, { session: OrgSession; lastSeen: number }>();
  let restored: Promise<void> | null = null;

  function restoreOrgs(): Promise<void> {
    restored ??= (deps.orgMemory?.load() ?? Promise.resolve(undefined))
      .then((stored) => {
        if (typeof stored !== 'object' || stored === null) {
          return;
        }
        for (const [key, entry] of Object.entries(stored as Record<string, { session?: Partial<OrgSession>; lastSeen?: unknown }>)) {
          const session = entry.session;
          // Stored data is re-checked: only well-formed entries pointing at an API origin come back.
          if (session && typeof session.apiOrigin === 'string' && typeof session.orgKey === 'string' && typeof entry.lastSeen === 'number' && !orgs.has(key)) {
            orgs.set(key, {
              session: { orgKey: session.orgKey, orgId: typeof session.orgId === 'string' ? session.orgId : null, apiOrigin: session.apiOrigin, storeId: typeof session.storeId === 'string' ? session.storeId : undefined },
              lastSeen: entry.lastSeen,
            });
          }
        }
      })
      .catch(() => undefined);
    return restored;
  }

  function remember(session: OrgSession): void {
    orgs.set(session.orgKey, { session, lastSeen: deps.now() });
    deps.orgMemory?.save(Object.fromEntries(orgs)).catch(() => undefined);
  }

  async function authFor(session: OrgSession, settings: Settings): Promise<{ auth: 'cookie' | 'oauth'; config: PortConfig }> {
    const oauth = await deps.oauthTokens.get(session.apiOrigin);
    if (oauth) {
      let current = oauth;
      return {
        auth: 'oauth',
        config: {
          instanceUrl: oauth.apiOrigin,
          settings,
          getAccessToken: async () => (await deps.oauthTokens.get(session.apiOrigin))?.accessToken ?? current.accessToken,
          refreshAccessToken: async () => {
            current = await deps.oauthTokens.refresh(current, settings.oauthClientId);
            return current.accessToken;
          },
        },
      };
    }
    let lastToken: string | null = null;
    const readToken = async (): Promise<string> => {
      const token = await readSessionToken(deps.cookies, session);
      if (!token) {
        throw new ConnectorError({ kind: 'session_expired', detail: `no sid cookie for ${session.apiOrigin}` });
      }
      lastToken = token;
      return token;
    };
    // We cannot refresh a cookie session; re-reading picks up one Salesforce renewed meanwhile (e.g. the user signed
    // in again in another tab). The same value again means it really expired: no pointless retry request.
    const rereadToken = async (): Promise<string> => {
      const previous = lastToken;
      const token = await readToken();
      if (token === previous) {
        throw new ConnectorError({ kind: 'session_expired', detail: `sid for ${session.apiOrigin} was rejected and has not changed` });
      }
      return token;
    };
    return { auth: 'cookie', config: { instanceUrl: session.apiOrigin, settings, getAccessToken: readToken, refreshAccessToken: rereadToken } };
  }

  async function sessionForPage(pageUrl: string, storeId: string | undefined): Promise<OrgSession> {
    const session = await findOrgSession(deps.cookies, pageUrl, {
      devOrigins: deps.senderPolicy.devOrigins,
      ...(storeId === undefined ? {} : { storeId }),
    });
    if (session) {
      remember(session);
      return session;
    }
    const apiOrigin = apiOriginForPage(pageUrl, deps.senderPolicy.devOrigins);
    // No readable cookie session, but an OAuth sign-in for this org may exist.
    if (apiOrigin && (await deps.oauthTokens.get(apiOrigin))) {
      const oauthSession: OrgSession = { orgKey: apiOrigin, orgId: null, apiOrigin, storeId };
      remember(oauthSession);
      return oauthSession;
    }
    throw new ConnectorError({
      kind: 'session_expired',
      userMessage: 'You are not signed in to this Salesforce org in this browser. Sign in, then reopen the panel.',
      detail: `no session cookie for ${pageUrl}`,
    });
  }

  async function portFor(session: OrgSession): Promise<CollectionsPort> {
    const settings = await deps.getSettings();
    const { auth, config } = await authFor(session, settings);
    // Per org and cookie store: the same org open in two Firefox containers is two different sessions.
    const cacheKey = `${session.orgKey}|${session.storeId ?? ''}`;
    const cached = ports.get(cacheKey);
    if (cached && cached.auth === auth) {
      return cached.port;
    }
    const port = deps.createPort(config);
    ports.set(cacheKey, { port, auth });
    return port;
  }

  /** The signed-in user per org (the 'whoami' answer), read once. */
  const users = new Map<string, SignedInUser>();

  async function callPort(method: PagePortMethod, args: unknown[], session: OrgSession): Promise<unknown> {
    if (method === 'answerDispute') {
      // The owner's answer from the panel goes the disputes page's way: the REST port, write-once by its key.
      const answer = able(deps.answerDispute, 'disputes');
      const { config } = await authFor(session, await deps.getSettings());
      return answer(config, args[0] as AnswerDisputeInput);
    }
    if (method === 'loadSnapshot') {
      const ref = args[0] as { id: string; objectType?: string };
      // Ids are checksum-checked here too: the page is untrusted even though the content script validated them.
      if (!toId18(ref.id)) {
        throw new ConnectorError({ kind: 'invalid_input', detail: 'loadSnapshot: id is not a valid Salesforce id', fields: ['id'] });
      }
    }
    const port = await portFor(session);
    const fn = port[method] as (...a: unknown[]) => Promise<unknown>;
    return fn.apply(port, args);
  }

  /** The connector config of an org the worker has seen (an extension page names it by key). */
  async function configFor(orgKey: string): Promise<PortConfig> {
    return (await authFor(orgByKey(orgKey), await deps.getSettings())).config;
  }

  function orgByKey(orgKey: string): OrgSession {
    const known = orgs.get(orgKey);
    if (!known) {
      throw new ConnectorError({ kind: 'invalid_input', userMessage: 'Open a Salesforce record page of this org first.', detail: `unknown org ${orgKey}` });
    }
    return known.session;
  }

  return {
    async handle(message, sender) {
      const role = classifySender(sender, deps.senderPolicy);
      if (!role) {
        return null;
      }
      const parsed = parseRequest(message);
      if (!parsed.ok) {
        return parsed.replyId ? errorResponse(parsed.replyId, parsed.error) : null;
      }
      const { request, args } = parsed;
      if (!isKindAllowed(role, request.kind)) {
        return null;
      }
      await restoreOrgs();
      try {
        switch (request.kind) {
          case 'port-call': {
            const session = await sessionForPage(sender.url ?? '', sender.tab?.cookieStoreId);
            const result = await callPort(request.method, args, session);
            if (request.method === 'loadSnapshot' && deps.broadcast) {
              // Every snapshot the panel reads (on open, and again after each write): an open worklist page re-scores
              // the row, as the demo's page does with the same snapshots. A side effect: its failure must not turn
              // the panel's successful read into an error.
              try {
                deps.broadcast(accountRefreshedMessage(session.orgKey, result as AccountSnapshot));
              } catch (error) {
                console.warn('[collections-panel] could not tell the worklist page about the snapshot', error);
              }
            }
            return okResponse(request.id, result);
          }
          case 'oauth-offer': {
            const apiOrigin = apiOriginForPage(sender.url ?? '', deps.senderPolicy.devOrigins);
            if (!apiOrigin) {
              throw new ConnectorError({ kind: 'invalid_input', detail: 'not a Salesforce page' });
            }
            const storeId = sender.tab?.cookieStoreId;
            const session = await findOrgSession(deps.cookies, sender.url ?? '', { devOrigins: deps.senderPolicy.devOrigins, ...(storeId === undefined ? {} : { storeId }) });
            const known = session ?? { orgKey: apiOrigin, orgId: null, apiOrigin, storeId };
            remember(known);
            await deps.openSignInPage(known.orgKey);
            return okResponse(request.id, { opened: true });
          }
          case 'list-orgs':
            return okResponse(request.id, this.knownOrgs());
          case 'setup-check': {
            const session = orgByKey(request.orgKey);
            const { config } = await authFor(session, await deps.getSettings());
            return okResponse(request.id, await deps.runSetupCheck(config));
          }
          case 'open-page': {
            if (!deps.openExtensionPage) {
              throw new ConnectorError({ kind: 'configuration', detail: 'this build has no extension pages' });
            }
            const session = await sessionForPage(sender.url ?? '', sender.tab?.cookieStoreId);
            await deps.openExtensionPage(request.page, session.orgKey, new URL(sender.url ?? '').origin);
            return okResponse(request.id, { opened: true });
          }
          case 'whoami': {
            const session = await sessionForPage(sender.url ?? '', sender.tab?.cookieStoreId);
            // One userinfo read per org while the worker lives: the user does not change between page views.
            let user = users.get(session.orgKey);
            if (user === undefined) {
              const { config } = await authFor(session, await deps.getSettings());
              user = deps.readUser ? await deps.readUser(config) : { id: null, name: null };
              users.set(session.orgKey, user);
            }
            return okResponse(request.id, { name: user.name, id: user.id });
          }
          case 'worklist-read':
            return okResponse(request.id, await able(deps.readWorklist, request.kind)(await configFor(request.orgKey)));
          case 'report-read':
            return okResponse(request.id, await able(deps.readReport, request.kind)(await configFor(request.orgKey), request.from));
          case 'disputes-read':
            return okResponse(request.id, await able(deps.readDisputes, request.kind)(await configFor(request.orgKey)));
          case 'dispute-answer':
            return okResponse(request.id, await able(deps.answerDispute, request.kind)(await configFor(request.orgKey), request.input));
          case 'oauth-sign-in': {
            const session = orgByKey(request.orgKey);
            const settings = await deps.getSettings();
            await deps.oauthTokens.signIn(session.apiOrigin, settings.oauthClientId);
            // Ports of this org switch to the OAuth token on their next use (authFor picks it up).
            for (const key of [...ports.keys()].filter((k) => k.startsWith(`${session.orgKey}|`))) {
              ports.delete(key);
            }
            return okResponse(request.id, { signedIn: true });
          }
        }
      } catch (error) {
        return errorResponse(request.id, toSerializedError(error));
      }
    },
    async openPageForTab(page, tab) {
      if (!deps.openExtensionPage || !tab.url || !apiOriginForPage(tab.url, deps.senderPolicy.devOrigins)) {
        return false;
      }
      await restoreOrgs();
      const session = await sessionForPage(tab.url, tab.cookieStoreId);
      await deps.openExtensionPage(page, session.orgKey, new URL(tab.url).origin);
      return true;
    },
    resetPorts() {
      ports.clear();
    },
    knownOrgs() {
      return [...orgs.values()]
        .map(({ session, lastSeen }) => ({
          orgKey: session.orgKey,
          orgId: session.orgId,
          apiOrigin: session.apiOrigin,
          auth: ports.get(`${session.orgKey}|${session.storeId ?? ''}`)?.auth ?? 'cookie',
          lastSeen,
        }))
        .sort((a, b) => b.lastSeen - a.lastSeen);
    },
  };
}
