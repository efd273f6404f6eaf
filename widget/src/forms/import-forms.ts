/**
 * How forms/lazy.ts fetches the forms module: a dynamic import (the forms chunk of ES-module builds). The
 * LWC static resource swaps this file for salesforce/lwc-bundle/forms-resource.ts, which asks the LWC to
 * load the second static resource `collectionsPanelForms` (decision 0018).
 */
import type * as Forms from './index';

export function importForms(): Promise<typeof Forms> {
  return import('./index');
}
