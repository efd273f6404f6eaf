/**
 * `<collections-panel record-id="001...">`: the panel as a custom element. The port comes from the
 * `port` property or CollectionsPanel.configure({ port }); `locale` may be an attribute.
 */
import type { CollectionsPort } from '../../connector/port';
import { getDefaults, mount } from './mount';
import type { MountOptions, PanelHandle } from './types';

export const ELEMENT_NAME = 'collections-panel';

/**
 * Define the element once (safe to call repeatedly; no-op without customElements). The registry is
 * read through `globalThis` and tested for truthiness, not `typeof … === 'undefined'`: in Chromium
 * extension isolated worlds (content scripts) `customElements` exists but is `null`.
 */
export function defineElement(): void {
  const registry = globalThis.customElements as CustomElementRegistry | null | undefined;
  if (!registry || typeof HTMLElement === 'undefined' || registry.get(ELEMENT_NAME)) {
    return;
  }

  class CollectionsPanelElement extends HTMLElement {
    static get observedAttributes() {
      return ['record-id', 'locale'];
    }

    private handle: PanelHandle | null = null;
    private portValue: CollectionsPort | null = null;
    /** Extra mount options (policy, storage, now...) set as a property by the host. */
    options: Partial<Omit<MountOptions, 'recordId'>> = {};

    get port(): CollectionsPort | null {
      return this.portValue;
    }

    set port(value: CollectionsPort | null) {
      this.portValue = value;
      this.remount();
    }

    connectedCallback() {
      this.remount();
    }

    disconnectedCallback() {
      this.handle?.unmount();
      this.handle = null;
    }

    attributeChangedCallback(name: string, previous: string | null, next: string | null) {
      if (previous === next || !this.isConnected) {
        return;
      }
      if (name === 'record-id' && this.handle && next) {
        this.handle.update({ recordId: next });
      } else {
        this.remount();
      }
    }

    private remount() {
      const recordId = this.getAttribute('record-id');
      const port = this.portValue ?? getDefaults().port;
      if (!this.isConnected || !recordId || !port) {
        return;
      }
      const locale = this.getAttribute('locale');
      try {
        this.handle = mount(this, { ...this.options, recordId, port, ...(locale ? { locale } : {}) });
      } catch (error) {
        // A bad attribute must not throw into the host page's own code.
        console.error('[collections-panel]', error);
      }
    }
  }

  registry.define(ELEMENT_NAME, CollectionsPanelElement);
}
