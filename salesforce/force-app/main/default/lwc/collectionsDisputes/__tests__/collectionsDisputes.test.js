import { createElement } from '@lwc/engine-dom';
import CollectionsDisputes from 'c/collectionsDisputes';
import { loadScript } from 'lightning/platformResourceLoader';
import getOwnerDisputes from '@salesforce/apex/CollectionsDisputesController.getOwnerDisputes';
import answerDispute from '@salesforce/apex/CollectionsDisputesController.answerDispute';
import { flushPromises, resetPage } from '../../../../../test/lwc-test-utils';

// A real payload from the sandbox: the JSON text CollectionsDisputesController returns for the demo
// sales owner (the connector's owner query, product preset): the seeded pricing dispute of Jaipur Textiles.
const OWNER_DISPUTES = require('./data/getOwnerDisputes.json');

jest.mock('@salesforce/resourceUrl/collectionsDisputes', () => ({ default: '/resource/1763820000000/collectionsDisputes' }), { virtual: true });
jest.mock('@salesforce/apex/CollectionsDisputesController.getOwnerDisputes', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/CollectionsDisputesController.answerDispute', () => ({ default: jest.fn() }), { virtual: true });

const FIRST = JSON.parse(OWNER_DISPUTES)[0];

/** Stand-in for the static resource's global (the real bundle's Apex port is tested in vitest: test/contract/disputes-apex.test.ts). */
function installBundle() {
    const handle = { unmount: jest.fn() };
    window.CollectionsDisputes = {
        mount: jest.fn((element) => {
            const heading = document.createElement('h2');
            heading.textContent = 'Disputes waiting for me';
            element.appendChild(heading);
            return handle;
        })
    };
    return handle;
}

function createDisputes() {
    const element = createElement('c-collections-disputes', { is: CollectionsDisputes });
    document.body.appendChild(element);
    return element;
}

describe('c-collections-disputes', () => {
    afterEach(() => resetPage('CollectionsDisputes'));

    it('loads the static resource once and mounts the disputes for the signed-in user, in their locale and zone', async () => {
        installBundle();
        const element = createDisputes();
        await flushPromises();

        expect(loadScript).toHaveBeenCalledTimes(1);
        expect(loadScript.mock.calls[0][1]).toBe('/resource/1763820000000/collectionsDisputes');
        const [container, options] = window.CollectionsDisputes.mount.mock.calls[0];
        expect(container).toBe(element.shadowRoot.querySelector('div.disputes'));
        expect(options.userId.startsWith('005')).toBe(true);
        expect(options.locale).toBe('de-DE');
        expect(options.userTimeZone).toBe('Europe/Berlin');
        expect(element.shadowRoot.querySelector('c-error-panel')).toBeNull();
    });

    it("answers the bundle's Apex calls with the controller's JSON, by method", async () => {
        installBundle();
        getOwnerDisputes.mockResolvedValue(OWNER_DISPUTES);
        answerDispute.mockResolvedValue(JSON.stringify({ id: FIRST.Id, created: true }));
        createDisputes();
        await flushPromises();

        const { call } = window.CollectionsDisputes.mount.mock.calls[0][1];
        const rows = JSON.parse(await call('getOwnerDisputes', {}));
        expect(getOwnerDisputes).toHaveBeenCalledTimes(1);
        expect(rows[0].attributes.type).toBe('Case');
        expect(rows[0].Account.Name).toBe('Jaipur Textiles Pvt Ltd');
        const params = { idempotencyKey: 'answer-1', accountId: FIRST.AccountId, disputeId: FIRST.Id, answer: 'rejected', creditNote: null, creditNoteCurrency: null, note: 'Billed at the contract rate.' };
        expect(JSON.parse(await call('answerDispute', params))).toEqual({ id: FIRST.Id, created: true });
        expect(answerDispute).toHaveBeenCalledWith(params);
    });

    it('shows the error panel when the static resource does not load', async () => {
        loadScript.mockRejectedValueOnce(new Error('404'));
        const element = createDisputes();
        await flushPromises();
        expect(element.shadowRoot.querySelector('c-error-panel')).not.toBeNull();
    });

    it('unmounts the view when removed from the page, and is accessible', async () => {
        const handle = installBundle();
        const element = createDisputes();
        await flushPromises();
        await expect(element).toBeAccessible();
        document.body.removeChild(element);
        expect(handle.unmount).toHaveBeenCalledTimes(1);
    });
});
