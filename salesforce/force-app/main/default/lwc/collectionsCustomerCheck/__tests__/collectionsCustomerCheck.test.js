import { createElement } from '@lwc/engine-dom';
import CollectionsCustomerCheck from 'c/collectionsCustomerCheck';
import { loadScript } from 'lightning/platformResourceLoader';
import { getRecord } from 'lightning/uiRecordApi';
import getSnapshot from '@salesforce/apex/CollectionsController.getSnapshot';
import { flushPromises, resetPage } from '../../../../../test/lwc-test-utils';

// The signed-in user as LDS getRecord answers it (the panel signs reminders with User.Name).
const USER_RECORD = require('./data/getUserRecord.json');

jest.mock('@salesforce/resourceUrl/collectionsPanel', () => ({ default: '/resource/1763820000000/collectionsPanel' }), { virtual: true });
jest.mock('@salesforce/apex/CollectionsController.getSnapshot', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/CollectionsController.getFreshSnapshot', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/CollectionsController.save', () => ({ default: jest.fn() }), { virtual: true });

const OPPORTUNITY_ID = '006Hn00000OpPoRIAV';

function installBundleGlobals() {
    window.CollectionsPanel = {
        mount: jest.fn((element) => {
            const heading = document.createElement('h2');
            heading.textContent = 'Before you sell';
            element.appendChild(heading);
            return { update: jest.fn(), unmount: jest.fn() };
        })
    };
    window.CollectionsLds = { mapSnapshot: jest.fn(), createWriter: jest.fn(() => jest.fn()), toConnectorError: jest.fn((e) => e), writeMethods: [] };
}

function createCheck() {
    const element = createElement('c-collections-customer-check', { is: CollectionsCustomerCheck });
    element.recordId = OPPORTUNITY_ID;
    element.objectApiName = 'Opportunity';
    document.body.appendChild(element);
    return element;
}

describe('c-collections-customer-check', () => {
    beforeEach(() => installBundleGlobals());
    afterEach(() => resetPage());

    it('collapsed, it is one button and costs nothing: no static resource, no Apex, no panel', async () => {
        const element = createCheck();
        await flushPromises();
        const button = element.shadowRoot.querySelector('button.toggle');
        expect(button.getAttribute('aria-expanded')).toBe('false');
        expect(button.textContent.trim()).toBe('Collections: check this customer before selling more');
        expect(element.shadowRoot.querySelector('c-collections-panel')).toBeNull();
        expect(loadScript).not.toHaveBeenCalled();
        expect(getSnapshot).not.toHaveBeenCalled();
        expect(window.CollectionsPanel.mount).not.toHaveBeenCalled();
    });

    it('opened, it is the record\'s collections panel in the rep\'s view; closed again, the panel goes', async () => {
        const element = createCheck();
        element.shadowRoot.querySelector('button.toggle').click();
        await flushPromises();
        const panel = element.shadowRoot.querySelector('c-collections-panel');
        expect(panel.recordId).toBe(OPPORTUNITY_ID);
        expect(panel.salesView).toBe(true);
        getRecord.emit(USER_RECORD);
        await flushPromises();
        expect(loadScript).toHaveBeenCalledTimes(1);
        const [, options] = window.CollectionsPanel.mount.mock.calls[0];
        expect(options).toMatchObject({ recordId: OPPORTUNITY_ID, salesView: true, senderName: 'Priya Nair' });
        const button = element.shadowRoot.querySelector('button.toggle');
        expect(button.getAttribute('aria-expanded')).toBe('true');

        button.click();
        await flushPromises();
        expect(element.shadowRoot.querySelector('c-collections-panel')).toBeNull();
        expect(button.getAttribute('aria-expanded')).toBe('false');
    });

    it('is accessible collapsed and open', async () => {
        const element = createCheck();
        await expect(element).toBeAccessible();
        element.shadowRoot.querySelector('button.toggle').click();
        await flushPromises();
        getRecord.emit(USER_RECORD);
        await flushPromises();
        await expect(element).toBeAccessible();
    });
});
