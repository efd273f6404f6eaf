import { createElement } from '@lwc/engine-dom';
import CollectionsWorklist from 'c/collectionsWorklist';
import { loadScript } from 'lightning/platformResourceLoader';
import { getNavigateCalledWith } from 'lightning/navigation';
import getPortfolioRows from '@salesforce/apex/CollectionsPortfolioController.getPortfolioRows';
import getOrgCurrencies from '@salesforce/apex/CollectionsPortfolioController.getOrgCurrencies';
import { flushPromises, resetPage } from '../../../../../test/lwc-test-utils';

// Real payloads from the sandbox: the JSON text CollectionsPortfolioController returns for a worklist
// invoice query of the demo collector, and for the org's currencies.
const PORTFOLIO_ROWS = require('./data/getPortfolioRows.json');
const ORG_CURRENCIES = require('./data/getOrgCurrencies.json');

jest.mock('@salesforce/resourceUrl/collectionsWorklist', () => ({ default: '/resource/1763820000000/collectionsWorklist' }), { virtual: true });
jest.mock('@salesforce/apex/CollectionsPortfolioController.getPortfolioRows', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/CollectionsPortfolioController.getOrgCurrencies', () => ({ default: jest.fn() }), { virtual: true });

const ACCOUNT_ID = JSON.parse(PORTFOLIO_ROWS)[0].Account__c;

/** Stand-in for the static resource's global (the real bundle's reader is tested in vitest: test/contract/portfolio-apex.test.ts). */
function installBundle() {
    const handle = { unmount: jest.fn() };
    window.CollectionsWorklist = {
        mount: jest.fn((element) => {
            const heading = document.createElement('h2');
            heading.textContent = 'My day';
            element.appendChild(heading);
            return handle;
        })
    };
    return handle;
}

function createWorklist() {
    const element = createElement('c-collections-worklist', { is: CollectionsWorklist });
    document.body.appendChild(element);
    return element;
}

describe('c-collections-worklist', () => {
    afterEach(() => resetPage('CollectionsWorklist'));

    it('loads the static resource once and mounts the worklist for the signed-in user, in their locale and zone', async () => {
        installBundle();
        const element = createWorklist();
        await flushPromises();

        expect(loadScript).toHaveBeenCalledTimes(1);
        expect(loadScript.mock.calls[0][1]).toBe('/resource/1763820000000/collectionsWorklist');
        const [container, options] = window.CollectionsWorklist.mount.mock.calls[0];
        expect(container).toBe(element.shadowRoot.querySelector('div.worklist'));
        expect(typeof options.collectorId).toBe('string');
        expect(options.collectorId.startsWith('005')).toBe(true);
        expect(options.locale).toBe('de-DE');
        expect(options.userTimeZone).toBe('Europe/Berlin');
        expect(element.shadowRoot.querySelector('c-error-panel')).toBeNull();
    });

    it("answers the bundle's Apex calls with the controller's JSON, by method", async () => {
        installBundle();
        getPortfolioRows.mockResolvedValue(PORTFOLIO_ROWS);
        getOrgCurrencies.mockResolvedValue(ORG_CURRENCIES);
        createWorklist();
        await flushPromises();

        const { call } = window.CollectionsWorklist.mount.mock.calls[0][1];
        const params = { queryName: 'invoices_worklist_collectors', collectorIds: ['005Hs0000000002IAA'], yearAgo: '2025-11-20', activitySince: null, historyStart: null, historySince: null };
        const rows = JSON.parse(await call('getPortfolioRows', params));
        expect(getPortfolioRows).toHaveBeenCalledWith(params);
        expect(rows[0].attributes.type).toBe('Collections_Invoice__c');
        const currencies = JSON.parse(await call('getOrgCurrencies', {}));
        expect(currencies.types.find((t) => t.IsCorporate).IsoCode).toBe('USD');
    });

    it("opening a row navigates to the account's Lightning record page", async () => {
        installBundle();
        createWorklist();
        await flushPromises();

        window.CollectionsWorklist.mount.mock.calls[0][1].onOpen(ACCOUNT_ID);
        const { pageReference } = getNavigateCalledWith();
        expect(pageReference).toEqual({ type: 'standard__recordPage', attributes: { recordId: ACCOUNT_ID, objectApiName: 'Account', actionName: 'view' } });
    });

    it('shows the error panel when the static resource does not load', async () => {
        loadScript.mockRejectedValueOnce(new Error('404'));
        const element = createWorklist();
        await flushPromises();
        expect(element.shadowRoot.querySelector('c-error-panel')).not.toBeNull();
    });

    it('unmounts the worklist when removed from the page, and is accessible', async () => {
        const handle = installBundle();
        const element = createWorklist();
        await flushPromises();
        await expect(element).toBeAccessible();
        document.body.removeChild(element);
        expect(handle.unmount).toHaveBeenCalledTimes(1);
    });
});
