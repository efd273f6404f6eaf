import { createElement } from '@lwc/engine-dom';
import CollectionsReports from 'c/collectionsReports';
import { loadScript } from 'lightning/platformResourceLoader';
import getPortfolioRows from '@salesforce/apex/CollectionsPortfolioController.getPortfolioRows';
import getOrgCurrencies from '@salesforce/apex/CollectionsPortfolioController.getOrgCurrencies';
import { flushPromises, resetPage } from '../../../../../test/lwc-test-utils';

// Real payloads from the sandbox, as CollectionsPortfolioController returns them.
const PORTFOLIO_ROWS = require('./data/getPortfolioRows.json');
const ORG_CURRENCIES = require('./data/getOrgCurrencies.json');

jest.mock('@salesforce/resourceUrl/collectionsReports', () => ({ default: '/resource/1763820000000/collectionsReports' }), { virtual: true });
jest.mock('@salesforce/apex/CollectionsPortfolioController.getPortfolioRows', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/CollectionsPortfolioController.getOrgCurrencies', () => ({ default: jest.fn() }), { virtual: true });

function installBundle() {
    const handle = { unmount: jest.fn(), update: jest.fn() };
    window.CollectionsReports = { mount: jest.fn(() => Promise.resolve(handle)) };
    return handle;
}

function createReports() {
    const element = createElement('c-collections-reports', { is: CollectionsReports });
    document.body.appendChild(element);
    return element;
}

describe('c-collections-reports', () => {
    afterEach(() => resetPage('CollectionsReports'));

    it('says it is reading, then mounts the reports with an Apex call function and the user locale', async () => {
        installBundle();
        const element = createReports();
        expect(element.shadowRoot.querySelector('[role="status"]')).not.toBeNull();
        await flushPromises(8);

        expect(loadScript.mock.calls[0][1]).toBe('/resource/1763820000000/collectionsReports');
        const [container, options] = window.CollectionsReports.mount.mock.calls[0];
        expect(container).toBe(element.shadowRoot.querySelector('div.reports'));
        expect(options.locale).toBe('de-DE');
        expect(element.shadowRoot.querySelector('[role="status"]')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it("answers the bundle's Apex calls with the controller's JSON", async () => {
        installBundle();
        getPortfolioRows.mockResolvedValue(PORTFOLIO_ROWS);
        getOrgCurrencies.mockResolvedValue(ORG_CURRENCIES);
        createReports();
        await flushPromises(8);
        const { call } = window.CollectionsReports.mount.mock.calls[0][1];
        const params = { queryName: 'invoices_history_org', collectorIds: null, yearAgo: null, activitySince: null, historyStart: null, historySince: '2025-01-01' };
        expect(JSON.parse(await call('getPortfolioRows', params))[0].Invoice_Number__c).toMatch(/^INV-/);
        expect(getPortfolioRows).toHaveBeenCalledWith(params);
        expect(JSON.parse(await call('getOrgCurrencies', {})).dated.length).toBeGreaterThan(0);
    });

    it('shows the error panel when the report pass fails', async () => {
        window.CollectionsReports = { mount: jest.fn(() => Promise.reject(new Error('Unknown portfolio query'))) };
        const element = createReports();
        await flushPromises(8);
        expect(element.shadowRoot.querySelector('c-error-panel')).not.toBeNull();
    });
});
