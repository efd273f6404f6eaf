import { loadScript } from 'lightning/platformResourceLoader';
import { mountWidget } from 'c/widgetTab';

jest.mock('lightning/platformResourceLoader', () => ({ loadScript: jest.fn() }), { virtual: true });

const component = {};
const target = {};
const params = (options) => ({ resourceUrl: '/resource/1/collectionsThing', resourceName: 'collectionsThing', label: 'thing', globalName: 'CollectionsThing', target, options });

describe('c-widget-tab mountWidget', () => {
    afterEach(() => {
        delete window.CollectionsThing;
        jest.clearAllMocks();
    });

    it('loads the resource once and mounts the global it defines with the options', async () => {
        loadScript.mockResolvedValue();
        const handle = { unmount: jest.fn() };
        window.CollectionsThing = { mount: jest.fn(() => handle) };
        await expect(mountWidget(component, params({ locale: 'en-IN' }))).resolves.toBe(handle);
        expect(loadScript).toHaveBeenCalledWith(component, '/resource/1/collectionsThing');
        expect(window.CollectionsThing.mount).toHaveBeenCalledWith(target, { locale: 'en-IN' });
    });

    it('says which static resource could not be loaded', async () => {
        loadScript.mockRejectedValue(new Error('404'));
        await expect(mountWidget(component, params({}))).rejects.toThrow('The thing bundle (static resource collectionsThing) could not be loaded.');
    });

    it('says when the resource loaded but defined no widget', async () => {
        loadScript.mockResolvedValue();
        await expect(mountWidget(component, params({}))).rejects.toThrow('The collectionsThing static resource did not define window.CollectionsThing.');
    });
});
