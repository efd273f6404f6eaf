/**
 * Content script (top frame of `*.lightning.force.com`, document_idle): a small loader. Attaches the collapsed
 * collections dock to Account/Contact/Opportunity/Case record pages and follows Lightning's in-app navigation; the
 * panel itself (`panel.js`: widget + proxy port) is imported only when the collector opens it. Makes NO Salesforce
 * request itself and never sees a token: every port call goes to the service worker.
 */
import { ContentScriptContext, isContextInvalidatedError } from './content-context';
import { readAutoOpenRule, shouldAutoOpen } from './auto-open';
import { DEV_ORIGINS, extensionApi, SHADOW_MODE } from './ext-api';
import { resolveActiveRecord } from './lightning-dom';
import { watchLocation } from './location-watcher';
import { createPanelHost, INJECTION_MARKER, isSalesPage } from './panel-host';
import type { PanelHandleLike } from './panel-host';
import type * as PanelCore from './panel-core';
import { PROTOCOL_VERSION } from './protocol-version';

const SETTINGS_KEY = 'settings';
const PANEL_MODULE = 'panel.js';

let warnedInvalidated = false;

function warnInvalidatedOnce(): void {
  if (!warnedInvalidated) {
    warnedInvalidated = true;
    console.warn('[collections-panel] The extension was updated or disabled. Reload the page to use the panel again.');
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

  let storedSettings: unknown = (await api.storage.sync.get(SETTINGS_KEY).catch((): Record<string, unknown> => ({})))[SETTINGS_KEY];
  api.storage.onChanged.addListener((changes, area) => {
    if (area === 'sync' && changes[SETTINGS_KEY]) {
      storedSettings = changes[SETTINGS_KEY].newValue;
    }
  });

  let core: Promise<typeof PanelCore> | null = null;
  const loadCore = (): Promise<typeof PanelCore> => {
    core ??= import(/* @vite-ignore */ api.runtime.getURL(PANEL_MODULE)) as Promise<typeof PanelCore>;
    return core;
  };

  // The signed-in user's name signs reminders, their id offers the owner's answer on their disputes (the worker
  // reads OAuth userinfo, not the data API): asked once per page, in parallel with loading the panel; the lazy core
  // checks the answer (kept small: this script loads everywhere).
  let user: Promise<{ name?: unknown; id?: unknown } | undefined> | null = null;
  const loadUser = (): Promise<{ name?: unknown; id?: unknown } | undefined> =>
    (user ??= api.runtime.sendMessage({ v: PROTOCOL_VERSION, kind: 'whoami', id: crypto.randomUUID() }).then((answer: unknown) => (answer as { result?: { name?: unknown; id?: unknown } } | null)?.result, () => undefined));

  const host = createPanelHost({
    ctx,
    document,
    shadowMode: SHADOW_MODE,
    render: (element, recordId, signal, record) => {
      let handle: PanelHandleLike | null = null;
      Promise.all([loadCore(), loadUser()])
        .then(([mod, signedIn]) => {
          if (!signal.aborted) {
            handle = mod.mountPanelCore(element, {
              recordId,
              storedSettings,
              salesView: isSalesPage(record ?? null),
              senderName: signedIn?.name,
              userId: signedIn?.id,
              onError: (error) => {
                if (error.kind === 'api_disabled') {
                  host.showApiDisabledNotice();
                }
              },
              onInvalidated: () => ctx.abort(new Error('Extension context invalidated.')),
            });
          }
        })
        .catch((error: unknown) => {
          core = null;
          if (isContextInvalidatedError(error) || !api.runtime?.id) {
            ctx.abort(error);
            return;
          }
          console.error('[collections-panel] could not load the panel', error);
          element.textContent = 'The collections panel could not be loaded. Reload the page and try again.';
        });
      return {
        update: (next) => handle?.update(next),
        unmount: () => handle?.unmount(),
      };
    },
    onRequestOAuth: () => {
      api.runtime
        .sendMessage({ v: PROTOCOL_VERSION, kind: 'oauth-offer', id: crypto.randomUUID() })
        .catch((error: unknown) => (isContextInvalidatedError(error) ? ctx.abort(error) : console.warn('[collections-panel]', error)));
    },
    // The worker opens the page for this tab's org (it knows the session; the page does not).
    onOpenPage: (page) => {
      api.runtime
        .sendMessage({ v: PROTOCOL_VERSION, kind: 'open-page', page, id: crypto.randomUUID() })
        .catch((error: unknown) => (isContextInvalidatedError(error) ? ctx.abort(error) : console.warn('[collections-panel]', error)));
    },
  });

  const apply = (): void => {
    const record = resolveActiveRecord(location.href, document, DEV_ORIGINS);
    host.setRecord(record, { autoOpen: record !== null && shouldAutoOpen(readAutoOpenRule(storedSettings), record.objectType) });
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
