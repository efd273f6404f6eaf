import { LightningElement } from 'lwc';
import { loadScript } from 'lightning/platformResourceLoader';

/**
 * The part every Lightning tab hosting a widget shares (worklist, reports, disputes; decision 0023): load the
 * widget's static resource with loadScript, find the global it defines, and mount it into the component's
 * lwc:dom="manual" element. Resolves to what the widget's mount returns (its handle, or a promise of it);
 * rejects with an Error a person can read when the resource does not load or does not define its global.
 */
export async function mountWidget(component, { resourceUrl, resourceName, label, globalName, target, options }) {
    try {
        await loadScript(component, resourceUrl);
    } catch (error) {
        throw new Error(`The ${label} bundle (static resource ${resourceName}) could not be loaded.`);
    }
    const api = window[globalName];
    if (!api || typeof api.mount !== 'function') {
        throw new Error(`The ${resourceName} static resource did not define window.${globalName}.`);
    }
    return api.mount(target, options);
}

/**
 * The lifecycle every widget tab shares: mount once after the first render, show an error panel on failure
 * (`hasError`/`error`), a `loading` flag while mounting, and unmount on disconnect. A tab supplies
 * `widget()`: the {@link mountWidget} parameters (its resource, global, target and options).
 */
export class WidgetTab extends LightningElement {
    error;
    loading = true;
    requested = false;
    handle = null;

    get hasError() {
        return this.error !== undefined && this.error !== null;
    }

    renderedCallback() {
        if (this.requested) {
            return;
        }
        this.requested = true;
        this.loadAndMount();
    }

    async loadAndMount() {
        try {
            this.handle = await mountWidget(this, this.widget());
        } catch (error) {
            this.error = error;
        } finally {
            this.loading = false;
        }
    }

    disconnectedCallback() {
        if (this.handle) {
            this.handle.unmount();
            this.handle = null;
        }
        this.requested = false;
    }
}
