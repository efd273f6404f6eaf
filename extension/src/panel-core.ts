/**
 * The lazily loaded half of the content script (an ES module, `panel.js`), imported only when the collector opens
 * the panel: the Preact widget and the proxy port (no zod: the worker validates messages; issue 18); the action
 * forms follow in panel-forms.js after first paint. Lightning page views where the panel stays collapsed never
 * download or parse it (loader + lazy core, engineering-anchors A7.5, budget B6).
 */
import type { ConnectorError } from '../../connector/errors';
import type { CollectionsPort, DisputeOwnerPort } from '../../connector/port';
import { mount } from '../../widget/src/mount';
import { extensionStorageAdapter } from './drafts-storage';
import { extensionApi, SHADOW_MODE } from './ext-api';
import type { PanelHandleLike } from './panel-host';
import { createProxyPort } from './proxy-port';
import { pageSettings } from './page-settings';

export interface PanelCoreOptions {
  recordId: string;
  /** Opened on an opportunity or quote: the panel leads with "Before you sell" (decision 0025). */
  salesView?: boolean;
  /** The signed-in user's name as the worker answered 'whoami' (OAuth userinfo); checked here. */
  senderName?: unknown;
  /** The signed-in user's CRM id from the same answer: the owner's answer on their own disputes (issue 19); checked here. */
  userId?: unknown;
  /** Raw stored settings (validated here). */
  storedSettings: unknown;
  /** Called for every port failure (the host shows the OAuth offer on `api_disabled`). */
  onError: (error: ConnectorError) => void;
  /** The extension went away: stop all work. */
  onInvalidated: () => void;
}

let port: (CollectionsPort & Pick<DisputeOwnerPort, 'answerDispute'>) | null = null;
let listeners: Pick<PanelCoreOptions, 'onError' | 'onInvalidated'> | null = null;

/** Mounts the widget for one record; one proxy port per page, whatever the number of mounts. */
export function mountPanelCore(element: HTMLElement, options: PanelCoreOptions): PanelHandleLike {
  const api = extensionApi();
  listeners = { onError: options.onError, onInvalidated: options.onInvalidated };
  port ??= createProxyPort((message) => api.runtime.sendMessage(message), {
    onError: (error) => listeners?.onError(error),
    onInvalidated: () => listeners?.onInvalidated(),
  });
  const settings = pageSettings(options.storedSettings);
  return mount(element, {
    recordId: options.recordId,
    port,
    // The Salesforce page's scripts can neither read the panel nor act through it.
    shadowMode: SHADOW_MODE,
    trustedEventsOnly: true,
    ...(options.salesView ? { salesView: true } : {}),
    ...(typeof options.senderName === 'string' && options.senderName ? { senderName: options.senderName } : {}),
    // A user id (15/18 letters and digits), never markup: the panel compares it with dispute owners.
    ...(typeof options.userId === 'string' && /^[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?$/.test(options.userId) ? { userId: options.userId } : {}),
    // Drafts and the last snapshot go to extension storage, never the Salesforce page's localStorage.
    storage: extensionStorageAdapter(api.storage.local),
    ...(settings.locale ? { locale: settings.locale } : {}),
    ...(settings.complianceProfile ? { policy: { complianceProfile: settings.complianceProfile } } : {}),
    ...(settings.reportingCurrency ? { reportingCurrency: settings.reportingCurrency } : {}),
  });
}
