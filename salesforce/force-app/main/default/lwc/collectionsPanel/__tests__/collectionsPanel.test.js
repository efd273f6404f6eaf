import { createElement } from '@lwc/engine-dom';
import CollectionsPanel from 'c/collectionsPanel';
import { loadScript } from 'lightning/platformResourceLoader';
import { getRecord, updateRecord } from 'lightning/uiRecordApi';
import getSnapshot from '@salesforce/apex/CollectionsController.getSnapshot';
import getFreshSnapshot from '@salesforce/apex/CollectionsController.getFreshSnapshot';
import save from '@salesforce/apex/CollectionsController.save';
import answerDisputeApex from '@salesforce/apex/CollectionsDisputesController.answerDispute';
import USER_ID from '@salesforce/user/Id';
import { flushPromises, resetPage } from '../../../../../test/lwc-test-utils';

// Real-shaped payloads: the Apex getSnapshot result, an Apex exception and a UI API DML error.
const APEX_SNAPSHOT = require('./data/getSnapshot.json');
const APEX_ERROR = require('./data/apexError.json');
const LDS_UPDATE_ERROR = require('./data/ldsUpdateError.json');
// The signed-in user as LDS getRecord answers it (User.Name signs reminders).
const USER_RECORD = require('./data/getUserRecord.json');

jest.mock('@salesforce/resourceUrl/collectionsPanel', () => ({ default: '/resource/1763820000000/collectionsPanel' }), { virtual: true });
jest.mock('@salesforce/resourceUrl/collectionsPanelForms', () => ({ default: '/resource/1763820000000/collectionsPanelForms' }), { virtual: true });
// @salesforce/i18n/locale and /timeZone come from force-app/test/jest-mocks/i18n (de-DE, Europe/Berlin).
jest.mock('@salesforce/apex/CollectionsController.getSnapshot', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/CollectionsController.getFreshSnapshot', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/CollectionsController.save', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/CollectionsDisputesController.answerDispute', () => ({ default: jest.fn() }), { virtual: true });

const ACCOUNT_ID = '001Hn00001xYzAbIAK';
const OTHER_ACCOUNT_ID = '001Hn00001xYzAcIAK';
const MAPPED_SNAPSHOT = { account: { id: ACCOUNT_ID, name: 'Globex Industrial GmbH' }, contacts: [{ id: '003Hn00001qRsTuIAK' }] };

/**
 * Stand-in for the static resource's globals: records calls, never touches the network. The real
 * `CollectionsLds.mapSnapshot` (the connector's mapping) runs over the same `data/getSnapshot.json`
 * in vitest: salesforce/lwc-bundle/lds-adapter.test.ts ("maps the Apex snapshot fixture with the
 * connector mapSnapshot…", asserting balances, instalments and data-quality notes), and the built
 * resource renders it in test/meta/static-resource.test.ts.
 */
function installBundleGlobals() {
    const handle = { update: jest.fn(), unmount: jest.fn() };
    window.CollectionsPanel = {
        mount: jest.fn((element) => {
            // The real widget renders into the manual-DOM host; do the same so a11y checks see content.
            const heading = document.createElement('h2');
            heading.textContent = 'Collections';
            element.appendChild(heading);
            return handle;
        })
    };
    window.CollectionsLds = {
        mapSnapshot: jest.fn(() => MAPPED_SNAPSHOT),
        toConnectorError: jest.fn((error) => Object.assign(new Error('connector error'), { kind: 'unknown', cause: error })),
        // As the bundle exports them (salesforce/lwc-bundle/lds-adapter.ts WRITE_METHODS, checked there against the port).
        writeMethods: ['logCall', 'logActivity', 'addNote', 'recordPromise', 'savePaymentPlan', 'raiseDispute', 'updateDispute', 'recordSettlementOffer']
    };
    installWritesGlobal();
    return handle;
}

/**
 * Stand-in for what the forms resource (collectionsPanelForms, loaded after paint) sets for the port's
 * writes (decision 0026). Installed at once here: the mocked loadScript only resolves.
 */
function installWritesGlobal() {
    window.CollectionsLdsAfterPaint = {
        // The bundle's writer (salesforce/lwc-bundle/lightning-writer.ts, tested in vitest with Apex
        // mocked at its boundary: test/contract/port-contract.lightning.test.ts).
        write: jest.fn(),
        createWriter: jest.fn(() => window.CollectionsLdsAfterPaint.write),
        // As salesforce/lwc-bundle/dispute-answer-apex.ts answerDisputeThroughApex does (checked against the connector's rules
        // in vitest, test/contract/disputes-apex.test.ts): one Apex answerDispute call through `call`, its JSON parsed.
        answerDispute: jest.fn(async (call, input) => JSON.parse(await call('answerDispute', { idempotencyKey: input.idempotencyKey, disputeId: input.disputeId })))
    };
}

const FORMS_URL = '/resource/1763820000000/collectionsPanelForms';
const formsLoads = () => loadScript.mock.calls.filter((call) => call[1] === FORMS_URL).length;

function createPanel(recordId = ACCOUNT_ID, { user = USER_RECORD, ...extra } = {}) {
    const element = createElement('c-collections-panel', { is: CollectionsPanel });
    element.recordId = recordId;
    element.objectApiName = 'Account';
    Object.assign(element, extra);
    document.body.appendChild(element);
    if (user) {
        getRecord.emit(user);
    }
    return element;
}

function portFromMount() {
    const [, options] = window.CollectionsPanel.mount.mock.calls[0];
    return options.port;
}

describe('c-collections-panel', () => {
    afterEach(() => resetPage('CollectionsPanel', 'CollectionsLds', 'CollectionsLdsAfterPaint', 'CollectionsPanelLoadForms'));

    it('loads the static resource exactly once with its URL', async () => {
        installBundleGlobals();
        const element = createPanel();
        await flushPromises();
        // A later re-render must not load the bundle again.
        element.recordId = OTHER_ACCOUNT_ID;
        await flushPromises();

        expect(loadScript).toHaveBeenCalledTimes(1);
        expect(loadScript.mock.calls[0][1]).toBe('/resource/1763820000000/collectionsPanel');
    });

    it('gives the panel a loader for the forms resource, used only when the panel asks for it', async () => {
        installBundleGlobals();
        createPanel();
        await flushPromises();

        expect(loadScript).toHaveBeenCalledTimes(1);
        expect(typeof window.CollectionsPanelLoadForms).toBe('function');
        await window.CollectionsPanelLoadForms();
        expect(loadScript).toHaveBeenCalledTimes(2);
        expect(loadScript.mock.calls[1][1]).toBe('/resource/1763820000000/collectionsPanelForms');
    });

    it('mounts the widget into the manual-DOM container with the record id and a port', async () => {
        installBundleGlobals();
        const element = createPanel();
        await flushPromises();

        expect(window.CollectionsPanel.mount).toHaveBeenCalledTimes(1);
        const [container, options] = window.CollectionsPanel.mount.mock.calls[0];
        expect(container).toBe(element.shadowRoot.querySelector('div.panel'));
        expect(options.recordId).toBe(ACCOUNT_ID);
        // The user's Salesforce locale and zone, never the browser's (jsdom: en-US, the host's zone).
        expect(options.locale).toBe('de-DE');
        expect(options.userTimeZone).toBe('Europe/Berlin');
        for (const method of ['loadSnapshot', 'listContacts', 'logCall', 'logActivity', 'addNote', 'recordPromise', 'savePaymentPlan', 'raiseDispute', 'updateDispute', 'recordSettlementOffer']) {
            expect(typeof options.port[method]).toBe('function');
        }
        expect(element.shadowRoot.querySelector('c-error-panel')).toBeNull();
    });

    it('tells the mounted widget when the page switches to another record', async () => {
        const handle = installBundleGlobals();
        const element = createPanel();
        await flushPromises();

        element.recordId = OTHER_ACCOUNT_ID;
        await flushPromises();

        expect(handle.update).toHaveBeenCalledTimes(1);
        expect(handle.update).toHaveBeenCalledWith({ recordId: OTHER_ACCOUNT_ID });
        expect(window.CollectionsPanel.mount).toHaveBeenCalledTimes(1);
    });

    it('unmounts the widget when removed from the page', async () => {
        const handle = installBundleGlobals();
        const element = createPanel();
        await flushPromises();

        document.body.removeChild(element);

        expect(handle.unmount).toHaveBeenCalledTimes(1);
    });

    it('mounts again when the component is re-inserted (e.g. console tab switch), without reloading the script', async () => {
        const handle = installBundleGlobals();
        const element = createPanel();
        await flushPromises();

        document.body.removeChild(element);
        document.body.appendChild(element);
        await flushPromises();

        expect(handle.unmount).toHaveBeenCalledTimes(1);
        expect(window.CollectionsPanel.mount).toHaveBeenCalledTimes(2);
        expect(loadScript).toHaveBeenCalledTimes(1);
    });

    it('loads the snapshot through Apex and maps it with the bundle mapping (no REST)', async () => {
        installBundleGlobals();
        getSnapshot.mockResolvedValue(JSON.stringify(APEX_SNAPSHOT));
        createPanel();
        await flushPromises();

        const ref = { id: ACCOUNT_ID, objectType: 'account' };
        const snapshot = await portFromMount().loadSnapshot(ref);

        expect(getSnapshot).toHaveBeenCalledWith({ recordId: ACCOUNT_ID });
        expect(window.CollectionsLds.mapSnapshot).toHaveBeenCalledWith(JSON.stringify(APEX_SNAPSHOT), ref);
        expect(snapshot).toBe(MAPPED_SNAPSHOT);
        expect(getFreshSnapshot).not.toHaveBeenCalled();
    });

    it('loads no write code on open: the first write loads the forms resource and makes the writer once', async () => {
        installBundleGlobals();
        window.CollectionsLdsAfterPaint.write.mockResolvedValue({ id: 'a01Hn00000PtPaAIAV', created: true });
        createPanel();
        await flushPromises();
        const port = portFromMount();
        expect(formsLoads()).toBe(0);
        expect(window.CollectionsLdsAfterPaint.createWriter).not.toHaveBeenCalled();

        await port.recordPromise({ idempotencyKey: 'ptp-7f3a9c2e', accountId: ACCOUNT_ID });
        await port.logCall({ idempotencyKey: 'call-3c9d0a11', accountId: ACCOUNT_ID });

        expect(formsLoads()).toBeGreaterThanOrEqual(1);
        expect(window.CollectionsLdsAfterPaint.createWriter).toHaveBeenCalledTimes(1);
        expect(window.CollectionsLdsAfterPaint.createWriter).toHaveBeenCalledWith({ getFreshSnapshot, save, updateRecord }, { timeZone: 'Europe/Berlin' });
    });

    it('a write whose resource cannot be loaded fails in the widget (typed, the form keeps its input); the next try loads again', async () => {
        installBundleGlobals();
        delete window.CollectionsLdsAfterPaint;
        const element = createPanel();
        await flushPromises();
        const port = portFromMount();
        loadScript.mockRejectedValueOnce(new Error('Failed to load script at ' + FORMS_URL));

        await expect(port.updateDispute({})).rejects.toMatchObject({ kind: 'unknown' });
        expect(element.shadowRoot.querySelector('c-error-panel')).toBeNull();

        installWritesGlobal();
        window.CollectionsLdsAfterPaint.write.mockResolvedValue({ id: 'a05Hn00000Dsp01IAB', created: false });
        await expect(port.updateDispute({ disputeId: 'a05Hn00000Dsp01IAB' })).resolves.toEqual({ id: 'a05Hn00000Dsp01IAB', created: false });
        expect(window.CollectionsLdsAfterPaint.write).toHaveBeenCalledWith('updateDispute', { disputeId: 'a05Hn00000Dsp01IAB' });
    });

    it('routes every write method through the writer and reads fresh data afterwards', async () => {
        installBundleGlobals();
        window.CollectionsLdsAfterPaint.write.mockResolvedValue({ id: 'a01Hn00000PtPaAIAV', created: true });
        getFreshSnapshot.mockResolvedValue(JSON.stringify(APEX_SNAPSHOT));
        createPanel();
        await flushPromises();
        const port = portFromMount();

        const input = { idempotencyKey: 'ptp-7f3a9c2e', accountId: ACCOUNT_ID };
        expect(await port.recordPromise(input)).toEqual({ id: 'a01Hn00000PtPaAIAV', created: true });
        await port.updateDispute(input);
        await port.loadSnapshot({ id: ACCOUNT_ID });

        expect(window.CollectionsLdsAfterPaint.write).toHaveBeenCalledWith('recordPromise', input);
        expect(window.CollectionsLdsAfterPaint.write).toHaveBeenCalledWith('updateDispute', input);
        expect(getFreshSnapshot).toHaveBeenCalledWith({ recordId: ACCOUNT_ID });
        expect(getSnapshot).not.toHaveBeenCalled();
    });

    it('keeps a failed write in the widget (typed error) without the host error view', async () => {
        installBundleGlobals();
        window.CollectionsLdsAfterPaint.write.mockRejectedValue(LDS_UPDATE_ERROR);
        const element = createPanel();
        await flushPromises();

        await expect(portFromMount().updateDispute({})).rejects.toMatchObject({ kind: 'unknown', cause: LDS_UPDATE_ERROR });
        await flushPromises();

        expect(window.CollectionsLds.toConnectorError).toHaveBeenCalledWith(LDS_UPDATE_ERROR);
        expect(element.shadowRoot.querySelector('c-error-panel')).toBeNull();
    });

    it('shows the error view when the static resource fails to load', async () => {
        loadScript.mockRejectedValueOnce(new Error('Failed to load script at /resource/1763820000000/collectionsPanel'));
        const element = createPanel();
        await flushPromises();

        const errorPanel = element.shadowRoot.querySelector('c-error-panel');
        expect(errorPanel).not.toBeNull();
        const messages = [...errorPanel.shadowRoot.querySelectorAll('li')].map((li) => li.textContent);
        expect(messages).toEqual(['Failed to load script at /resource/1763820000000/collectionsPanel']);
    });

    it('shows the error view when the bundle does not define its globals', async () => {
        const element = createPanel();
        await flushPromises();

        const errorPanel = element.shadowRoot.querySelector('c-error-panel');
        expect(errorPanel).not.toBeNull();
        expect(errorPanel.shadowRoot.textContent).toContain('window.CollectionsPanel');
    });

    it('shows an Apex failure in the error view and rethrows it typed to the widget', async () => {
        installBundleGlobals();
        getSnapshot.mockRejectedValue(APEX_ERROR);
        const element = createPanel();
        await flushPromises();

        await expect(portFromMount().loadSnapshot({ id: ACCOUNT_ID })).rejects.toMatchObject({ kind: 'unknown' });
        await flushPromises();

        const errorPanel = element.shadowRoot.querySelector('c-error-panel');
        expect(errorPanel).not.toBeNull();
        const messages = [...errorPanel.shadowRoot.querySelectorAll('li')].map((li) => li.textContent);
        expect(messages).toEqual(['Insufficient permissions: secure query included inaccessible field']);
        expect(window.CollectionsLds.mapSnapshot).not.toHaveBeenCalled();
    });

    it('clears the error view once a later load succeeds', async () => {
        installBundleGlobals();
        getSnapshot.mockRejectedValueOnce(APEX_ERROR).mockResolvedValueOnce(JSON.stringify(APEX_SNAPSHOT));
        const element = createPanel();
        await flushPromises();
        const port = portFromMount();

        await expect(port.loadSnapshot({ id: ACCOUNT_ID })).rejects.toBeTruthy();
        await flushPromises();
        expect(element.shadowRoot.querySelector('c-error-panel')).not.toBeNull();

        await port.loadSnapshot({ id: ACCOUNT_ID });
        await flushPromises();
        expect(element.shadowRoot.querySelector('c-error-panel')).toBeNull();
    });

    it('is accessible with the panel mounted', async () => {
        installBundleGlobals();
        const element = createPanel();
        await flushPromises();

        await expect(element).toBeAccessible();
    });

    it('is accessible while showing an error', async () => {
        loadScript.mockRejectedValueOnce(new Error('Failed to load script'));
        const element = createPanel();
        await flushPromises();

        expect(element.shadowRoot.querySelector('c-error-panel')).not.toBeNull();
        await expect(element).toBeAccessible();
    });
});

describe('c-collections-panel: who signs, and the rep\'s view (issue 19)', () => {
    afterEach(() => resetPage());

    it('signs reminders with the signed-in user\'s name and mounts only once LDS has answered', async () => {
        installBundleGlobals();
        createPanel(ACCOUNT_ID, { user: null });
        await flushPromises();
        expect(window.CollectionsPanel.mount).not.toHaveBeenCalled();
        getRecord.emit(USER_RECORD);
        await flushPromises();
        const [, options] = window.CollectionsPanel.mount.mock.calls[0];
        expect(options.senderName).toBe('Priya Nair');
        expect(options.salesView).toBeUndefined();
    });

    it('mounts with the widget default signature when the user record cannot be read', async () => {
        installBundleGlobals();
        createPanel(ACCOUNT_ID, { user: null });
        await flushPromises();
        getRecord.error();
        await flushPromises();
        const [, options] = window.CollectionsPanel.mount.mock.calls[0];
        expect(options).not.toHaveProperty('senderName');
    });

    it('opens the rep\'s "Before you sell" view when asked', async () => {
        installBundleGlobals();
        createPanel('006Hn00000OpPoRIAV', { salesView: true });
        await flushPromises();
        const [, options] = window.CollectionsPanel.mount.mock.calls[0];
        expect(options).toMatchObject({ recordId: '006Hn00000OpPoRIAV', salesView: true, senderName: 'Priya Nair' });
    });
});

describe('c-collections-panel: the owner\'s answer on a dispute row (issue 19)', () => {
    const ANSWER = { idempotencyKey: 'answer-1', accountId: ACCOUNT_ID, disputeId: '500Hn00001DispAIAK', answer: 'rejected', creditNote: null, note: 'Delivered in full.' };

    afterEach(() => resetPage('CollectionsPanel', 'CollectionsLds', 'CollectionsLdsAfterPaint'));

    it('mounts with the signed-in user\'s id, so the panel offers the answer on disputes they own', async () => {
        installBundleGlobals();
        createPanel();
        await flushPromises();
        const [, options] = window.CollectionsPanel.mount.mock.calls[0];
        expect(typeof USER_ID).toBe('string');
        expect(USER_ID).not.toBe('');
        expect(options.userId).toBe(USER_ID);
        expect(typeof options.port.answerDispute).toBe('function');
    });

    it('answers through the disputes tab\'s Apex method and reads fresh data afterwards', async () => {
        installBundleGlobals();
        createPanel();
        await flushPromises();
        answerDisputeApex.mockResolvedValue(JSON.stringify({ id: ANSWER.disputeId, created: true }));
        getFreshSnapshot.mockResolvedValue(APEX_SNAPSHOT);
        const port = portFromMount();

        await expect(port.answerDispute(ANSWER)).resolves.toEqual({ id: ANSWER.disputeId, created: true });
        expect(window.CollectionsLdsAfterPaint.answerDispute).toHaveBeenCalledWith(expect.any(Function), ANSWER);
        expect(answerDisputeApex).toHaveBeenCalledWith({ idempotencyKey: 'answer-1', disputeId: ANSWER.disputeId });
        await port.loadSnapshot({ id: ACCOUNT_ID });
        expect(getFreshSnapshot).toHaveBeenCalledTimes(1);
        expect(getSnapshot).not.toHaveBeenCalled();
    });

    it('keeps a refused answer in the widget\'s form (typed error), without the host error view', async () => {
        installBundleGlobals();
        const element = createPanel();
        await flushPromises();
        answerDisputeApex.mockRejectedValue(APEX_ERROR);
        await expect(portFromMount().answerDispute(ANSWER)).rejects.toMatchObject({ kind: 'unknown', cause: APEX_ERROR });
        await flushPromises();
        expect(element.shadowRoot.querySelector('c-error-panel')).toBeNull();
    });
});
