/**
 * `panel-forms.iife.js` (decision 0018, fifth pass): the classic-script panel's action forms, plan/dispute lists and
 * timeline (forms/index.ts), loaded by panel.iife.js after first paint (forms/import-forms-classic.ts). Built with
 * `preact`, `preact/hooks` and the panel's contexts read from `window.CollectionsPanelShared` (scripts/forms-classic.mjs):
 * one Preact, so the forms render inside the panel's tree. Same protocol as the LWC's `collectionsPanelForms`.
 */
import * as forms from './index';

(window as unknown as Record<string, unknown>).CollectionsPanelForms = forms;
