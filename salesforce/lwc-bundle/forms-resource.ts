/**
 * widget/src/forms/import-forms.ts for the LWC host (decision 0018, second pass): the action forms, the
 * plan/dispute lists and the timeline are a second static resource, `collectionsPanelForms`, that the LWC
 * loads with `loadScript` on first use or idle (forms/lazy.ts decides when). The LWC sets
 * `window.CollectionsPanelLoadForms` (a `loadScript` of that resource); the resource sets
 * `window.CollectionsPanelForms` (salesforce/lwc-bundle/forms-entry.ts). A failed or missing load rejects,
 * and forms/lazy.ts shows its "Try again" notice.
 */
import type * as Forms from '../../widget/src/forms/index';

type FormsModule = typeof Forms;

interface FormsHost {
  CollectionsPanelForms?: FormsModule;
  CollectionsPanelLoadForms?: () => Promise<unknown>;
}

export function importForms(): Promise<FormsModule> {
  const host = window as unknown as FormsHost;
  if (host.CollectionsPanelForms) {
    return Promise.resolve(host.CollectionsPanelForms);
  }
  if (typeof host.CollectionsPanelLoadForms !== 'function') {
    return Promise.reject(new Error('No loader for the collectionsPanelForms static resource (window.CollectionsPanelLoadForms).'));
  }
  return host.CollectionsPanelLoadForms().then(() => {
    if (!host.CollectionsPanelForms) {
      throw new Error('The collectionsPanelForms static resource did not define window.CollectionsPanelForms.');
    }
    return host.CollectionsPanelForms;
  });
}
