/**
 * Service worker. The only place that sees a Salesforce session id or OAuth token, and the only place that calls
 * Salesforce: content scripts send typed `port-call` messages (protocol.ts) and get domain data back.
 */
import { createSalesforcePort, parseCustomMapping } from '../../connector/salesforce/index';
import type { MappingConfig, PresetName, SalesforcePortExtras, SalesforcePortOptions } from '../../connector/salesforce/index';
import { createUnknownOutcomeStore } from './unknown-outcomes';
import { indexedDbOutboxStorage } from '../../connector/writes/outbox-idb';
import { createOutboxOwner } from './outbox-owner';
import { DEV_ORIGINS, extensionApi } from './ext-api';
import type { OAuthDeps } from './oauth';
import { createOAuthStore } from './oauth-store';
import { normaliseSettings, SETTINGS_KEY } from './settings';
import type { Settings } from './settings';
import type { PortConfig } from './worker-router';
import { createWorkerRouter } from './worker-router';
import { createDisputeReads, createPageReads } from './page-reads';

const api = extensionApi();
const KNOWN_ORGS_KEY = 'known-orgs';

async function getSettings(): Promise<Settings> {
  const stored = await api.storage.sync.get(SETTINGS_KEY);
  return normaliseSettings(stored[SETTINGS_KEY]);
}

/** Connector mapping from the options: a preset name, or the custom mapping JSON (validated by the connector). */
function mappingFor(settings: Settings): MappingConfig | PresetName {
  if (settings.mappingPreset === 'custom') {
    return parseCustomMapping(settings.customMapping);
  }
  return settings.mappingPreset as PresetName;
}

// Write keys whose outcome is unknown (timeout) must survive worker restarts, or a retry could duplicate a Task.
const unknownOutcomeKeys = createUnknownOutcomeStore(api.storage.local);

function connectorOptions(config: PortConfig): SalesforcePortOptions & SalesforcePortExtras {
  return {
    instanceUrl: config.instanceUrl,
    getAccessToken: config.getAccessToken,
    refreshAccessToken: config.refreshAccessToken,
    mapping: mappingFor(config.settings),
    fetch: (input, init) => fetch(input, init),
    // Calendar days (ActivityDate) in the collector's own zone, passed explicitly.
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    unknownOutcomeKeys,
  };
}

// Calls, promises and notes logged offline or during an outage wait here (IndexedDB of the worker,
// shared by every tab) and are replayed with their own keys on startup, on reconnect and every 30 s.
const outboxOwner = createOutboxOwner({
  storageFor: (instanceUrl) => indexedDbOutboxStorage(`collections-outbox:${instanceUrl}`),
  ...(typeof navigator !== 'undefined' && navigator.locks ? { locks: { request: <T>(name: string, task: () => Promise<T>) => navigator.locks.request(name, task) as Promise<T> } } : {}),
  onOnline: (listener) => self.addEventListener('online', listener),
  setInterval: (task, ms) => setInterval(task, ms),
  log: (message, error) => console.warn(`[collections-panel] ${message}`, error),
});

const oauthDeps = (): OAuthDeps => ({
  launchWebAuthFlow: (details) => api.identity.launchWebAuthFlow(details),
  redirectUri: api.identity.getRedirectURL('oauth'),
  fetch: (input, init) => fetch(input, init),
  randomBytes: (length) => crypto.getRandomValues(new Uint8Array(length)),
  sha256: (data) => crypto.subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>),
  now: () => Date.now(),
});

const router = createWorkerRouter({
  senderPolicy: { extensionId: api.runtime.id, extensionOrigin: api.runtime.getURL(''), devOrigins: DEV_ORIGINS },
  cookies: {
    get: (details) => api.cookies.get(details),
    getAll: (details) => api.cookies.getAll(details),
  },
  createPort: (config) => outboxOwner.wrap(config.instanceUrl, createSalesforcePort(connectorOptions(config))),
  runSetupCheck: (config) => createSalesforcePort(connectorOptions(config)).setupCheck(),
  getSettings,
  oauthTokens: createOAuthStore(api.storage.session, oauthDeps),
  orgMemory: {
    load: async () => (await api.storage.session.get(KNOWN_ORGS_KEY))[KNOWN_ORGS_KEY],
    save: (orgs) => api.storage.session.set({ [KNOWN_ORGS_KEY]: orgs }),
  },
  openSignInPage: async (orgKey) => {
    await api.tabs.create({ url: `${api.runtime.getURL('options.html')}#sign-in=${encodeURIComponent(orgKey)}` });
  },
  openExtensionPage: async (page, orgKey, lightningOrigin) => {
    await api.tabs.create({ url: `${api.runtime.getURL(`${page}.html`)}?org=${encodeURIComponent(orgKey)}&lightning=${encodeURIComponent(lightningOrigin)}` });
  },
  ...createPageReads(),
  ...createDisputeReads((config) => createSalesforcePort(connectorOptions(config))),
  // To the extension's pages only (a worker's runtime.sendMessage never reaches content scripts); with no page
  // open the browser rejects ("Receiving end does not exist"), which is normal.
  broadcast: (message) => {
    api.runtime.sendMessage(message).catch(() => undefined);
  },
  now: () => Date.now(),
});

// The toolbar button: the worklist of the current tab's org; elsewhere the page says where to open it from.
api.action?.onClicked.addListener((tab) => {
  router
    .openPageForTab('worklist', { url: tab.url, cookieStoreId: (tab as { cookieStoreId?: string }).cookieStoreId })
    .then((opened) => (opened ? undefined : api.tabs.create({ url: api.runtime.getURL('worklist.html') })))
    .catch((error: unknown) => console.warn('[collections-panel] worklist', error));
});

api.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
  router
    .handle(message, sender as Parameters<typeof router.handle>[1])
    .then((response) => sendResponse(response ?? undefined))
    .catch((error: unknown) => {
      console.error('[collections-panel] worker', error);
      sendResponse(undefined);
    });
  // Keep the channel open for the async answer.
  return true;
});

api.storage.onChanged.addListener((changes, area) => {
  if (area === 'sync' && changes[SETTINGS_KEY]) {
    // A new mapping needs new ports.
    router.resetPorts();
  }
});
