/**
 * Public API of the collections panel core (ESM `panel.js`, IIFE `panel.iife.js` as global
 * `CollectionsPanelCore`; its action forms are the second classic script `panel-forms.iife.js`, decision 0018).
 *
 *   const handle = CollectionsPanel.mount(element, { recordId, port, locale, policy, now, storage, reportingCurrency });
 *   handle.update({ recordId }); handle.unmount();
 *   CollectionsPanel.configure({ port }); // then <collections-panel record-id="...">
 */
import { defineElement } from './element';
import { configure, mount, unmount, update } from './mount';
import { PANEL_FINGERPRINT, PANEL_VERSION } from './version';

export const CollectionsPanel = {
  mount,
  update,
  unmount,
  configure,
  defineElement,
  version: PANEL_VERSION,
  fingerprint: PANEL_FINGERPRINT,
};

export { Panel } from './ui/Panel';
export { localStorageAdapter, memoryStorage } from './storage';
export type { StorageAdapter } from './storage';
export type { MountOptions, PanelHandle, PanelPolicy } from './types';

// Registering the element is harmless in hosts that never use it, and lets pages use the tag directly.
defineElement();
