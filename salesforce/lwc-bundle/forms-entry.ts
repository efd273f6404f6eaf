/**
 * The `collectionsPanelForms` static resource (decision 0018, second pass): the panel's action forms, the
 * plan/dispute lists and the timeline (widget/src/forms/index.ts), loaded by the LWC after the panel has
 * painted (salesforce/lwc-bundle/forms-resource.ts). One Preact: `preact`, `preact/hooks` and the panel's
 * contexts (widget/src/state/context.ts) are not bundled here but read from `window.CollectionsPanelShared`,
 * which the `collectionsPanel` resource sets (salesforce/scripts/build-static-resource.mjs maps them).
 * Assigned on `window` explicitly, as entry.ts does (Lightning Web Security's virtual window).
 */
import * as forms from '../../widget/src/forms/index';

(window as unknown as Record<string, unknown>).CollectionsPanelForms = forms;
