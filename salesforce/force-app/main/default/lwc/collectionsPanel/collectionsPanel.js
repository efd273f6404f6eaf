import { LightningElement, api, wire } from 'lwc';
import { loadScript } from 'lightning/platformResourceLoader';
import COLLECTIONS_PANEL from '@salesforce/resourceUrl/collectionsPanel';
import COLLECTIONS_PANEL_FORMS from '@salesforce/resourceUrl/collectionsPanelForms';
import USER_LOCALE from '@salesforce/i18n/locale';
import USER_TIME_ZONE from '@salesforce/i18n/timeZone';
import USER_ID from '@salesforce/user/Id';
import USER_NAME_FIELD from '@salesforce/schema/User.Name';
import { getFieldValue, getRecord } from 'lightning/uiRecordApi';
import { createLightningPort } from './collectionsPort';

/**
 * Hosts the collections panel (Preact widget) on Lightning record pages.
 *
 * The widget ships as the static resource `collectionsPanel` (an IIFE that sets
 * `window.CollectionsPanel` and `window.CollectionsLds`), loaded once with `loadScript` (the LWC
 * content security policy forbids any other script source), then mounted into an
 * `lwc:dom="manual"` element. Data flows through Apex / Lightning Data Service, never REST.
 * The action forms and the write path are a second static resource, `collectionsPanelForms`
 * (decision 0026): the panel asks for it (`window.CollectionsPanelLoadForms`) on idle after first
 * paint or when a form is opened, and the port on its first write.
 */
export default class CollectionsPanel extends LightningElement {
    /** Set by the record page. */
    @api objectApiName;
    /** The rep's view (issue 19, decision 0025): set by c-collections-customer-check on opportunity pages. */
    @api salesView = false;

    /** The signed-in user's name signs reminders (widget senderName); LDS has the user record cached on most pages. */
    senderName;
    userAnswered = false;
    scriptLoaded = false;

    @wire(getRecord, { recordId: USER_ID, fields: [USER_NAME_FIELD] })
    wiredUser({ data, error }) {
        if (data) {
            this.senderName = getFieldValue(data, USER_NAME_FIELD);
        }
        if (data || error) {
            // No name (no access to the User record): the widget's default, "Accounts receivable".
            this.userAnswered = true;
            this.mountPanel();
        }
    }

    error;
    bundleRequested = false;
    isConnectedToPage = false;
    handle = null;
    _recordId;

    /** Record the page shows (Account, Contact, Opportunity or Case). */
    @api
    get recordId() {
        return this._recordId;
    }
    set recordId(value) {
        const changed = value !== this._recordId;
        this._recordId = value;
        // Record pages reuse the component when navigating between records of one type.
        if (changed && this.handle && value) {
            this.handle.update({ recordId: value });
        }
    }

    get hasError() {
        return this.error !== undefined && this.error !== null;
    }

    renderedCallback() {
        if (this.bundleRequested) {
            return;
        }
        this.bundleRequested = true;
        this.loadAndMount();
    }

    async loadAndMount() {
        try {
            await loadScript(this, COLLECTIONS_PANEL);
        } catch (error) {
            this.error = error && error.message ? error : new Error('The collections panel bundle (static resource collectionsPanel) could not be loaded.');
            return;
        }
        this.scriptLoaded = true;
        this.mountPanel();
    }

    mountPanel() {
        if (this.handle || !this.isConnectedToPage || !this.scriptLoaded || !this.userAnswered) {
            return;
        }
        const panelApi = window.CollectionsPanel;
        const lds = window.CollectionsLds;
        if (!panelApi || typeof panelApi.mount !== 'function' || !lds) {
            this.error = new Error('The collectionsPanel static resource did not define window.CollectionsPanel and window.CollectionsLds.');
            return;
        }
        // The panel calls this once (idle or first use), the port on its first write; loadScript loads a
        // resource once per page.
        const loadForms = () => loadScript(this, COLLECTIONS_PANEL_FORMS);
        window.CollectionsPanelLoadForms = loadForms;
        const port = createLightningPort(lds, {
            loadWrites: () =>
                loadForms().then(() => {
                    if (!window.CollectionsLdsAfterPaint) {
                        throw new Error('The collectionsPanelForms static resource did not define window.CollectionsLdsAfterPaint.');
                    }
                    return window.CollectionsLdsAfterPaint;
                }),
            onError: (error) => {
                this.error = error;
            },
            onSuccess: () => {
                this.error = undefined;
            }
        });
        const container = this.template.querySelector('div.panel');
        try {
            // The user's Salesforce locale and time zone, not the browser's: figures, dates and "today"
            // in the panel must match the day the writes record (collectionsPort plans them in this zone).
            this.handle = panelApi.mount(container, {
                recordId: this._recordId,
                port,
                locale: USER_LOCALE,
                userTimeZone: USER_TIME_ZONE,
                ...(this.senderName ? { senderName: this.senderName } : {}),
                // The owner's answer on disputes this user owns (issue 19).
                ...(USER_ID ? { userId: USER_ID } : {}),
                ...(this.salesView ? { salesView: true } : {})
            });
        } catch (error) {
            this.error = error;
        }
    }

    connectedCallback() {
        this.isConnectedToPage = true;
        // Re-inserted after a disconnect (e.g. tab switch in a console app): mount again.
        if (this.bundleRequested && !this.handle && window.CollectionsPanel) {
            Promise.resolve().then(() => this.mountPanel());
        }
    }

    disconnectedCallback() {
        this.isConnectedToPage = false;
        if (this.handle) {
            this.handle.unmount();
            this.handle = null;
        }
    }
}
