/**
 * Content script (top frame of `*.lightning.force.com`, document_idle). Attaches the collapsed collections dock to
 * Account/Contact/Opportunity/Case record pages, follows Lightning's in-app navigation, and proxies every
 * CollectionsPort call to the service worker. Makes NO Salesforce request itself and never sees a token.
 */
// The mount module, not the widget's index: the index registers a custom element on import, and content scripts
// run in an isolated world where `customElements` is null in Chromium.
import { mount as mountPanel } from '../../widget/src/mount';
import { ContentScriptContext, isContextInvalidatedError } from './content-context';
import { extensionStorageAdapter } from './drafts-storage';
import { DEV_ORIGINS, extensionApi } from './ext-api';
import { resolveActiveRecord } from './lightning-dom';
import { watchLocation } from './location-watcher';
import { createPanelHost, INJECTION_MARKER } from './panel-host';
import { createProxyPort } from './proxy-port';
import { PROTOCOL_VERSION } from './protocol';
import type { Settings } from './settings';
import { DEFAULT_SETTINGS, normaliseSettings, SETTINGS_KEY, shouldAutoOpen } from './settings';

let warnedInvalidated = false;

function warnInvalidatedOnce(): void {
  if (!warnedInvalidated) {
    warnedInvalidated = true;
    console.warn('[collections-panel] The extension was updated or disabled. Reload the page to use the panel again.');
  }
}

async function loadSettings(api: typeof chrome): Promise<Settings> {
  try {
    const stored = await api.storage.sync.get(SETTINGS_KEY);
    return normaliseSettings(stored[SETTINGS_KEY]);
  } catch (_error) {
    return DEFAULT_SETTINGS;
  }
}

async function main(): Promise<void> {
  // Top frame only (also declared in the manifest), once per document.
  if (window.top !== window || document.documentElement.hasAttribute(INJECTION_MARKER)) {
    return;
  }
  document.documentElement.setAttribute(INJECTION_MARKER, '');
  const api = extensionApi();
  const ctx = new ContentScriptContext('collections-panel', () => Boolean(api.runtime?.id));
  ctx.onInvalidated(() => {
    document.documentElement.removeAttribute(INJECTION_MARKER);
    if (!api.runtime?.id) {
      warnInvalidatedOnce();
    }
  });

  let settings = await loadSettings(api);
  api.storage.onChanged.addListener((changes, area) => {
    if (area === 'sync' && changes[SETTINGS_KEY]) {
      settings = normaliseSettings(changes[SETTINGS_KEY].newValue);
    }
  });

  const port = createProxyPort((message) => api.runtime.sendMessage(message), {
    onError: (error) => {
      if (error.kind === 'api_disabled') {
        host.showApiDisabledNotice();
      }
    },
    onInvalidated: () => ctx.abort(new Error('Extension context invalidated.')),
  });
  const storage = extensionStorageAdapter(api.storage.local);

  const host = createPanelHost({
    ctx,
    document,
    render: (element, recordId) =>
      mountPanel(element, {
        recordId,
        port,
        storage,
        ...(settings.locale ? { locale: settings.locale } : {}),
        ...(settings.complianceProfile ? { policy: { complianceProfile: settings.complianceProfile } } : {}),
        ...(settings.reportingCurrency ? { reportingCurrency: settings.reportingCurrency } : {}),
      }),
    onRequestOAuth: () => {
      api.runtime
        .sendMessage({ v: PROTOCOL_VERSION, kind: 'oauth-offer', id: crypto.randomUUID() })
        .catch((error: unknown) => (isContextInvalidatedError(error) ? ctx.abort(error) : console.warn('[collections-panel]', error)));
    },
  });

  const apply = (): void => {
    const record = resolveActiveRecord(location.href, document, DEV_ORIGINS);
    host.setRecord(record, { autoOpen: record !== null && shouldAutoOpen(settings.autoOpen, record.objectType) });
  };
  apply();
  watchLocation(ctx, apply);
}

main().catch((error: unknown) => {
  if (isContextInvalidatedError(error)) {
    warnInvalidatedOnce();
    return;
  }
  console.error('[collections-panel]', error);
});
