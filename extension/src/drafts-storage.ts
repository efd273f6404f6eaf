/**
 * Drafts and the last snapshot for the widget, in `chrome.storage.local` rather than the Salesforce page's
 * localStorage: page scripts cannot read extension storage, and Salesforce's own storage stays untouched.
 */
import type { StorageAdapter } from '../../widget/src/storage';

const PREFIX = 'panel:';

export function extensionStorageAdapter(area: Pick<chrome.storage.StorageArea, 'get' | 'set' | 'remove'>): StorageAdapter {
  return {
    async get(key) {
      try {
        const items = await area.get(PREFIX + key);
        return items[PREFIX + key];
      } catch (_error) {
        return undefined;
      }
    },
    async set(key, value) {
      try {
        await area.set({ [PREFIX + key]: value });
      } catch (_error) {
        // Quota or invalidated context: drafts are a convenience and must never break the panel.
      }
    },
    async remove(key) {
      try {
        await area.remove(PREFIX + key);
      } catch (_error) {
        // see set()
      }
    },
  };
}
