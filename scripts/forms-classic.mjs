// Vite plugins for the widget's two classic scripts (decision 0018, fifth pass): the panel `panel.iife.js` and its
// action forms `panel-forms.iife.js`, loaded after first paint as the ES-module build's forms chunk is. The LWC's two
// static resources follow the same protocol (salesforce/scripts/build-static-resource.mjs).
import { fileURLToPath } from 'node:url';

const CLASSIC_IMPORT = fileURLToPath(new URL('../widget/src/forms/import-forms-classic.ts', import.meta.url));
/** The panel's own modules the forms must share (one memo, one context object), by their name under widget/src/state/. */
const SHARED_STATE = { context: 'collections-panel-shared-context', compliance: 'collections-panel-shared-compliance' };

/**
 * In the panel: forms/lazy.ts gets the forms through `loader` instead of its dynamic import: by default the second
 * classic script (forms/import-forms-classic.ts); the LWC build passes its second static resource's loader
 * (salesforce/lwc-bundle/forms-resource.ts).
 */
export function formsFromSecondScript(loader = CLASSIC_IMPORT) {
  return {
    name: 'collections-forms-second-script',
    enforce: 'pre',
    resolveId(source, importer) {
      if (importer && /[\\/]widget[\\/]src[\\/]forms[\\/]lazy\.ts$/.test(importer) && /^\.\/import-forms(\.ts)?$/.test(source)) {
        return loader;
      }
      return null;
    },
  };
}

/**
 * In the forms script: Preact, its hooks and the panel's contexts are the panel's (window.CollectionsPanelShared, set by
 * import-forms-classic.ts), never a second copy, whose hooks and contexts would see no renderer. Pair with
 * `output.globals: SHARED_GLOBALS`.
 */
export function sharedFromPanel() {
  return {
    name: 'collections-forms-shared-from-panel',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === 'preact' || source === 'preact/hooks') {
        return { id: source, external: true };
      }
      for (const [name, id] of Object.entries(SHARED_STATE)) {
        const inState = /[\\/]widget[\\/]src[\\/]state[\\/]/.test(importer ?? '') && source === `./${name}`;
        if (inState || (/[\\/]widget[\\/]src[\\/]/.test(importer ?? '') && source.endsWith(`state/${name}`))) {
          return { id, external: true };
        }
      }
      return null;
    },
  };
}

export const SHARED_GLOBALS = {
  preact: 'CollectionsPanelShared.preact',
  'preact/hooks': 'CollectionsPanelShared.hooks',
  [SHARED_STATE.context]: 'CollectionsPanelShared.context',
  [SHARED_STATE.compliance]: 'CollectionsPanelShared.compliance',
};
