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
